package workbench.core.train;

import java.util.OptionalDouble;

/**
 * One report from a training run.
 *
 * @param step            steps done so far
 * @param totalSteps      steps planned
 * @param trainLoss       mean cross-entropy (nats per token) of this step's batch
 * @param validationLoss  mean cross-entropy on the validation batches, when evaluated at this step
 * @param learningRate    the rate used at this step
 * @param gradientNorm    global gradient norm before clipping
 * @param tokensPerSecond training throughput so far
 * @param elapsedSeconds  wall time since the start
 */
public record TrainingProgress(int step, int totalSteps, double trainLoss, OptionalDouble validationLoss,
                               double learningRate, double gradientNorm, double tokensPerSecond,
                               double elapsedSeconds) {

    /** exp(loss): how many tokens the model is, on average, choosing between. */
    public static double perplexity(double loss) {
        return Math.exp(loss);
    }

    /** loss / ln 2: bits needed per token. */
    public static double bitsPerToken(double loss) {
        return loss / Math.log(2);
    }

    public double fraction() {
        return (double) step / totalSteps;
    }
}
