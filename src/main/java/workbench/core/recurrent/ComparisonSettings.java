package workbench.core.recurrent;

import workbench.core.model.TransformerConfig;
import workbench.core.train.SequenceTask;

/**
 * Everything that fixes a side-by-side training run, so that it can be repeated exactly: the
 * same task, data, budget and seed for every cell.
 *
 * @param task         the task: a synthetic one with its longest distance, or next characters of the corpus
 * @param embedSize    token embedding width (E)
 * @param hiddenSize   hidden state width (H), the same for every cell; the transformer's width follows
 *                     from it ({@link #transformerConfig()})
 * @param steps        optimizer steps (the budget), the same for every model
 * @param batchSize    sequences per step, the same batches for every model
 * @param learningRate peak AdamW learning rate (after a short warm-up, cosine decay to a tenth)
 * @param seed         seed of the weights, the training data and the test data
 */
public record ComparisonSettings(SequenceTask task, int embedSize, int hiddenSize, int steps, int batchSize,
                                 double learningRate, long seed) {

    public static final int MAX_STEPS = 5000;
    public static final int MAX_BATCH = 256;

    public ComparisonSettings {
        if (task == null) {
            throw new IllegalArgumentException("choose a task");
        }
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("the budget must be between 1 and " + MAX_STEPS + " steps, not " + steps);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("the batch size must be between 1 and " + MAX_BATCH + ", not " + batchSize);
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("the learning rate must be in (0, 1], not " + learningRate);
        }
        new RecurrentConfig(CellKind.RNN, task.vocabSize(), embedSize, hiddenSize, seed);   // checks the sizes
    }

    /** The lab's defaults for a task: H = 32, E = 16, 300 steps of 32 sequences, learning rate 0.01, seed 42. */
    public static ComparisonSettings defaults(SequenceTask task) {
        return new ComparisonSettings(task, 16, 32, 300, 32, 0.01, 42);
    }

    /** The model configuration of one cell under these settings. */
    public RecurrentConfig config(CellKind cell) {
        return new RecurrentConfig(cell, task.vocabSize(), embedSize, hiddenSize, seed);
    }

    /**
     * The transformer's shape under these settings: {@link TransformerSequenceModel#shape} with the
     * LSTM's parameter count as the target, a context that holds the task's longest sequence.
     */
    public TransformerConfig transformerConfig() {
        return TransformerSequenceModel.shape(task.vocabSize(), Math.max(task.maxLength(), TransformerSequenceModel.CONTEXT),
                config(CellKind.LSTM).parameterCount(), seed);
    }

    public ComparisonSettings withSteps(int value) {
        return new ComparisonSettings(task, embedSize, hiddenSize, value, batchSize, learningRate, seed);
    }

    public ComparisonSettings withHiddenSize(int value) {
        return new ComparisonSettings(task, embedSize, value, steps, batchSize, learningRate, seed);
    }

    public ComparisonSettings withSeed(long value) {
        return new ComparisonSettings(task, embedSize, hiddenSize, steps, batchSize, learningRate, value);
    }
}
