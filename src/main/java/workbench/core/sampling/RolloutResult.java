package workbench.core.sampling;

import java.util.Arrays;

/**
 * The same prompt continued {@code count} times with the same settings and different coins.
 *
 * @param settings             the settings of rollout 0; rollout i used seed {@code settings.seed() + i}
 * @param length               tokens generated per rollout
 * @param sequences            (count, length) the generated token ids of each rollout
 * @param firstTokenCounts     (V) how often each token came first
 * @param firstTokenExpected   (V) the distribution the first token was drawn from (the same for every rollout)
 * @param firstTokenEntropy    entropy in bits of the first-token histogram (counts / count)
 * @param expectedEntropy      entropy in bits of {@code firstTokenExpected}, what the histogram approaches
 * @param distinct1            distinct unigrams / all unigrams over every rollout (Li et al., 2016)
 * @param distinct2            distinct bigrams / all bigrams (0 when rollouts are one token long)
 * @param distinct4            distinct 4-grams / all 4-grams (0 when rollouts are shorter): for a character
 *                             model the pieces are about a short word long, where unigrams and bigrams of
 *                             letters repeat in any text
 * @param distinctSequences    how many different rollouts there were
 */
public record RolloutResult(SamplingSettings settings, int length, int[][] sequences, int[] firstTokenCounts,
                            double[] firstTokenExpected, double firstTokenEntropy, double expectedEntropy,
                            double distinct1, double distinct2, double distinct4, int distinctSequences) {

    public RolloutResult {
        sequences = deepCopy(sequences);
        firstTokenCounts = firstTokenCounts.clone();
        firstTokenExpected = firstTokenExpected.clone();
    }

    public int count() {
        return sequences.length;
    }

    @Override
    public int[][] sequences() {
        return deepCopy(sequences);
    }

    public int[] sequence(int rollout) {
        return sequences[rollout].clone();
    }

    @Override
    public int[] firstTokenCounts() {
        return firstTokenCounts.clone();
    }

    @Override
    public double[] firstTokenExpected() {
        return firstTokenExpected.clone();
    }

    /** The share of rollouts that began with {@code token}: its count / count. */
    public double firstTokenFrequency(int token) {
        return (double) firstTokenCounts[token] / sequences.length;
    }

    /** Tokens that came first at least once, most frequent first (ties by higher expected probability, then lower id). */
    public int[] firstTokensByCount() {
        return java.util.stream.IntStream.range(0, firstTokenCounts.length)
                .filter(t -> firstTokenCounts[t] > 0)
                .boxed()
                .sorted((a, b) -> {
                    int byCount = Integer.compare(firstTokenCounts[b], firstTokenCounts[a]);
                    if (byCount != 0) {
                        return byCount;
                    }
                    int byExpected = Double.compare(firstTokenExpected[b], firstTokenExpected[a]);
                    return byExpected != 0 ? byExpected : Integer.compare(a, b);
                })
                .mapToInt(Integer::intValue).toArray();
    }

    private static int[][] deepCopy(int[][] rows) {
        int[][] out = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = Arrays.copyOf(rows[i], rows[i].length);
        }
        return out;
    }
}
