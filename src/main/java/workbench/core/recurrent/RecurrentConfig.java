package workbench.core.recurrent;

/**
 * The shape of a recurrent sequence model: token embedding, one recurrent cell, output projection.
 *
 * @param cell       which cell
 * @param vocabSize  number of token ids (V)
 * @param embedSize  width of the token embedding, the cell's input (E)
 * @param hiddenSize width of the hidden state (H)
 * @param seed       seed of the initial weights
 */
public record RecurrentConfig(CellKind cell, int vocabSize, int embedSize, int hiddenSize, long seed) {

    /** Widest hidden state the lab trains; keeps a training step within tens of milliseconds. */
    public static final int MAX_HIDDEN = 256;

    public RecurrentConfig {
        if (cell == null) {
            throw new IllegalArgumentException("choose a cell");
        }
        if (vocabSize < 2) {
            throw new IllegalArgumentException("the vocabulary needs at least 2 tokens, has " + vocabSize);
        }
        if (embedSize < 1 || embedSize > MAX_HIDDEN) {
            throw new IllegalArgumentException("the embedding size must be between 1 and " + MAX_HIDDEN + ", not "
                    + embedSize);
        }
        if (hiddenSize < 1 || hiddenSize > MAX_HIDDEN) {
            throw new IllegalArgumentException("the hidden size must be between 1 and " + MAX_HIDDEN + ", not "
                    + hiddenSize);
        }
    }

    public RecurrentConfig withCell(CellKind value) {
        return new RecurrentConfig(value, vocabSize, embedSize, hiddenSize, seed);
    }

    /** Parameters: embedding V E, cell (E + H) kH + kH (+ H for the GRU), output H V + V. */
    public long parameterCount() {
        long k = cell.blocks();
        long cellCount = (embedSize + hiddenSize) * k * hiddenSize + k * hiddenSize
                + (cell == CellKind.GRU ? hiddenSize : 0);
        return (long) vocabSize * embedSize + cellCount + (long) hiddenSize * vocabSize + vocabSize;
    }
}
