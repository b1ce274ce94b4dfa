package workbench.core.sampling;

/**
 * Top-k and top-p (nucleus) cuts. Both keep a prefix of the tokens ranked from most to least
 * likely and renormalise what remains; the rest get probability 0.
 *
 * <p>Ties: the ranking puts tied tokens in id order ({@link Distributions#ranking}), so a cut that
 * falls inside a group of equally likely tokens keeps the lower ids and drops the others. The kept
 * set is then exactly as small as the rule asks and the same on every run.
 */
public final class Truncation {

    /**
     * Slack for "the cumulative probability reaches p": sums of rounded probabilities may fall a few
     * ulps short (0.5 + 0.3 need not equal 0.8 exactly), and such a sum still counts as reaching p.
     */
    public static final double REACH_TOLERANCE = 1e-12;

    private Truncation() {
    }

    /**
     * What a cut kept.
     *
     * @param probabilities (V) renormalised over the kept tokens, 0 elsewhere
     * @param ranking       (V) token ids from most to least likely; the kept tokens are its first {@code kept}
     * @param kept          how many tokens remain, >= 1
     * @param keptMass      the probability the kept tokens had before renormalising
     */
    public record Cut(double[] probabilities, int[] ranking, int kept, double keptMass) {
        public Cut {
            probabilities = probabilities.clone();
            ranking = ranking.clone();
        }

        @Override
        public double[] probabilities() {
            return probabilities.clone();
        }

        @Override
        public int[] ranking() {
            return ranking.clone();
        }

        /** The kept token ids, most likely first. */
        public int[] keptTokens() {
            return java.util.Arrays.copyOf(ranking, kept);
        }

        public boolean isKept(int token) {
            return rankOf(token) < kept;
        }

        private int rankOf(int token) {
            for (int r = 0; r < ranking.length; r++) {
                if (ranking[r] == token) {
                    return r;
                }
            }
            throw new IllegalArgumentException("token id " + token + " is outside the vocabulary of " + ranking.length);
        }
    }

    /**
     * Keeps the {@code k} most likely tokens (ties by lower id).
     *
     * @param probabilities (V) a distribution
     * @param k             0 means no cut; k >= V keeps everything; k = 1 keeps only the most likely token
     */
    public static Cut topK(double[] probabilities, int k) {
        return topK(probabilities, Distributions.ranking(checked(probabilities)), k);
    }

    /**
     * Keeps the smallest set of most likely tokens whose probabilities sum to at least {@code p}
     * (ties by lower id). p = 1 means no cut: every token is kept, including those of probability
     * 0. p = 0 is reached by the empty set, but a cut must leave a token to draw, so it keeps the
     * single most likely token, like greedy decoding.
     *
     * @param probabilities (V) a distribution
     * @param p             in [0, 1]
     */
    public static Cut topP(double[] probabilities, double p) {
        return topP(probabilities, Distributions.ranking(checked(probabilities)), p);
    }

    /** {@link #topK(double[], int)} along a given ranking (the sampler ranks by logit). */
    static Cut topK(double[] probabilities, int[] ranking, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("top-k must be 0 (off) or positive, not " + k);
        }
        int kept = k == 0 ? ranking.length : Math.min(k, ranking.length);
        return keep(probabilities, ranking, kept);
    }

    /** {@link #topP(double[], double)} along a given ranking (the sampler ranks by logit). */
    static Cut topP(double[] probabilities, int[] ranking, double p) {
        return topP(probabilities, ranking, p, ranking.length);
    }

    /**
     * Top-p among the first {@code limit} ranked tokens only: after top-k, the tokens top-k cut
     * have probability 0 and must stay cut even when p = 1.
     */
    static Cut topP(double[] probabilities, int[] ranking, double p, int limit) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("top-p must be between 0 and 1, not " + p);
        }
        if (p >= 1) {
            return keep(probabilities, ranking, limit);
        }
        int kept = 1;
        double cumulative = probabilities[ranking[0]];
        while (kept < limit && cumulative < p - REACH_TOLERANCE) {
            cumulative += probabilities[ranking[kept]];
            kept++;
        }
        return keep(probabilities, ranking, kept);
    }

    private static Cut keep(double[] probabilities, int[] ranking, int kept) {
        double mass = 0;
        for (int r = 0; r < kept; r++) {
            mass += probabilities[ranking[r]];
        }
        double[] out = new double[probabilities.length];
        if (mass > 0) {
            for (int r = 0; r < kept; r++) {
                out[ranking[r]] = probabilities[ranking[r]] / mass;
            }
        } else {
            // Only reachable with a ranking that disagrees with the probabilities; fall back to the
            // first ranked token rather than dividing 0 by 0.
            out[ranking[0]] = 1.0;
        }
        return new Cut(out, ranking, kept, mass);
    }

    private static double[] checked(double[] probabilities) {
        if (probabilities == null || probabilities.length == 0) {
            throw new IllegalArgumentException("the vocabulary is empty: there is no token to choose from");
        }
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("the probability of token " + i + " is " + p + ", not a number >= 0");
            }
            sum += p;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("no token has a probability above 0");
        }
        return probabilities;
    }
}
