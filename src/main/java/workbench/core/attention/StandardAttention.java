package workbench.core.attention;

import workbench.core.trace.CountedAttention;

/**
 * Standard attention as the FlashAttention paper's Algorithm 0 writes it, with its memory traffic
 * counted as it runs: the whole score matrix S and probability matrix P are written to and read
 * back from slow memory.
 * <pre>
 *   read Q, K;  S = Q K^T / sqrt(d);  write S        (N, N)
 *   read S;     P = softmax(S);       write P        (N, N)
 *   read P, V;  O = P V;              write O        (N, dv)
 * </pre>
 * Its output equals {@link NaiveAttention}'s; only the bookkeeping is added.
 */
public final class StandardAttention {

    private StandardAttention() {
    }

    /**
     * @param q (Tq, d)
     * @param k (Tk, d)
     * @param v (Tk, dv)
     * @param causal when true query i sees keys 0..i only
     * @return output (Tq, dv) and the counts
     */
    public static CountedAttention run(float[][] q, float[][] k, float[][] v, boolean causal) {
        AttentionShapes shape = AttentionShapes.check(q, k, v);
        int n = shape.queries;
        int nk = shape.keys;
        int d = shape.d;
        int dv = shape.dv;
        long cells = (long) n * nk;
        double scale = 1.0 / Math.sqrt(d);
        IoMeter meter = new IoMeter();

        float[][] s = new float[n][nk]; // (Tq, Tk)
        meter.allocate(cells);
        meter.read((long) n * d + (long) nk * d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < nk; j++) {
                double dot = 0;
                for (int x = 0; x < d; x++) {
                    dot += (double) q[i][x] * k[j][x];
                }
                // A masked score is stored as -inf, so that softmax gives it weight 0.
                s[i][j] = AttentionShapes.allowed(causal, i, j) ? (float) (dot * scale) : Float.NEGATIVE_INFINITY;
            }
        }
        meter.flops(2 * cells * d + cells);
        meter.write(cells);

        float[][] p = new float[n][nk]; // (Tq, Tk)
        meter.allocate(cells);
        meter.read(cells);
        for (int i = 0; i < n; i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < nk; j++) {
                max = Math.max(max, s[i][j]);
            }
            // Softmax subtracts the row max first; a row with every key masked gets all-zero weights.
            double sum = 0;
            for (int j = 0; j < nk; j++) {
                double e = max == Float.NEGATIVE_INFINITY ? 0 : Math.exp(s[i][j] - max);
                p[i][j] = (float) e;
                sum += e;
            }
            for (int j = 0; j < nk; j++) {
                p[i][j] = sum == 0 ? 0f : (float) (p[i][j] / sum);
            }
        }
        meter.flops(5 * cells); // row max, subtract, exp, row sum, divide
        meter.write(cells);
        meter.release(cells); // S is no longer needed

        float[][] o = new float[n][dv]; // (Tq, dv)
        meter.read(cells + (long) nk * dv);
        for (int i = 0; i < n; i++) {
            for (int x = 0; x < dv; x++) {
                double acc = 0;
                for (int j = 0; j < nk; j++) {
                    acc += (double) p[i][j] * v[j][x];
                }
                o[i][x] = (float) acc;
            }
        }
        meter.flops(2 * cells * dv);
        meter.write((long) n * dv);
        meter.release(cells);
        return new CountedAttention(o, meter.counts());
    }
}
