package workbench.core.sampling;

/**
 * One bar of a next-token chart: a token's probability at each stage of the pipeline, or the sum
 * over the tokens outside the top ones ({@code token = -1}).
 *
 * @param rank     position from the most likely (0); for the rest, the first rank it covers
 * @param token    token id, or -1 for "the rest"
 * @param count    how many tokens this covers (1 for a single token)
 * @param model    probability under the model as it is: softmax of the raw logits
 * @param shaped   after the repetition penalty and the temperature, before any cut
 * @param drawn     after the cuts, renormalised: the distribution the token is drawn from (0 if cut)
 * @param kept     how many of the covered tokens survive the cuts
 */
public record TokenShare(int rank, int token, int count, double model, double shaped, double drawn, int kept) {

    public boolean isRest() {
        return token < 0;
    }

    /** True when every covered token was cut away. */
    public boolean excluded() {
        return kept == 0;
    }
}
