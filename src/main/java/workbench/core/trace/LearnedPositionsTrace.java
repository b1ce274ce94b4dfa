package workbench.core.trace;

import workbench.core.embedding.Similarity;

/**
 * A checkpoint's learned position table beside the sinusoidal table of the same size. T is the
 * model's context length, d its width.
 *
 * @param table                 (T, d) the learned position embeddings, row p added at position p
 * @param similarity            (T, T) similarity of every pair of learned rows
 * @param sinusoidal            (T, d) the sinusoidal encodings for the same T and d (base 10000)
 * @param sinusoidalSimilarity  (T, T) similarity of every pair of sinusoidal rows
 * @param measure               how the rows are compared
 */
public record LearnedPositionsTrace(float[][] table, float[][] similarity, float[][] sinusoidal,
                                    float[][] sinusoidalSimilarity, Similarity measure) {

    public int positions() {
        return table.length;
    }

    public int d() {
        return table[0].length;
    }
}
