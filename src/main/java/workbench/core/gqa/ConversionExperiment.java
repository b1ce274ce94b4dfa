package workbench.core.gqa;

import workbench.concurrent.Progress;
import workbench.core.memory.ValidationSample;
import workbench.core.model.MiniTransformer;
import workbench.core.tokenizer.Tokenizer;
import workbench.core.train.Corpus;
import workbench.core.train.TokenWindows;
import workbench.core.train.TrainingProgress;

import java.util.function.Consumer;

/**
 * The GQA lab's experiment, start to end: measure the trained MHA model on a fixed validation
 * sample, mean-pool its K/V heads ({@link KvHeadConversion}), measure again, fine-tune the pooled
 * model briefly ({@link Uptraining}) and measure a third time. The three losses are on the same
 * windows, so their differences are paired.
 */
public final class ConversionExperiment {

    public static final int DEFAULT_WINDOWS = 64;
    public static final int MIN_WINDOWS = 1;
    public static final int MAX_WINDOWS = 2000;
    public static final long DEFAULT_SEED = 1;
    /** Windows per forward pass when measuring. */
    static final int EVAL_BATCH = 16;

    private ConversionExperiment() {
    }

    /**
     * What to run.
     *
     * @param kvHeads K/V heads per layer after pooling; divides the model's K/V heads
     * @param steps   fine-tune steps ({@link Uptraining#MIN_STEPS} .. {@link Uptraining#MAX_STEPS})
     * @param windows validation windows of the model's context length
     * @param seed    draws the fine-tune's training batches
     */
    public record Settings(int kvHeads, int steps, int windows, long seed) {
        public Settings {
            if (windows < MIN_WINDOWS || windows > MAX_WINDOWS) {
                throw new IllegalArgumentException("Measure on " + MIN_WINDOWS + " to " + MAX_WINDOWS
                        + " validation windows, not " + windows + ".");
            }
            Uptraining.settings(steps, seed); // checks the step count
        }
    }

    /**
     * The figures of one run.
     *
     * @param settings   what was run
     * @param heads      query heads per layer
     * @param fromKv     K/V heads per layer before pooling
     * @param tokens     predicted tokens in the validation sample (windows × context)
     * @param mhaLoss    the trained model's validation loss (nats per token)
     * @param pooledLoss the mean-pooled model's loss, before any fine-tune
     * @param fineTune   the fine-tune: its steps (fewer when cancelled), losses along the way and at its end
     */
    public record Report(Settings settings, int heads, int fromKv, long tokens, double mhaLoss, double pooledLoss,
                         Uptraining.Result fineTune) {

        /** "GQA-2" or "MQA" (or "MHA" when nothing was pooled). */
        public String kind() {
            return settings.kvHeads() == 1 ? "MQA" : settings.kvHeads() == heads ? "MHA" : "GQA-" + settings.kvHeads();
        }

        public double tunedLoss() {
            return fineTune.validationLoss();
        }

        /** The share of the pooling's loss increase that the fine-tune won back (1 = all of it). */
        public double recovered() {
            double cost = pooledLoss - mhaLoss;
            return cost == 0 ? Double.NaN : (pooledLoss - tunedLoss()) / cost;
        }
    }

    /** A report and the fine-tuned model it measured. */
    public record Outcome(Report report, MiniTransformer tuned) {
    }

    /**
     * Runs the experiment on a copy of {@code trained} (which is left unchanged). Cancelling during
     * the fine-tune keeps the steps done; cancelling before it throws a CancellationException.
     *
     * @param listener hears every fine-tune step, on the calling thread
     */
    public static Outcome run(MiniTransformer trained, Tokenizer tokenizer, Corpus corpus, Settings settings,
                              Progress progress, Consumer<TrainingProgress> listener) {
        int context = trained.config().contextLength();
        progress.update(-1, "Measuring the trained model");
        ValidationSample sample = ValidationSample.of(tokenizer, corpus, context, settings.windows(), EVAL_BATCH);
        double mha = sample.loss(trained, done -> progress.checkCancelled());
        progress.update(-1, "Pooling the K/V heads and measuring again");
        MiniTransformer pooled = KvHeadConversion.meanPool(trained, settings.kvHeads());
        double pooledLoss = sample.loss(pooled, done -> progress.checkCancelled());
        progress.update(0, "Fine-tuning");
        TokenWindows data = Uptraining.trainingData(tokenizer, corpus, context);
        Uptraining.Result tune = Uptraining.run(pooled, data, sample, Uptraining.settings(settings.steps(), settings.seed()),
                progress, listener);
        Report report = new Report(settings, trained.config().heads(), trained.config().kvHeads(),
                sample.predictedTokens(), mha, pooledLoss, tune);
        return new Outcome(report, pooled);
    }
}
