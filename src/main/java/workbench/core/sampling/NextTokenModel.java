package workbench.core.sampling;

/** Anything that gives next-token logits for a context: the trained transformer, in practice. */
public interface NextTokenModel {

    int vocabSize();

    /** Longest context the model reads; longer contexts are cut from the left. */
    int contextLength();

    /**
     * Logits for the token after {@code context}.
     *
     * @param context token ids, length >= 1
     * @return (vocabSize) raw logits
     */
    float[] nextLogits(int[] context);
}
