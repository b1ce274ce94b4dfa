package workbench.core.sampling;

/**
 * A real next-token model for tests: a fixed table of bigram probabilities P(next | last token).
 * Its logits are the natural logs of the table's row (a probability of 0 gives -infinity), so the
 * model's distribution is the row itself and scores can be computed by hand.
 */
public final class BigramTableModel implements NextTokenModel {

    private final double[][] table;

    /** {@code table[prev][next]}; each row should sum to 1. */
    public BigramTableModel(double[][] table) {
        this.table = table;
    }

    @Override
    public int vocabSize() {
        return table.length;
    }

    @Override
    public int contextLength() {
        return 1;
    }

    @Override
    public float[] nextLogits(int[] context) {
        double[] row = table[context[context.length - 1]];
        float[] logits = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            logits[i] = (float) Math.log(row[i]);
        }
        return logits;
    }
}
