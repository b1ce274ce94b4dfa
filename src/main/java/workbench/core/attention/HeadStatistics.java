package workbench.core.attention;

import workbench.core.trace.ForwardTrace;
import workbench.core.trace.LayerTrace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What one attention head does on one prompt, in a few numbers, so that heads can be sorted to find
 * the previous-token, induction and "attend to the start" heads.
 * <p>
 * Every measure averages over the query rows 1..T-1: under a causal mask row 0 can only see itself,
 * so it would say "focused on the first token" about every head. (With T = 1, row 0 is all there is.)
 * Rows with no allowed key (all weights 0, possible when tokens are hidden) are left out.
 *
 * @param layer           layer number, from 0
 * @param head            head number within the layer, from 0
 * @param entropyBits     mean over rows of -Σ w log2 w: 0 when each row looks at one key, log2(n) when spread evenly
 * @param meanDistance    mean over rows of Σ_j w_ij |i - j|: how far back (or ahead) the head looks, in tokens
 * @param firstToken      mean weight on key 0 (the "attend to the start" pattern)
 * @param previousToken   mean weight on key i - 1
 * @param selfToken       mean weight on key i
 * @param induction       over the rows whose token occurred before, the mean total weight on the keys j that
 *                        follow such an earlier occurrence (tokens[j - 1] == tokens[i], j &lt; i): the induction
 *                        pattern "last time this token came, what came next?" (j = i is left out: that is the
 *                        query itself); 0 when no token repeats
 * @param inductionRows   how many rows had such an earlier occurrence (0: induction cannot be measured)
 * @param wordStart       over the rows with a whitespace token at or before them, the mean weight on the latest
 *                        such token: in a character model, the space where the current word began
 * @param wordStartRows   how many rows had a whitespace token at or before them (0: not measurable)
 */
public record HeadStatistics(int layer, int head, double entropyBits, double meanDistance, double firstToken,
                             double previousToken, double selfToken, double induction, int inductionRows,
                             double wordStart, int wordStartRows) {

    /** The measures heads can be sorted by. */
    public enum Measure {
        ENTROPY("Entropy (bits)", "low: each query looks at a few keys; high: attention spread out",
                HeadStatistics::entropyBits, false),
        DISTANCE("Mean distance", "how many tokens away the attended keys are, on average",
                HeadStatistics::meanDistance, true),
        PREVIOUS("→ previous", "share of attention on the token just before (a previous-token head)",
                HeadStatistics::previousToken, true),
        WORD_START("→ word start", "share of attention on the latest space: where the current word began",
                HeadStatistics::wordStart, true),
        FIRST("→ first", "share of attention on the first token (an \"attend to start\" head)",
                HeadStatistics::firstToken, true),
        SELF("→ self", "share of attention on the query's own token", HeadStatistics::selfToken, true),
        INDUCTION("Induction", "share on the token that followed an earlier copy of the query's token",
                HeadStatistics::induction, true);

        private final String label;
        private final String description;
        private final ToDoubleFunction<HeadStatistics> value;
        private final boolean highIsStrong;

        Measure(String label, String description, ToDoubleFunction<HeadStatistics> value, boolean highIsStrong) {
            this.label = label;
            this.description = description;
            this.value = value;
            this.highIsStrong = highIsStrong;
        }

        public String label() {
            return label;
        }

        public String description() {
            return description;
        }

        public double of(HeadStatistics statistics) {
            return value.applyAsDouble(statistics);
        }

        /** True when a larger value means more of the pattern (false for entropy: low is focused). */
        public boolean highIsStrong() {
            return highIsStrong;
        }
    }

    /** The statistics of one head, without the word-start measure (no token counts as whitespace). */
    public static HeadStatistics of(int layer, int head, float[][] weights, int[] tokenIds) {
        return of(layer, head, weights, tokenIds, new boolean[tokenIds.length]);
    }

    /**
     * The statistics of one head.
     *
     * @param weights    (T, T) attention weights of the head, rows summing to 1 (or 0 for a fully masked row)
     * @param tokenIds   (T) the prompt's token ids, for the induction measure
     * @param whitespace (T) true where the token is whitespace, for the word-start measure
     */
    public static HeadStatistics of(int layer, int head, float[][] weights, int[] tokenIds, boolean[] whitespace) {
        int t = weights.length;
        if (tokenIds.length != t || whitespace.length != t) {
            throw new IllegalArgumentException(t + " weight rows but " + tokenIds.length + " tokens");
        }
        double wordStart = 0;
        int wordStartRows = 0;
        int lastSpace = -1;
        double entropy = 0;
        double distance = 0;
        double first = 0;
        double previous = 0;
        double self = 0;
        double induction = 0;
        int rows = 0;
        int inductionRows = 0;
        for (int i = 0; i < t; i++) {
            if (whitespace[i]) {
                lastSpace = i;
            }
            if (i == 0 && t > 1) {
                continue;
            }
            float[] row = weights[i];
            double total = 0;
            double h = 0;
            double dist = 0;
            double copied = 0;
            boolean repeated = false;
            for (int j = 0; j < row.length; j++) {
                double w = row[j];
                total += w;
                if (w > 0) {
                    h -= w * Math.log(w);
                }
                dist += w * Math.abs(i - j);
                if (j >= 1 && j < i && tokenIds[j - 1] == tokenIds[i]) {
                    repeated = true;
                    copied += w;
                }
            }
            if (total == 0) {
                continue;
            }
            rows++;
            entropy += h / Math.log(2);
            distance += dist;
            first += row[0];
            previous += i >= 1 ? row[i - 1] : 0;
            self += row[i];
            if (repeated) {
                inductionRows++;
                induction += copied;
            }
            if (lastSpace >= 0) {
                wordStartRows++;
                wordStart += row[lastSpace];
            }
        }
        if (rows == 0) {
            return new HeadStatistics(layer, head, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new HeadStatistics(layer, head, entropy / rows, distance / rows, first / rows, previous / rows,
                self / rows, inductionRows == 0 ? 0 : induction / inductionRows, inductionRows,
                wordStartRows == 0 ? 0 : wordStart / wordStartRows, wordStartRows);
    }

    /** Statistics for every head of every layer of a trace, layer by layer. */
    public static List<HeadStatistics> forTrace(ForwardTrace trace) {
        boolean[] whitespace = new boolean[trace.length()];
        for (int i = 0; i < whitespace.length; i++) {
            String token = trace.tokens().get(i);
            whitespace[i] = !token.isEmpty() && token.isBlank();
        }
        List<HeadStatistics> all = new ArrayList<>();
        for (LayerTrace layer : trace.layers()) {
            for (int h = 0; h < layer.heads(); h++) {
                all.add(of(layer.index(), h, layer.weights()[h], trace.tokenIds(), whitespace));
            }
        }
        return all;
    }

    /** The heads ordered from the strongest example of {@code measure} to the weakest. */
    public static List<HeadStatistics> ranked(List<HeadStatistics> heads, Measure measure) {
        Comparator<HeadStatistics> order = Comparator.comparingDouble(measure::of);
        if (measure.highIsStrong()) {
            order = order.reversed();
        }
        List<HeadStatistics> sorted = new ArrayList<>(heads);
        sorted.sort(order.thenComparingInt(HeadStatistics::layer).thenComparingInt(HeadStatistics::head));
        return sorted;
    }

    /**
     * The strongest example of {@code measure}; for induction and word start only among heads where
     * it could be measured (a prompt with a repeated token, a prompt with a space).
     */
    public static java.util.Optional<HeadStatistics> strongest(List<HeadStatistics> heads, Measure measure) {
        return ranked(heads, measure).stream()
                .filter(s -> measure != Measure.INDUCTION || s.inductionRows() > 0)
                .filter(s -> measure != Measure.WORD_START || s.wordStartRows() > 0)
                .findFirst();
    }
}
