package workbench.core.sampling;

import java.util.Arrays;

/**
 * A model that keeps what it has read (a KV cache): a prompt in one pass, then one token at a
 * time, and it can forget its latest tokens to continue differently after a shared prefix.
 * Not thread-safe.
 */
public interface IncrementalDecoder {

    int vocabSize();

    /** Most tokens it holds; positions are 0 .. contextLength - 1. */
    int contextLength();

    /**
     * Forgets everything and reads {@code tokens} in one pass.
     *
     * @param tokens (T) ids, 1 <= T <= contextLength
     * @return (V) logits after the last token
     */
    float[] prefill(int[] tokens);

    /**
     * Reads one more token at position {@link #length()}.
     *
     * @return (V) logits after it
     */
    float[] decode(int token);

    /** Tokens held. */
    int length();

    /** Keeps the first {@code length} tokens, as they were computed, and forgets the rest. */
    void truncate(int length);

    /**
     * A model without a cache seen as a decoder: it remembers the tokens and reads them all again
     * for every answer (for models whose logits do not depend on how they were computed).
     */
    static IncrementalDecoder stateless(NextTokenModel model) {
        return new IncrementalDecoder() {
            private int[] tokens = new int[0];

            @Override
            public int vocabSize() {
                return model.vocabSize();
            }

            @Override
            public int contextLength() {
                return model.contextLength();
            }

            @Override
            public float[] prefill(int[] prompt) {
                tokens = prompt.clone();
                return model.nextLogits(tokens.clone());
            }

            @Override
            public float[] decode(int token) {
                tokens = Arrays.copyOf(tokens, tokens.length + 1);
                tokens[tokens.length - 1] = token;
                return model.nextLogits(tokens.clone());
            }

            @Override
            public int length() {
                return tokens.length;
            }

            @Override
            public void truncate(int length) {
                if (length < 0 || length > tokens.length) {
                    throw new IllegalArgumentException("cannot keep " + length + " of " + tokens.length + " tokens");
                }
                tokens = Arrays.copyOf(tokens, length);
            }
        };
    }
}
