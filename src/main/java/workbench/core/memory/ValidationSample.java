package workbench.core.memory;

import workbench.core.model.MiniTransformer;
import workbench.core.tokenizer.Tokenizer;
import workbench.core.tokenizer.UnencodableTextException;
import workbench.core.train.Batch;
import workbench.core.train.Corpus;
import workbench.core.train.TokenWindows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A fixed set of validation windows to measure a model on: the validation part of a corpus is
 * tiled into windows of the model's context length (as {@link TokenWindows} tiles it for the
 * trainer), and {@code windows} of them are taken at evenly spaced places, so that a small sample
 * still reads the whole held-out text rather than its first page.
 *
 * @param batches          the windows, {@code batchSize} per batch (the last may be smaller)
 * @param windows          windows in the sample
 * @param windowLength     tokens per window (T), each predicting the next token at every position
 * @param availableWindows windows that tile the validation part
 * @param validationTokens tokens of the validation part
 */
public record ValidationSample(List<Batch> batches, int windows, int windowLength, int availableWindows,
                               int validationTokens) {

    public static final int MAX_WINDOWS = 100_000;

    /** Predicted tokens: windows x T. */
    public long predictedTokens() {
        return (long) windows * windowLength;
    }

    /**
     * The validation sample of {@code corpus} for a model of context length {@code windowLength}.
     *
     * @param windows   how many windows; all of them when there are fewer
     * @param batchSize windows per forward pass
     * @throws IllegalArgumentException when the tokenizer cannot read the corpus or the text is too short
     */
    public static ValidationSample of(Tokenizer tokenizer, Corpus corpus, int windowLength, int windows, int batchSize) {
        if (windows < 1 || windows > MAX_WINDOWS || batchSize < 1) {
            throw new IllegalArgumentException("A validation sample needs 1 to " + MAX_WINDOWS
                    + " windows and a positive batch size, not " + windows + " and " + batchSize + ".");
        }
        int[] validation;
        try {
            validation = tokenizer.encode(corpus.validationText());
        } catch (UnencodableTextException foreign) {
            throw new IllegalArgumentException("This model's tokenizer cannot read the corpus '" + corpus.name()
                    + "' (" + foreign.getMessage() + "), so it cannot be measured on it.");
        }
        if (validation.length <= windowLength) {
            throw new IllegalArgumentException("The validation text has " + validation.length
                    + " tokens, too few for one window of " + windowLength + ".");
        }
        // Only the validation windows are read; TokenWindows wants a training stream as well, and
        // evaluation never touches it, so the validation stream stands in for it.
        List<Batch> tiled = new TokenWindows(validation, validation, windowLength)
                .validationBatches(1, Integer.MAX_VALUE); // every window, one per batch
        int available = tiled.size();
        int taken = Math.min(windows, available);
        List<Batch> batches = new ArrayList<>();
        for (int first = 0; first < taken; first += batchSize) {
            int count = Math.min(batchSize, taken - first);
            int[][] inputs = new int[count][];
            int[][] targets = new int[count][];
            for (int i = 0; i < count; i++) {
                Batch window = tiled.get((int) ((long) (first + i) * available / taken)); // evenly spaced
                inputs[i] = window.inputs()[0];
                targets[i] = window.targets()[0];
            }
            batches.add(new Batch(inputs, targets, null));
        }
        return new ValidationSample(List.copyOf(batches), taken, windowLength, available, validation.length);
    }

    /**
     * Mean cross-entropy (nats per token) of {@code model} over every window, with no gradients.
     * All positions are scored, so this is the trainer's validation loss on these windows.
     */
    public double loss(MiniTransformer model) {
        return loss(model, done -> { });
    }

    /**
     * The same loss; {@code afterBatch} hears how many batches are done after each one (it may
     * report progress, or throw a CancellationException to stop).
     */
    public double loss(MiniTransformer model, IntConsumer afterBatch) {
        double sum = 0;
        long positions = 0;
        for (int i = 0; i < batches.size(); i++) {
            Batch batch = batches.get(i);
            long n = (long) batch.size() * batch.length();
            sum += model.loss(batch.inputs(), batch.targets()) * n; // a batch's loss is its mean; weight it by its size
            positions += n;
            afterBatch.accept(i + 1);
        }
        return sum / positions;
    }
}
