package workbench.core.trace;

/**
 * What one transformer block computed for one sequence of T tokens. nh query heads, nkv key/value
 * heads, head size hs, width d, FFN width ff. Query head h reads key/value head h / (nh / nkv).
 *
 * @param index                  layer number, from 0
 * @param input                  (T, d) residual stream entering the block
 * @param norm1                  (T, d) LayerNorm before attention
 * @param queries                (nh, T, hs) queries (after RoPE when the model uses it)
 * @param keys                   (nkv, T, hs) keys (after RoPE when the model uses it)
 * @param values                 (nkv, T, hs) values
 * @param scores                 (nh, T, T) scaled scores q·k / sqrt(hs), before the mask
 * @param allowed                (T, T) true where query i may attend to key j
 * @param weights                (nh, T, T) attention weights; rows sum to 1, masked entries are 0
 * @param headOutputs            (nh, T, hs) weights x values, per head (zero for a switched-off head)
 * @param attentionOutput        (T, d) heads concatenated, times the output projection
 * @param residualAfterAttention (T, d) input + attentionOutput
 * @param norm2                  (T, d) LayerNorm before the feed-forward network
 * @param ffnHidden              (T, ff) hidden layer after GELU
 * @param ffnOutput              (T, d) feed-forward output
 * @param output                 (T, d) residual stream leaving the block
 */
public record LayerTrace(int index, float[][] input, float[][] norm1, float[][][] queries, float[][][] keys,
                         float[][][] values, float[][][] scores, boolean[][] allowed, float[][][] weights,
                         float[][][] headOutputs, float[][] attentionOutput, float[][] residualAfterAttention,
                         float[][] norm2, float[][] ffnHidden, float[][] ffnOutput, float[][] output) {

    public int heads() {
        return weights.length;
    }

    public int kvHeads() {
        return keys.length;
    }
}
