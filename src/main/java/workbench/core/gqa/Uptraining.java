package workbench.core.gqa;

import workbench.concurrent.Progress;
import workbench.core.memory.ValidationSample;
import workbench.core.model.MiniTransformer;
import workbench.core.tensor.Rng;
import workbench.core.tokenizer.Tokenizer;
import workbench.core.train.Batch;
import workbench.core.train.BatchSource;
import workbench.core.train.Corpus;
import workbench.core.train.TokenWindows;
import workbench.core.train.Trainer;
import workbench.core.train.TrainingConfig;
import workbench.core.train.TrainingProgress;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The GQA paper's "uptraining": a short continuation of training after the K/V heads were pooled,
 * so the model adapts to its shared heads. Here it is the workbench's own {@link Trainer} with the
 * bundled checkpoint's recipe (batch 12, AdamW, clipping at 1.0) at a lower learning rate, since
 * the model starts trained rather than random. Validation uses one fixed {@link ValidationSample},
 * so the losses before and after (and of any other model measured on it) are paired.
 */
public final class Uptraining {

    public static final int DEFAULT_STEPS = 200;
    public static final int MIN_STEPS = 1;
    public static final int MAX_STEPS = 5000;
    /** Sequences per step, as the bundled model was trained. */
    public static final int BATCH_SIZE = 12;
    /**
     * Peak learning rate: the checkpoint's schedule peaked at 1e-3 and ended at 1e-4; a model that
     * starts trained continues at a third of the peak. What this recovers on the bundled model is
     * measured in docs/gqa-figures.md.
     */
    public static final double PEAK_LR = 3e-4;
    public static final double MIN_LR = 3e-5;
    /** Validation losses are measured this many times during a run (and always at its end). */
    public static final int EVALUATIONS = 4;

    private Uptraining() {
    }

    /** One measurement of the validation loss during a run. */
    public record Point(int step, double loss) {
    }

    /**
     * How a fine-tune went.
     *
     * @param steps          steps completed (fewer than planned when cancelled)
     * @param plannedSteps   steps asked for
     * @param cancelled      true when stopped early
     * @param validationLoss loss on the sample after the last completed step (NaN if no step ran)
     * @param trainLoss      (steps) training-batch loss of each step
     * @param validation     the sample's loss at the evaluation steps, the last at {@code steps}
     * @param seconds        wall time
     */
    public record Result(int steps, int plannedSteps, boolean cancelled, double validationLoss, double[] trainLoss,
                         List<Point> validation, double seconds) {
        public Result {
            validation = List.copyOf(validation);
        }
    }

    /** The training settings for a fine-tune of {@code steps} steps, batches drawn with {@code seed}. */
    public static TrainingConfig settings(int steps, long seed) {
        if (steps < MIN_STEPS || steps > MAX_STEPS) {
            throw new IllegalArgumentException("A fine-tune takes " + MIN_STEPS + " to " + MAX_STEPS + " steps, not "
                    + steps + ".");
        }
        int warmup = Math.min(20, steps / 10);
        int evalEvery = Math.max(1, (steps + EVALUATIONS - 1) / EVALUATIONS);
        return new TrainingConfig(steps, BATCH_SIZE, PEAK_LR, MIN_LR, warmup, 0.1, 1.0, evalEvery, 1, seed);
    }

    /** Training windows of the corpus's training part, in the tokenizer's ids, of the model's context length. */
    public static TokenWindows trainingData(Tokenizer tokenizer, Corpus corpus, int contextLength) {
        int[] train = tokenizer.encode(corpus.trainText());
        int[] held = tokenizer.encode(corpus.validationText());
        return new TokenWindows(train, held, contextLength);
    }

    /**
     * Fine-tunes {@code model} in place (pass a copy to keep the original). Cancelling stops after
     * the current step; the model keeps what it learned so far and the result says so.
     *
     * @param listener hears every step, on the calling thread
     */
    public static Result run(MiniTransformer model, TokenWindows data, ValidationSample validation,
                             TrainingConfig settings, Progress progress, Consumer<TrainingProgress> listener) {
        List<Batch> held = validation.batches();
        BatchSource source = new BatchSource() {
            @Override
            public Batch trainingBatch(Rng rng, int batchSize) {
                return data.trainingBatch(rng, batchSize);
            }

            @Override
            public List<Batch> validationBatches(int batchSize, int maxBatches) {
                return held; // the paired sample, whatever the trainer would have cut
            }
        };
        double[] losses = new double[settings.steps()];
        List<Point> points = new ArrayList<>();
        Trainer.Result result = new Trainer(model, settings, source).run(progress, report -> {
            losses[report.step() - 1] = report.trainLoss();
            report.validationLoss().ifPresent(loss -> points.add(new Point(report.step(), loss)));
            listener.accept(report);
        });
        if (result.cancelled() && result.steps() > 0) {
            points.add(new Point(result.steps(), result.finalValidationLoss()));
        }
        double[] done = java.util.Arrays.copyOf(losses, result.steps());
        double after = result.steps() == 0 ? Double.NaN : result.finalValidationLoss();
        return new Result(result.steps(), settings.steps(), result.cancelled(), after, done, points, result.seconds());
    }
}
