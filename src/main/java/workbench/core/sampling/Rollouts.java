package workbench.core.sampling;

import workbench.concurrent.Progress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Many rollouts: the same prompt continued N times with the current settings, to compare settings
 * by numbers rather than by one lucky sample. Rollout i is exactly what {@link Generator} produces
 * with seed {@code settings.seed() + i}, so rollout 0 is the text the lab generates and any rollout
 * can be repeated on the command line.
 */
public final class Rollouts {

    public static final int MAX_COUNT = 10_000;

    private Rollouts() {
    }

    /**
     * Runs {@code count} rollouts of {@code length} tokens.
     *
     * @param model    gives the logits; wrap it in a {@link CachedModel} so shared prefixes are computed once
     * @param prompt   token ids, at least one
     * @param settings the knobs (its maxNewTokens is replaced by {@code length})
     * @param count    rollouts, in [1, {@value #MAX_COUNT}]
     * @param length   tokens per rollout, in [1, {@link SamplingSettings#MAX_NEW_TOKENS}]
     * @param progress reports each rollout; cancelling stops with a CancellationException
     */
    public static RolloutResult run(NextTokenModel model, int[] prompt, SamplingSettings settings, int count, int length,
                                    Progress progress) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("the number of rollouts must be between 1 and " + MAX_COUNT + ", not " + count);
        }
        SamplingSettings each = settings.withMaxNewTokens(length);
        int[][] sequences = new int[count][];
        double[] expected = null;
        int[] firstCounts = new int[model.vocabSize()];
        for (int i = 0; i < count; i++) {
            progress.checkCancelled();
            Generator generator = new Generator(model, prompt, each.withSeed(settings.seed() + i));
            while (generator.hasNext()) {
                progress.checkCancelled();
                SamplingStep step = generator.next();
                if (step.index() == 0) {
                    firstCounts[step.token()]++;
                    if (expected == null) {
                        expected = step.drawn();
                    }
                }
            }
            sequences[i] = generator.generated();
            progress.update((double) (i + 1) / count, "rollout " + (i + 1) + " of " + count);
        }
        double[] histogram = new double[firstCounts.length];
        for (int t = 0; t < histogram.length; t++) {
            histogram[t] = (double) firstCounts[t] / count;
        }
        Set<List<Integer>> distinct = new HashSet<>();
        for (int[] s : sequences) {
            distinct.add(boxed(s, 0, s.length));
        }
        return new RolloutResult(settings, length, sequences, firstCounts, expected,
                Distributions.entropyBits(histogram), Distributions.entropyBits(expected),
                distinctN(sequences, 1), distinctN(sequences, 2), distinctN(sequences, 4), distinct.size());
    }

    /**
     * distinct-n: the number of different n-grams divided by the number of n-grams, counted over all
     * sequences (n-grams do not cross from one sequence to the next). 1 means no n-gram repeats;
     * near 0 means the same few n-grams over and over. 0 when there is no n-gram at all.
     */
    public static double distinctN(int[][] sequences, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, not " + n);
        }
        Set<List<Integer>> seen = new HashSet<>();
        long total = 0;
        for (int[] s : sequences) {
            for (int start = 0; start + n <= s.length; start++) {
                seen.add(boxed(s, start, start + n));
                total++;
            }
        }
        return total == 0 ? 0 : (double) seen.size() / total;
    }

    private static List<Integer> boxed(int[] tokens, int from, int to) {
        List<Integer> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(tokens[i]);
        }
        return out;
    }
}
