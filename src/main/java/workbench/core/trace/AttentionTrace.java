package workbench.core.trace;

/**
 * Every intermediate of one attention computation for one head, as plain arrays.
 * Shapes: Tq query positions, Tk key positions, d the query/key width, dv the value width.
 *
 * @param query      (Tq, d) query vectors
 * @param key        (Tk, d) key vectors
 * @param value      (Tk, dv) value vectors
 * @param dots       (Tq, Tk) raw dot products q·k
 * @param scale      the factor 1/sqrt(d) applied to the dots
 * @param scores     (Tq, Tk) scaled scores before the mask
 * @param allowed    (Tq, Tk) true where the query may attend to the key
 * @param rowMax     (Tq) the largest allowed score per row, subtracted before exp
 * @param shiftedExp (Tq, Tk) exp(score - rowMax) where allowed, 0 where masked
 * @param rowSum     (Tq) sum of shiftedExp per row
 * @param weights    (Tq, Tk) softmax weights; each row sums to 1, masked entries are 0
 * @param output     (Tq, dv) weights x values
 */
public record AttentionTrace(float[][] query, float[][] key, float[][] value, float[][] dots, double scale,
                             float[][] scores, boolean[][] allowed, float[] rowMax, float[][] shiftedExp,
                             float[] rowSum, float[][] weights, float[][] output) {

    public int queryCount() {
        return scores.length;
    }

    public int keyCount() {
        return scores.length == 0 ? 0 : scores[0].length;
    }
}
