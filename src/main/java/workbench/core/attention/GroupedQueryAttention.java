package workbench.core.attention;

/**
 * Grouped-query attention's bookkeeping: which key/value head each query head reads, attention
 * over heads with shared K/V, and the conversion of a multi-head checkpoint to fewer KV heads by
 * mean-pooling (Ainslie et al. 2023, "GQA", section 2.1: the pooled model is then uptrained briefly).
 * Query head h reads KV head h / (heads / kvHeads): groups are runs of neighbouring heads, as in
 * the engine's weight layout.
 */
public final class GroupedQueryAttention {

    private GroupedQueryAttention() {
    }

    /** The KV head that query head {@code queryHead} reads. */
    public static int kvHeadOf(int queryHead, int queryHeads, int kvHeads) {
        checkHeads(queryHeads, kvHeads);
        if (queryHead < 0 || queryHead >= queryHeads) {
            throw new IllegalArgumentException("query head must be in 0.." + (queryHeads - 1) + ", is " + queryHead);
        }
        return queryHead / (queryHeads / kvHeads);
    }

    /** For each KV head, the query heads that share it: (kvHeads, queryHeads / kvHeads). */
    public static int[][] groups(int queryHeads, int kvHeads) {
        checkHeads(queryHeads, kvHeads);
        int size = queryHeads / kvHeads;
        int[][] out = new int[kvHeads][size];
        for (int h = 0; h < queryHeads; h++) {
            out[h / size][h % size] = h;
        }
        return out;
    }

    /**
     * Attention for every query head, each with the K/V head its group shares.
     *
     * @param q (nh, T, hs) queries per head
     * @param k (nkv, T, hs) keys per KV head; nkv divides nh
     * @param v (nkv, T, hs) values per KV head
     * @return (nh, T, hs) output per query head
     */
    public static float[][][] attend(float[][][] q, float[][][] k, float[][][] v, boolean causal) {
        int nh = q.length;
        int nkv = k.length;
        if (v.length != nkv) {
            throw new IllegalArgumentException("K and V must have the same number of heads, have " + nkv + " and " + v.length);
        }
        checkHeads(nh, nkv);
        float[][][] out = new float[nh][][];
        for (int h = 0; h < nh; h++) {
            int g = kvHeadOf(h, nh, nkv);
            boolean[][] allowed = causal ? NaiveAttention.causalMask(q[h].length)
                    : NaiveAttention.fullMask(q[h].length, k[g].length);
            out[h] = NaiveAttention.attend(q[h], k[g], v[g], allowed);
        }
        return out;
    }

    /**
     * Mean-pools the K (or V) projection of a model with {@code kvHeads} heads down to {@code groups}
     * heads: new head g is the average of old heads g·s .. g·s + s - 1, with s = kvHeads / groups.
     *
     * @param weights (d, kvHeads · headSize), head h in columns [h·headSize, (h+1)·headSize),
     *                laid out like the engine's {@code h{i}.attn.wk} and {@code h{i}.attn.wv}
     * @return (d, groups · headSize) in the same layout
     */
    public static float[][] meanPoolKvHeads(float[][] weights, int kvHeads, int headSize, int groups) {
        checkHeads(kvHeads, groups);
        if (headSize < 1) {
            throw new IllegalArgumentException("head size must be at least 1, is " + headSize);
        }
        int rows = weights.length;
        int size = kvHeads / groups;
        float[][] out = new float[rows][groups * headSize];
        for (int r = 0; r < rows; r++) {
            if (weights[r].length != kvHeads * headSize) {
                throw new IllegalArgumentException("row " + r + " has " + weights[r].length + " columns, expected "
                        + kvHeads + " heads × " + headSize + " = " + kvHeads * headSize);
            }
            for (int g = 0; g < groups; g++) {
                for (int c = 0; c < headSize; c++) {
                    double sum = 0;
                    for (int h = g * size; h < (g + 1) * size; h++) {
                        sum += weights[r][h * headSize + c];
                    }
                    out[r][g * headSize + c] = (float) (sum / size);
                }
            }
        }
        return out;
    }

    private static void checkHeads(int heads, int kvHeads) {
        if (heads < 1 || kvHeads < 1 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("KV heads (" + kvHeads + ") must be at least 1 and divide the heads ("
                    + heads + ")");
        }
    }
}
