package workbench.core.model;

/**
 * The shape of a decoder-only transformer, saved and restored as a whole.
 *
 * @param vocabSize     number of token ids
 * @param contextLength longest sequence the model reads (T max)
 * @param dModel        width of the residual stream (d)
 * @param layers        number of transformer blocks
 * @param heads         number of query heads (nh); head size hs = dModel / heads
 * @param kvHeads       number of key/value heads: = heads is MHA, 1 is MQA, in between is GQA
 * @param ffnWidth      width of the feed-forward hidden layer (usually 4 d)
 * @param positional    sinusoidal, learned, or rotary positions
 * @param mask          causal (decoder) or bidirectional (encoder)
 * @param tiedOutput    true when the output head reuses the token-embedding matrix
 * @param seed          seed of the initial weights
 */
public record TransformerConfig(int vocabSize, int contextLength, int dModel, int layers, int heads, int kvHeads,
                                int ffnWidth, PositionalKind positional, MaskKind mask, boolean tiedOutput,
                                long seed) {

    public TransformerConfig {
        require(vocabSize > 0, "vocabSize must be positive, is " + vocabSize);
        require(contextLength > 0, "contextLength must be positive, is " + contextLength);
        require(dModel > 0, "dModel must be positive, is " + dModel);
        require(layers > 0, "layers must be positive, is " + layers);
        require(heads > 0 && dModel % heads == 0,
                "dModel (" + dModel + ") must be a multiple of heads (" + heads + ")");
        require(kvHeads > 0 && heads % kvHeads == 0,
                "heads (" + heads + ") must be a multiple of kvHeads (" + kvHeads + ")");
        require(ffnWidth > 0, "ffnWidth must be positive, is " + ffnWidth);
        require(positional != null, "positional must be set");
        require(mask != null, "mask must be set");
        require(positional != PositionalKind.ROPE || (dModel / heads) % 2 == 0,
                "RoPE needs an even head size, is " + dModel / heads);
    }

    /** The nanoGPT CPU shape: 4 layers, 4 heads, 128 channels, context 64, FFN 512. */
    public static TransformerConfig nanoGptCpu(int vocabSize, long seed) {
        return new TransformerConfig(vocabSize, 64, 128, 4, 4, 4, 512, PositionalKind.LEARNED, MaskKind.CAUSAL,
                true, seed);
    }

    /** Head size hs = dModel / heads. */
    public int headSize() {
        return dModel / heads;
    }

    /** Query heads per key/value head. */
    public int groupSize() {
        return heads / kvHeads;
    }

    /** "MHA", "GQA" or "MQA". */
    public String attentionKind() {
        if (kvHeads == heads) {
            return "MHA";
        }
        return kvHeads == 1 ? "MQA" : "GQA";
    }

    public TransformerConfig withKvHeads(int value) {
        return new TransformerConfig(vocabSize, contextLength, dModel, layers, heads, value, ffnWidth, positional,
                mask, tiedOutput, seed);
    }

    public TransformerConfig withMask(MaskKind value) {
        return new TransformerConfig(vocabSize, contextLength, dModel, layers, heads, kvHeads, ffnWidth, positional,
                value, tiedOutput, seed);
    }

    public TransformerConfig withPositional(PositionalKind value) {
        return new TransformerConfig(vocabSize, contextLength, dModel, layers, heads, kvHeads, ffnWidth, value,
                mask, tiedOutput, seed);
    }

    public TransformerConfig withSeed(long value) {
        return new TransformerConfig(vocabSize, contextLength, dModel, layers, heads, kvHeads, ffnWidth, positional,
                mask, tiedOutput, value);
    }

    /** Number of trainable parameters. */
    public long parameterCount() {
        long d = dModel;
        long kv = (long) kvHeads * headSize();
        long perLayer = 2 * d + d * d + 2 * d * kv + d * d + 2 * d + d * ffnWidth + (long) ffnWidth * d;
        long embeddings = (long) vocabSize * d + (positional == PositionalKind.LEARNED ? (long) contextLength * d : 0);
        long head = tiedOutput ? 0 : d * vocabSize;
        return embeddings + layers * perLayer + 2 * d + head;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
