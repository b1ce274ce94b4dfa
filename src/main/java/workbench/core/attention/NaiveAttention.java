package workbench.core.attention;

import workbench.core.trace.AttentionTrace;

/**
 * The reference attention every faster path is tested against: written out in plain loops with
 * double-precision sums, in the order a textbook gives it.
 * <pre>
 *   scores = Q K^T / sqrt(d)        (Tq, Tk)
 *   masked scores are -inf           (not allowed)
 *   weights = softmax(scores, rows)  (max subtracted first)
 *   output = weights V               (Tq, dv)
 * </pre>
 */
public final class NaiveAttention {

    private NaiveAttention() {
    }

    /** (t, t) mask where query i may see keys 0..i: a decoder's causal mask. */
    public static boolean[][] causalMask(int t) {
        boolean[][] allowed = new boolean[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j <= i; j++) {
                allowed[i][j] = true;
            }
        }
        return allowed;
    }

    /** (tq, tk) mask where every query sees every key: an encoder's bidirectional mask. */
    public static boolean[][] fullMask(int tq, int tk) {
        boolean[][] allowed = new boolean[tq][tk];
        for (boolean[] row : allowed) {
            java.util.Arrays.fill(row, true);
        }
        return allowed;
    }

    /** Output only; see {@link #trace}. */
    public static float[][] attend(float[][] q, float[][] k, float[][] v, boolean[][] allowed) {
        return trace(q, k, v, allowed).output();
    }

    /**
     * Computes attention and keeps every intermediate.
     *
     * @param q       (Tq, d)
     * @param k       (Tk, d)
     * @param v       (Tk, dv)
     * @param allowed (Tq, Tk), true where attention is allowed
     * @return the full trace; a row with no allowed key has all-zero weights and output
     */
    public static AttentionTrace trace(float[][] q, float[][] k, float[][] v, boolean[][] allowed) {
        int tq = q.length;
        int tk = k.length;
        int d = tq == 0 ? (tk == 0 ? 0 : k[0].length) : q[0].length;
        int dv = tk == 0 ? 0 : v[0].length;
        if (v.length != tk || allowed.length != tq) {
            throw new IllegalArgumentException("shapes: q " + tq + " rows, k " + tk + ", v " + v.length
                    + ", mask " + allowed.length);
        }
        double scale = d == 0 ? 1 : 1.0 / Math.sqrt(d);
        float[][] dots = new float[tq][tk];
        float[][] scores = new float[tq][tk];
        float[] rowMax = new float[tq];
        float[][] shifted = new float[tq][tk];
        float[] rowSum = new float[tq];
        float[][] weights = new float[tq][tk];
        float[][] out = new float[tq][dv];
        for (int i = 0; i < tq; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < tk; j++) {
                double dot = 0;
                for (int c = 0; c < d; c++) {
                    dot += (double) q[i][c] * k[j][c];
                }
                dots[i][j] = (float) dot;
                scores[i][j] = (float) (dot * scale);
                if (allowed[i][j]) {
                    max = Math.max(max, scores[i][j]);
                }
            }
            // Softmax subtracts the row max so exp never overflows; masked scores count as -inf (weight 0).
            rowMax[i] = (float) max;
            double sum = 0;
            for (int j = 0; j < tk; j++) {
                double e = allowed[i][j] ? Math.exp(scores[i][j] - max) : 0;
                shifted[i][j] = (float) e;
                sum += e;
            }
            rowSum[i] = (float) sum;
            for (int j = 0; j < tk; j++) {
                weights[i][j] = sum == 0 ? 0 : (float) (shifted[i][j] / sum);
            }
            for (int c = 0; c < dv; c++) {
                double acc = 0;
                for (int j = 0; j < tk; j++) {
                    acc += (double) weights[i][j] * v[j][c];
                }
                out[i][c] = (float) acc;
            }
        }
        return new AttentionTrace(q, k, v, dots, scale, scores, allowed, rowMax, shifted, rowSum, weights, out);
    }
}
