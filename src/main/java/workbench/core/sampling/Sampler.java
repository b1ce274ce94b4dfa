package workbench.core.sampling;

/**
 * Picks the next token. {@link #sample} is the inverse-CDF draw from a distribution with a coin
 * passed in; {@link #step} runs the whole pipeline on one set of logits and returns its trace:
 *
 * <ol>
 *   <li>repetition penalty on the logits of tokens already in the text (CTRL);</li>
 *   <li>temperature: softmax(penalised / T);</li>
 *   <li>top-k, then top-p on what top-k kept (renormalised);</li>
 *   <li>greedy mode then keeps only the most likely token, whatever the cuts kept;</li>
 *   <li>the coin picks a token from what remains, walking the tokens from most to least likely.</li>
 * </ol>
 *
 * Tokens are ranked by their penalised logit (ties by lower id). Temperature never changes that
 * order, so the bars keep their places while T moves, even at T = 0.
 */
public final class Sampler {

    private Sampler() {
    }

    /**
     * Inverse-CDF draw in index order: the first index whose cumulative probability exceeds
     * {@code coin x total}. Segments are half-open, [start, end): a coin exactly on a boundary
     * picks the token after it. Tokens of probability 0 are never picked. The probabilities need
     * not sum to 1 exactly; the coin is scaled by their sum.
     *
     * @param probabilities (V) non-negative, finite, not all 0
     * @param coin          a uniform draw in [0, 1]; 1 picks the last token of positive probability
     */
    public static Draw sample(double[] probabilities, double coin) {
        int[] order = new int[probabilities == null ? 0 : probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return sample(probabilities, order, coin);
    }

    /** {@link #sample(double[], double)} for float probabilities. */
    public static Draw sample(float[] probabilities, double coin) {
        double[] p = new double[probabilities == null ? 0 : probabilities.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = probabilities[i];
        }
        return sample(p, coin);
    }

    /**
     * Inverse-CDF draw walking the tokens in {@code order}.
     *
     * @param probabilities (V)
     * @param order         (V) a permutation of 0..V-1, the order of the segments on the axis
     * @param coin          a uniform draw in [0, 1]
     */
    public static Draw sample(double[] probabilities, int[] order, double coin) {
        if (probabilities == null || probabilities.length == 0) {
            throw new IllegalArgumentException("the vocabulary is empty: there is no token to choose from");
        }
        if (order.length != probabilities.length) {
            throw new IllegalArgumentException("the order has " + order.length + " entries for " + probabilities.length + " tokens");
        }
        if (!(coin >= 0 && coin <= 1)) {
            throw new IllegalArgumentException("the coin must be a number in [0, 1], not " + coin);
        }
        double total = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("the probability of token " + i + " is " + p + ", not a number >= 0");
            }
            total += p;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("no token has a probability above 0: there is nothing to draw");
        }
        double point = coin * total;
        double cumulative = 0;
        int last = -1;
        int lastRank = -1;
        double lastStart = 0;
        for (int r = 0; r < order.length; r++) {
            int token = order[r];
            if (token < 0 || token >= probabilities.length) {
                throw new IllegalArgumentException("the order names token " + token + ", outside the vocabulary of " + probabilities.length);
            }
            double p = probabilities[token];
            if (p <= 0) {
                continue;
            }
            double end = cumulative + p;
            if (point < end) {
                return new Draw(token, r, p, cumulative, end, point);
            }
            last = token;
            lastRank = r;
            lastStart = cumulative;
            cumulative = end;
        }
        // Only a coin of 1 (or rounding in the running sum) gets here: the last positive segment.
        return new Draw(last, lastRank, probabilities[last], lastStart, cumulative, Math.min(point, cumulative));
    }

    /**
     * One token of generation, with every intermediate distribution.
     *
     * @param logits   (V) the model's raw logits for the next token
     * @param sequence every token id already in the text (prompt and generated), for the penalty
     * @param settings the knobs
     * @param coin     the uniform draw in [0, 1] that picks the token (unused in greedy mode)
     * @param index    which generated token this is (0 = the first after the prompt)
     */
    public static SamplingStep step(float[] logits, int[] sequence, SamplingSettings settings, double coin, int index) {
        double[] raw = Distributions.toDouble(logits);                                     // (V)
        double[] penalised = RepetitionPenalty.apply(raw, sequence, settings.repetitionPenalty()); // (V)
        double[] model = Distributions.softmax(raw);                                       // (V)
        double[] tempered = Temperature.apply(penalised, settings.temperature());          // (V)
        int[] ranking = Distributions.ranking(penalised);                                  // (V)
        Truncation.Cut topK = Truncation.topK(tempered, ranking, settings.topK());
        Truncation.Cut topP = Truncation.topP(topK.probabilities(), ranking, settings.topP(), topK.kept());
        double[] drawn;
        int kept;
        if (settings.greedy()) {
            drawn = Distributions.oneHot(raw.length, ranking[0]);
            kept = 1;
        } else {
            drawn = topP.probabilities();
            kept = topP.kept();
        }
        Draw draw = sample(drawn, ranking, coin);
        return new SamplingStep(index, settings, raw, penalised, model, tempered, drawn, ranking,
                topK.kept(), topP.kept(), kept, topK.keptMass() * topP.keptMass(), coin, draw);
    }
}
