package workbench.core.attention;

import workbench.core.model.MiniTransformer;
import workbench.core.tensor.Arrays2D;
import workbench.core.trace.AttentionTrace;
import workbench.core.trace.LayerTrace;

/**
 * One query token's attention in one head, taken apart step by step for the lab: its query, the
 * keys, the dot products, the scaling, the mask, the softmax with its max subtraction, the weighted
 * sum of the values, and how the heads are joined and projected. The weights, head outputs and
 * attention output are the forward pass's own (from the {@link LayerTrace}); the intermediate
 * softmax numbers come from {@link NaiveAttention} run on the trace's own q, k and v, which the
 * tests check gives the same weights.
 * Shapes: T tokens, head size hs, nh heads, width d.
 *
 * @param layer            layer number
 * @param head             query head number
 * @param kvHead           the key/value head this query head reads (head / group size)
 * @param query            the query token's position i
 * @param scale            1 / sqrt(hs)
 * @param queryVector      (hs) q_i
 * @param keys             (T, hs) K
 * @param values           (T, hs) V
 * @param dots             (T) q_i · k_j
 * @param scores           (T) dots * scale, before the mask
 * @param allowed          (T) true where query i may attend to key j
 * @param rowMax           the largest allowed score, subtracted before exp
 * @param shifted          (T) score - rowMax where allowed; negative infinity where masked (exp gives 0)
 * @param exps             (T) exp(score - rowMax), 0 where masked
 * @param rowSum           sum of exps
 * @param weights          (T) the attention weights from the trace; they sum to 1, masked entries are 0
 * @param weightedValues   (hs) Σ_j w_j v_j, what the head computes for token i (the oracle's sum)
 * @param switchedOff      true when the head was switched off: its output is then replaced by zeros
 * @param headOutput       (hs) this head's output for token i as passed on, from the trace: the weighted
 *                         values, or zeros when switched off
 * @param allHeadOutputs   (nh, hs) every head's output for token i, from the trace (zeros for a switched-off head)
 * @param concat           (nh * hs) the head outputs side by side
 * @param outputProjection (nh * hs, d) W_O of this layer
 * @param output           (d) concat x W_O, the attention output for token i, from the trace
 * @param queries          (T, hs) Q: every token's query in this head (row {@code query} is q_i)
 * @param everyQuery       the same computation for every query of this head at once, by the oracle:
 *                         dots and scores (T, T), row maxima, exp(score - max), row sums, weights
 */
public record QueryWalk(int layer, int head, int kvHead, int query, double scale, float[] queryVector,
                        float[][] keys, float[][] values, float[] dots, float[] scores, boolean[] allowed,
                        float rowMax, float[] shifted, float[] exps, float rowSum, float[] weights,
                        float[] weightedValues, boolean switchedOff, float[] headOutput, float[][] allHeadOutputs,
                        float[] concat, float[][] outputProjection, float[] output, float[][] queries,
                        AttentionTrace everyQuery) {

    /** Number of tokens T. */
    public int length() {
        return keys.length;
    }

    /** Head size hs. */
    public int headSize() {
        return queryVector.length;
    }

    /** True when the query can see no key at all (every key hidden); the softmax then gives zeros. */
    public boolean fullyMasked() {
        for (boolean a : allowed) {
            if (a) {
                return false;
            }
        }
        return true;
    }

    /**
     * Takes the attention of token {@code query} in head {@code head} of {@code layer} apart.
     *
     * @param outputProjection (nh * hs, d) the layer's W_O, see {@link #outputProjection(MiniTransformer, int)}
     * @param switchedOff      true when the pass switched this head off
     */
    public static QueryWalk of(LayerTrace layer, int head, int query, float[][] outputProjection,
                               boolean switchedOff) {
        int nh = layer.heads();
        int t = layer.weights()[0].length;
        if (head < 0 || head >= nh) {
            throw new IllegalArgumentException("no head " + head + " in a layer of " + nh);
        }
        if (query < 0 || query >= t) {
            throw new IllegalArgumentException("no token " + query + " in a prompt of " + t);
        }
        int kvHead = head / (nh / layer.kvHeads());
        float[][] queries = layer.queries()[head];
        float[] q = queries[query];
        float[][] k = layer.keys()[kvHead];
        float[][] v = layer.values()[kvHead];
        boolean[] allowed = layer.allowed()[query].clone();
        AttentionTrace all = NaiveAttention.trace(queries, k, v, layer.allowed());
        float max = all.rowMax()[query];
        float[] shifted = new float[t];
        for (int j = 0; j < t; j++) {
            // Masked scores are -inf before the softmax, so their exp is exactly 0.
            shifted[j] = allowed[j] ? all.scores()[query][j] - max : Float.NEGATIVE_INFINITY;
        }
        int hs = q.length;
        float[][] heads = new float[nh][];
        float[] concat = new float[nh * hs];
        for (int h = 0; h < nh; h++) {
            heads[h] = layer.headOutputs()[h][query].clone();
            System.arraycopy(heads[h], 0, concat, h * hs, hs);
        }
        if (outputProjection.length != nh * hs) {
            throw new IllegalArgumentException("W_O has " + outputProjection.length + " rows, the heads give " + nh * hs);
        }
        return new QueryWalk(layer.index(), head, kvHead, query, all.scale(), q.clone(), k, v, all.dots()[query],
                all.scores()[query], allowed, max, shifted, all.shiftedExp()[query], all.rowSum()[query],
                layer.weights()[head][query].clone(), all.output()[query], switchedOff,
                layer.headOutputs()[head][query].clone(), heads, concat,
                outputProjection, layer.attentionOutput()[query].clone(), queries, all);
    }

    /**
     * A copy of layer {@code layer}'s output projection W_O.
     *
     * @return (nh * hs, d)
     */
    public static float[][] outputProjection(MiniTransformer model, int layer) {
        return Arrays2D.toFloat2D(model.parameters().get("h" + layer + ".attn.wo"));
    }
}
