package workbench.core.train;

import workbench.core.tensor.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Next-token prediction on a token stream: each example is a window of T tokens and the same
 * window shifted by one. Training windows start anywhere in the training stream; validation
 * windows tile the validation stream from its start.
 */
public final class TokenWindows implements BatchSource {

    private final int[] train;
    private final int[] validation;
    private final int length;

    /**
     * @param train      training tokens
     * @param validation held-out tokens
     * @param length     window length T
     */
    public TokenWindows(int[] train, int[] validation, int length) {
        if (train.length <= length || validation.length <= length) {
            throw new IllegalArgumentException("each split needs more than " + length + " tokens (train "
                    + train.length + ", validation " + validation.length + ")");
        }
        this.train = train;
        this.validation = validation;
        this.length = length;
    }

    /** Splits one stream: the last {@code validationFraction} is held out. */
    public static TokenWindows split(int[] tokens, double validationFraction, int length) {
        int cut = (int) Math.round(tokens.length * (1 - validationFraction));
        return new TokenWindows(Arrays.copyOfRange(tokens, 0, cut), Arrays.copyOfRange(tokens, cut, tokens.length),
                length);
    }

    public int windowLength() {
        return length;
    }

    public int trainingTokens() {
        return train.length;
    }

    public int validationTokens() {
        return validation.length;
    }

    @Override
    public Batch trainingBatch(Rng rng, int batchSize) {
        int[][] inputs = new int[batchSize][];
        int[][] targets = new int[batchSize][];
        for (int b = 0; b < batchSize; b++) {
            int start = rng.nextInt(train.length - length);
            inputs[b] = Arrays.copyOfRange(train, start, start + length);
            targets[b] = Arrays.copyOfRange(train, start + 1, start + length + 1);
        }
        return new Batch(inputs, targets, null);
    }

    @Override
    public List<Batch> validationBatches(int batchSize, int maxBatches) {
        List<Batch> batches = new ArrayList<>();
        int windows = (validation.length - 1) / length;
        int start = 0;
        for (int batch = 0; batch < maxBatches && start + length < validation.length; batch++) {
            int count = Math.min(batchSize, windows - batch * batchSize);
            if (count <= 0) {
                break;
            }
            int[][] inputs = new int[count][];
            int[][] targets = new int[count][];
            for (int b = 0; b < count; b++, start += length) {
                inputs[b] = Arrays.copyOfRange(validation, start, start + length);
                targets[b] = Arrays.copyOfRange(validation, start + 1, start + length + 1);
            }
            batches.add(new Batch(inputs, targets, null));
        }
        return batches;
    }
}
