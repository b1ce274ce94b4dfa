package workbench.core.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The model's next-token prediction for one prompt, with its positional information and without
 * it. V is the vocabulary size, T the prompt length the model read.
 *
 * @param tokenIds          (T) the prompt as the model read it
 * @param tokens            (T) how each token reads
 * @param droppedFromLeft   tokens cut from the start because the prompt was longer than the context
 * @param withPositions     (V) next-token probabilities of the model as trained
 * @param withoutPositions  (V) the same with no positional encoding added
 * @param vocabulary        (V) how each token of the vocabulary reads
 */
public record PositionsOffTrace(int[] tokenIds, List<String> tokens, int droppedFromLeft, float[] withPositions,
                                float[] withoutPositions, List<String> vocabulary) {

    public PositionsOffTrace {
        tokens = List.copyOf(tokens);
        vocabulary = List.copyOf(vocabulary);
    }

    /** One bar of a prediction chart. */
    public record TokenProbability(int id, String token, double probability) {
    }

    /** The {@code k} most likely next tokens, most likely first; ties go to the lower id. */
    public List<TokenProbability> top(boolean positions, int k) {
        float[] p = positions ? withPositions : withoutPositions;
        List<TokenProbability> all = new ArrayList<>(p.length);
        for (int i = 0; i < p.length; i++) {
            all.add(new TokenProbability(i, vocabulary.get(i), p[i]));
        }
        all.sort((a, b) -> a.probability() != b.probability()
                ? Double.compare(b.probability(), a.probability()) : Integer.compare(a.id(), b.id()));
        return List.copyOf(all.subList(0, Math.min(Math.max(k, 0), all.size())));
    }

    /**
     * Total variation distance between the two predictions: half the sum of |p - q|, from 0 (the
     * same) to 1 (no token in common).
     */
    public double totalVariation() {
        double sum = 0;
        for (int i = 0; i < withPositions.length; i++) {
            sum += Math.abs((double) withPositions[i] - withoutPositions[i]);
        }
        return sum / 2;
    }
}
