package workbench.core.train;

/**
 * How well a model predicted the scored positions of some sequences: summed cross-entropy and
 * correct top-1 predictions, in total and per dependency distance, so that scores of several
 * batches add up exactly.
 *
 * @param lossSum           summed cross-entropy over scored positions, in nats
 * @param scored            number of scored positions
 * @param correct           positions where the most probable token was the target
 * @param countByDistance   [d] scored positions with dependency distance d (index 0 unused)
 * @param correctByDistance [d] of those, the correct ones
 */
public record SequenceScore(double lossSum, int scored, int correct, int[] countByDistance, int[] correctByDistance) {

    public SequenceScore {
        if (countByDistance.length != correctByDistance.length) {
            throw new IllegalArgumentException("distance tallies differ in length");
        }
        countByDistance = countByDistance.clone();
        correctByDistance = correctByDistance.clone();
    }

    /**
     * The score of one batch from the model's top-1 predictions.
     *
     * @param batch     the sequences, (B, T)
     * @param predicted (B, T) the most probable token at each position
     * @param lossSum   summed cross-entropy over the batch's scored positions, nats
     */
    public static SequenceScore of(SequenceBatch batch, int[][] predicted, double lossSum) {
        int maxD = 0;
        for (int[] row : batch.distance()) {
            for (int d : row) {
                maxD = Math.max(maxD, d);
            }
        }
        int[] count = new int[maxD + 1];
        int[] right = new int[maxD + 1];
        int scored = 0;
        int correct = 0;
        for (int b = 0; b < batch.size(); b++) {
            for (int t = 0; t < batch.length(); t++) {
                if (batch.scored()[b][t]) {
                    int d = batch.distance()[b][t];
                    boolean ok = predicted[b][t] == batch.targets()[b][t];
                    count[d]++;
                    right[d] += ok ? 1 : 0;
                    correct += ok ? 1 : 0;
                    scored++;
                }
            }
        }
        return new SequenceScore(lossSum, scored, correct, count, right);
    }

    public static SequenceScore empty() {
        return new SequenceScore(0, 0, 0, new int[1], new int[1]);
    }

    /** Mean cross-entropy per scored position (NaN when nothing was scored). */
    public double meanLoss() {
        return scored == 0 ? Double.NaN : lossSum / scored;
    }

    /** Fraction of scored positions predicted correctly (NaN when nothing was scored). */
    public double accuracy() {
        return scored == 0 ? Double.NaN : (double) correct / scored;
    }

    /** The largest distance with a tally. */
    public int maxDistance() {
        return countByDistance.length - 1;
    }

    /** Accuracy at dependency distance {@code d}, NaN when no position had that distance. */
    public double accuracyAt(int d) {
        if (d < 0 || d >= countByDistance.length || countByDistance[d] == 0) {
            return Double.NaN;
        }
        return (double) correctByDistance[d] / countByDistance[d];
    }

    @Override
    public int[] countByDistance() {
        return countByDistance.clone();
    }

    @Override
    public int[] correctByDistance() {
        return correctByDistance.clone();
    }

    /** The sum of two scores. */
    public SequenceScore plus(SequenceScore other) {
        int n = Math.max(countByDistance.length, other.countByDistance.length);
        int[] count = new int[n];
        int[] right = new int[n];
        for (int d = 0; d < n; d++) {
            count[d] = at(countByDistance, d) + at(other.countByDistance, d);
            right[d] = at(correctByDistance, d) + at(other.correctByDistance, d);
        }
        return new SequenceScore(lossSum + other.lossSum, scored + other.scored, correct + other.correct, count, right);
    }

    private static int at(int[] values, int i) {
        return i < values.length ? values[i] : 0;
    }
}
