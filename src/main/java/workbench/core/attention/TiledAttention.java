package workbench.core.attention;

import workbench.core.trace.IoCounts;
import workbench.core.trace.TileStep;
import workbench.core.trace.TiledTrace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The FlashAttention forward pass (Dao et al. 2022, Algorithm 1) in plain Java, with its memory
 * traffic counted as it runs. Q, K, V, O and the row statistics m, l stand in "slow memory";
 * each block is copied into "fast memory" buffers, worked on there, and written back.
 * <pre>
 *   for each key block j:              load K_j, V_j
 *     for each query block i:          load Q_i, O_i, l_i, m_i
 *       S = Q_i K_j^T / sqrt(d)        (Br, Bc), never the whole N×N
 *       m̃ = rowmax(S), P̃ = exp(S - m̃), l̃ = rowsum(P̃)
 *       m' = max(m, m̃), l' = e^(m-m') l + e^(m̃-m') l̃
 *       O_i = (l e^(m-m') O_i + e^(m̃-m') P̃ V_j) / l'      rescales the old partial output
 *       write O_i, l_i = l', m_i = m'
 * </pre>
 * The scores are scaled by 1/sqrt(d) as in {@link NaiveAttention}. With a causal mask, query i sees
 * keys 0..i; blocks the mask hides completely are skipped without loading anything.
 */
public final class TiledAttention {

    private TiledAttention() {
    }

    /**
     * Runs the tiled pass and records one {@link TileStep} per computed block.
     *
     * @param q (Tq, d) queries
     * @param k (Tk, d) keys
     * @param v (Tk, dv) values
     * @return output (Tq, dv), the steps and the counts
     */
    public static TiledTrace trace(float[][] q, float[][] k, float[][] v, boolean causal, BlockSizes sizes) {
        return compute(q, k, v, causal, sizes, true);
    }

    /** Same pass and counts as {@link #trace}, without keeping the per-block steps (for speed). */
    public static TiledTrace run(float[][] q, float[][] k, float[][] v, boolean causal, BlockSizes sizes) {
        return compute(q, k, v, causal, sizes, false);
    }

    private static TiledTrace compute(float[][] q, float[][] k, float[][] v, boolean causal, BlockSizes sizes,
                                      boolean keepSteps) {
        AttentionShapes shape = AttentionShapes.check(q, k, v);
        int n = shape.queries;
        int nk = shape.keys;
        int d = shape.d;
        int dv = shape.dv;
        int br = Math.min(sizes.queryRows(), n);
        int bc = Math.min(sizes.keyColumns(), nk);
        int tr = BlockSizes.blockCount(n, br);
        int tc = BlockSizes.blockCount(nk, bc);
        double scale = 1.0 / Math.sqrt(d);
        IoMeter meter = new IoMeter();

        // Slow memory (line 2): O = 0, l = 0, m = -inf. O is the output; l and m are extra.
        float[][] o = new float[n][dv];
        float[] l = new float[n];
        float[] m = new float[n];
        Arrays.fill(m, Float.NEGATIVE_INFINITY);
        meter.allocate(2L * n);
        meter.write((long) n * dv + 2L * n);

        // Fast memory: one set of block buffers, reused for every block.
        float[][] kj = new float[bc][d];   // (Bc, d)
        float[][] vj = new float[bc][dv];  // (Bc, dv)
        float[][] qi = new float[br][d];   // (Br, d)
        float[][] oi = new float[br][dv];  // (Br, dv)
        float[] li = new float[br];
        float[] mi = new float[br];
        float[][] s = new float[br][bc];   // (Br, Bc) scores, then P̃ in place
        float[] blockMax = new float[br];
        float[] blockSum = new float[br];
        float[] pvRow = new float[dv];     // one row of P̃ V_j
        long fastFloats = (long) bc * d + (long) bc * dv + (long) br * d + (long) br * dv + 4L * br
                + (long) br * bc + dv;
        meter.allocate(fastFloats);

        List<TileStep> steps = new ArrayList<>();
        for (int j = 0; j < tc; j++) {
            int c0 = j * bc;
            int c1 = Math.min(c0 + bc, nk);
            int cw = c1 - c0;
            if (causal && c0 > n - 1) {
                break; // every later key lies after every query
            }
            for (int c = 0; c < cw; c++) {
                System.arraycopy(k[c0 + c], 0, kj[c], 0, d);
                System.arraycopy(v[c0 + c], 0, vj[c], 0, dv);
            }
            meter.read((long) cw * d + (long) cw * dv);
            for (int i = 0; i < tr; i++) {
                int r0 = i * br;
                int r1 = Math.min(r0 + br, n);
                int rh = r1 - r0;
                if (causal && c0 > r1 - 1) {
                    continue; // the mask hides this whole block: skip it, as causal FlashAttention does
                }
                for (int r = 0; r < rh; r++) {
                    System.arraycopy(q[r0 + r], 0, qi[r], 0, d);
                    System.arraycopy(o[r0 + r], 0, oi[r], 0, dv);
                }
                System.arraycopy(l, r0, li, 0, rh);
                System.arraycopy(m, r0, mi, 0, rh);
                meter.read((long) rh * d + (long) rh * dv + 2L * rh);

                float[][] outBefore = keepSteps ? copyRows(oi, rh, dv) : null;
                float[] maxBefore = keepSteps ? Arrays.copyOf(mi, rh) : null;
                float[] sumBefore = keepSteps ? Arrays.copyOf(li, rh) : null;
                float[][] scores = keepSteps ? new float[rh][cw] : null;
                boolean[][] allowed = keepSteps ? new boolean[rh][cw] : null;

                for (int r = 0; r < rh; r++) {
                    for (int c = 0; c < cw; c++) {
                        double dot = 0;
                        for (int x = 0; x < d; x++) {
                            dot += (double) qi[r][x] * kj[c][x];
                        }
                        s[r][c] = (float) (dot * scale);
                    }
                }
                meter.flops(2L * rh * cw * d + (long) rh * cw);
                if (keepSteps) {
                    for (int r = 0; r < rh; r++) {
                        System.arraycopy(s[r], 0, scores[r], 0, cw);
                        for (int c = 0; c < cw; c++) {
                            allowed[r][c] = AttentionShapes.allowed(causal, r0 + r, c0 + c);
                        }
                    }
                }

                for (int r = 0; r < rh; r++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int c = 0; c < cw; c++) {
                        if (AttentionShapes.allowed(causal, r0 + r, c0 + c)) {
                            max = Math.max(max, s[r][c]);
                        }
                    }
                    blockMax[r] = max;
                    // Subtract the block's row max before exp so nothing overflows; masked scores give 0.
                    double sum = 0;
                    for (int c = 0; c < cw; c++) {
                        boolean ok = max != Float.NEGATIVE_INFINITY && AttentionShapes.allowed(causal, r0 + r, c0 + c);
                        s[r][c] = ok ? (float) Math.exp(s[r][c] - max) : 0f;
                        sum += s[r][c];
                    }
                    blockSum[r] = (float) sum;
                }
                meter.flops(4L * rh * cw); // row max, subtract, exp, row sum

                float[] maxAfter = keepSteps ? new float[rh] : null;
                float[] sumAfter = keepSteps ? new float[rh] : null;
                for (int r = 0; r < rh; r++) {
                    float mNew = Math.max(mi[r], blockMax[r]);
                    // e^(-inf) = 0: a row with nothing seen yet (or nothing allowed here) contributes nothing.
                    double alpha = mi[r] == Float.NEGATIVE_INFINITY ? 0 : Math.exp(mi[r] - mNew);
                    double beta = blockMax[r] == Float.NEGATIVE_INFINITY ? 0 : Math.exp(blockMax[r] - mNew);
                    double lNew = alpha * li[r] + beta * blockSum[r];
                    Arrays.fill(pvRow, 0f);
                    for (int c = 0; c < cw; c++) {
                        float p = s[r][c];
                        for (int x = 0; x < dv; x++) {
                            pvRow[x] += p * vj[c][x];
                        }
                    }
                    double a = lNew == 0 ? 0 : li[r] * alpha / lNew;
                    double b = lNew == 0 ? 0 : beta / lNew;
                    for (int x = 0; x < dv; x++) {
                        oi[r][x] = (float) (a * oi[r][x] + b * pvRow[x]);
                    }
                    li[r] = (float) lNew;
                    mi[r] = mNew;
                    if (keepSteps) {
                        maxAfter[r] = mNew;
                        sumAfter[r] = li[r];
                    }
                }
                // max 1, alpha 2, beta 2, l' 3, P̃V 2·c·dv, coefficients a and b 3, O update 3·dv (per row)
                meter.flops((long) rh * (11 + 2L * cw * dv + 3L * dv));

                for (int r = 0; r < rh; r++) {
                    System.arraycopy(oi[r], 0, o[r0 + r], 0, dv);
                }
                System.arraycopy(li, 0, l, r0, rh);
                System.arraycopy(mi, 0, m, r0, rh);
                meter.write((long) rh * dv + 2L * rh);

                if (keepSteps) {
                    steps.add(new TileStep(steps.size(), i, j, r0, r1, c0, c1, scores, allowed,
                            Arrays.copyOf(blockMax, rh), Arrays.copyOf(blockSum, rh), maxBefore, maxAfter,
                            sumBefore, sumAfter, outBefore, copyRows(oi, rh, dv)));
                }
            }
        }
        meter.release(fastFloats + 2L * n);
        IoCounts counts = meter.counts();
        return new TiledTrace(o, br, bc, tr, tc, causal, steps, counts);
    }

    private static float[][] copyRows(float[][] block, int rows, int cols) {
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOf(block[r], cols);
        }
        return out;
    }
}
