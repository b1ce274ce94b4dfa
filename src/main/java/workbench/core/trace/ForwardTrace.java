package workbench.core.trace;

import java.util.List;

/**
 * Everything the transformer computed for one prompt of T tokens, from token ids to next-token
 * probabilities, as plain arrays for the labs and for export.
 *
 * @param tokenIds        (T) token ids
 * @param tokens          (T) how each token reads
 * @param tokenEmbeddings (T, d) rows of the token-embedding table
 * @param positional      (T, d) positional encodings added (zeros for RoPE or with positions off)
 * @param layers          one trace per block
 * @param finalNorm       (T, d) final LayerNorm output
 * @param logits          (T, V) next-token logits at every position
 * @param probabilities   (T, V) softmax of the logits; each row sums to 1
 */
public record ForwardTrace(int[] tokenIds, List<String> tokens, float[][] tokenEmbeddings, float[][] positional,
                           List<LayerTrace> layers, float[][] finalNorm, float[][] logits,
                           float[][] probabilities) {

    public ForwardTrace {
        tokens = List.copyOf(tokens);
        layers = List.copyOf(layers);
    }

    public int length() {
        return tokenIds.length;
    }

    /** (V) probabilities of the token after the last one. */
    public float[] nextTokenProbabilities() {
        return probabilities[probabilities.length - 1];
    }
}
