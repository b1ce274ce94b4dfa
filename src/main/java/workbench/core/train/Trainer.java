package workbench.core.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import workbench.concurrent.Progress;
import workbench.core.model.MiniTransformer;
import workbench.core.tensor.Rng;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Trains a {@link MiniTransformer} in place with AdamW, linear warm-up then cosine decay, and
 * global-norm gradient clipping; validates at intervals; reports progress; stops when cancelled.
 * Deterministic for a given model seed and training seed.
 */
public final class Trainer {

    private final MiniTransformer model;
    private final TrainingConfig config;
    private final BatchSource data;

    public Trainer(MiniTransformer model, TrainingConfig config, BatchSource data) {
        this.model = model;
        this.config = config;
        this.data = data;
    }

    /** How a run ended. */
    public record Result(int steps, double finalTrainLoss, double finalValidationLoss, double seconds,
                         double tokensPerSecond, boolean cancelled) {
    }

    /**
     * Runs the training loop. Cancelling stops after the current step and returns what was reached
     * (the model keeps the weights of the last completed step).
     */
    public Result run(Progress progress, Consumer<TrainingProgress> listener) {
        Rng rng = new Rng(config.seed());
        AdamW optimizer = new AdamW(model.parameters(), 0.9, 0.99, 1e-8, config.weightDecay());
        LearningRateSchedule schedule = config.schedule();
        List<Batch> validation = data.validationBatches(config.batchSize(), config.evalBatches());
        long start = System.nanoTime();
        long tokens = 0;
        double trainLoss = Double.NaN;
        double validationLoss = Double.NaN;
        int step = 0;
        boolean cancelled = false;
        for (; step < config.steps(); step++) {
            if (progress.isCancelled()) {
                cancelled = true;
                break;
            }
            Batch batch = data.trainingBatch(rng, config.batchSize());
            model.parameters().zeroGrad();
            trainLoss = model.lossAndGradients(batch.inputs(), batch.targets(), batch.scored());
            if (!Double.isFinite(trainLoss)) {
                throw new IllegalStateException("training diverged at step " + (step + 1)
                        + " (loss is " + trainLoss + "); try a lower learning rate");
            }
            double norm = clipGradients();
            double lr = schedule.at(step);
            optimizer.step(lr);
            tokens += (long) batch.size() * batch.length();
            double seconds = (System.nanoTime() - start) / 1e9;
            OptionalDouble evaluated = OptionalDouble.empty();
            if ((step + 1) % config.evalEvery() == 0 || step + 1 == config.steps()) {
                validationLoss = evaluate(validation);
                evaluated = OptionalDouble.of(validationLoss);
            }
            TrainingProgress report = new TrainingProgress(step + 1, config.steps(), trainLoss, evaluated, lr, norm,
                    tokens / Math.max(1e-9, seconds), seconds);
            listener.accept(report);
            progress.update(report.fraction(), String.format(Locale.ROOT, "step %d/%d, loss %.3f",
                    step + 1, config.steps(), trainLoss));
        }
        if (cancelled && step > 0) {
            validationLoss = evaluate(validation);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(step, trainLoss, validationLoss, seconds, tokens / Math.max(1e-9, seconds), cancelled);
    }

    /** Mean loss over the fixed validation batches. */
    public double evaluate(List<Batch> batches) {
        double sum = 0;
        double count = 0;
        for (Batch batch : batches) {
            double positions = batch.scored() == null ? (double) batch.size() * batch.length() : scoredCount(batch);
            sum += model.loss(batch.inputs(), batch.targets(), batch.scored()) * positions;
            count += positions;
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static double scoredCount(Batch batch) {
        double count = 0;
        for (float[] row : batch.scored()) {
            for (float w : row) {
                count += w;
            }
        }
        return count;
    }

    /** Scales the gradients so that their global L2 norm is at most the clip value; returns the norm before. */
    private double clipGradients() {
        INDArray grad = model.parameters().flatGrad();
        double norm = grad.norm2Number().doubleValue();
        if (config.gradClip() > 0 && norm > config.gradClip()) {
            grad.muli(config.gradClip() / norm);
        }
        return norm;
    }

    /** Throws if cancelled; for callers that treat a cancelled run as no result. */
    public static void requireFinished(Result result) {
        if (result.cancelled()) {
            throw new CancellationException("training cancelled after " + result.steps() + " steps");
        }
    }
}
