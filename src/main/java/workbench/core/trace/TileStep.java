package workbench.core.trace;

/**
 * One block of the FlashAttention forward pass: query block i (rows {@code rowStart..rowEnd-1})
 * meets key/value block j (columns {@code colStart..colEnd-1}). With r = rowEnd - rowStart rows,
 * c = colEnd - colStart columns and dv the value width:
 *
 * @param index       position of this step in the pass, from 0
 * @param queryBlock  i, the query block
 * @param keyBlock    j, the key/value block
 * @param scores      (r, c) scaled scores q·k/sqrt(d) of the block, before the mask
 * @param allowed     (r, c) true where the query may see the key (all true unless causal)
 * @param blockMax    (r) m̃, the row max of the block's allowed scores (-inf if a row has none)
 * @param blockSum    (r) l̃, the row sum of exp(score - m̃) over the allowed scores
 * @param maxBefore   (r) running max m before this block (-inf before the first block)
 * @param maxAfter    (r) running max m after: max(maxBefore, blockMax)
 * @param sumBefore   (r) running sum l before this block
 * @param sumAfter    (r) running sum l after, relative to maxAfter
 * @param outputBefore (r, dv) the partial output rows O_i before this block
 * @param outputAfter (r, dv) the partial output rows O_i after this block (normalised by sumAfter)
 */
public record TileStep(int index, int queryBlock, int keyBlock, int rowStart, int rowEnd, int colStart, int colEnd,
                       float[][] scores, boolean[][] allowed, float[] blockMax, float[] blockSum,
                       float[] maxBefore, float[] maxAfter, float[] sumBefore, float[] sumAfter,
                       float[][] outputBefore, float[][] outputAfter) {

    public int rows() {
        return rowEnd - rowStart;
    }

    public int columns() {
        return colEnd - colStart;
    }

    /**
     * The factor e^(m - m') by which row r's old sum and partial output were multiplied in this step:
     * 1 when the max did not change, below 1 when it grew, 0 when nothing had been seen before.
     */
    public double rescaleFactor(int r) {
        return maxBefore[r] == Float.NEGATIVE_INFINITY ? 0 : Math.exp((double) maxBefore[r] - maxAfter[r]);
    }

    /** True for row r (0-based within the block) when the running max grew, so O and l were rescaled. */
    public boolean rescaled(int r) {
        return maxBefore[r] != Float.NEGATIVE_INFINITY && maxAfter[r] > maxBefore[r];
    }
}
