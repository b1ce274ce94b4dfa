package workbench.core.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The trace of one generated token: every distribution on the way from the model's logits to the
 * token drawn. All arrays are (V), indexed by token id, and copied in and out.
 *
 * @param index      which generated token this is (0 = the first after the prompt)
 * @param settings   the settings it was drawn with
 * @param logits     the model's raw logits
 * @param penalised  logits after the repetition penalty
 * @param model      softmax(logits): the model's own distribution
 * @param shaped     softmax(penalised / T): after penalty and temperature
 * @param drawn      after top-k and top-p (or greedy), renormalised: what the coin draws from
 * @param ranking    token ids from most to least likely by penalised logit (ties by lower id)
 * @param topKKept   how many tokens top-k kept (a prefix of the ranking)
 * @param topPKept   how many of those top-p kept
 * @param kept       how many tokens could be drawn: {@code topPKept}, or 1 in greedy mode
 * @param keptMass   the share of the shaped distribution that the cuts kept, before renormalising
 * @param coin       the uniform draw in [0, 1) that picked the token
 * @param draw       where the coin landed on the cumulative axis (segments in ranking order)
 */
public record SamplingStep(int index, SamplingSettings settings, double[] logits, double[] penalised,
                           double[] model, double[] shaped, double[] drawn, int[] ranking,
                           int topKKept, int topPKept, int kept, double keptMass, double coin, Draw draw) {

    public SamplingStep {
        logits = logits.clone();
        penalised = penalised.clone();
        model = model.clone();
        shaped = shaped.clone();
        drawn = drawn.clone();
        ranking = ranking.clone();
    }

    /** The chosen token id. */
    public int token() {
        return draw.token();
    }

    /** The chosen token's probability in the distribution it was drawn from. */
    public double probability() {
        return drawn[draw.token()];
    }

    /** The chosen token's probability under the model as it is (no penalty, T = 1, no cuts). */
    public double modelProbability() {
        return model[draw.token()];
    }

    public int vocabSize() {
        return logits.length;
    }

    /** The tokens that could be drawn, most likely first. */
    public int[] keptTokens() {
        return Arrays.copyOf(ranking, kept);
    }

    /** The rank of {@code token} (0 = most likely). */
    public int rankOf(int token) {
        for (int r = 0; r < ranking.length; r++) {
            if (ranking[r] == token) {
                return r;
            }
        }
        throw new IllegalArgumentException("token id " + token + " is outside the vocabulary of " + ranking.length);
    }

    /** The {@code n} most likely tokens (fewer if the vocabulary is smaller), most likely first. */
    public List<TokenShare> top(int n) {
        int shown = Math.max(0, Math.min(n, ranking.length));
        List<TokenShare> out = new ArrayList<>(shown);
        for (int r = 0; r < shown; r++) {
            int t = ranking[r];
            out.add(new TokenShare(r, t, 1, model[t], shaped[t], drawn[t], r < kept ? 1 : 0));
        }
        return out;
    }

    /** Everything after the {@code n} most likely tokens, summed ({@code count} 0 when there is nothing). */
    public TokenShare rest(int n) {
        int from = Math.max(0, Math.min(n, ranking.length));
        double m = 0;
        double s = 0;
        double d = 0;
        for (int r = from; r < ranking.length; r++) {
            int t = ranking[r];
            m += model[t];
            s += shaped[t];
            d += drawn[t];
        }
        return new TokenShare(from, -1, ranking.length - from, m, s, d, Math.max(0, kept - from));
    }

    @Override
    public double[] logits() {
        return logits.clone();
    }

    @Override
    public double[] penalised() {
        return penalised.clone();
    }

    @Override
    public double[] model() {
        return model.clone();
    }

    @Override
    public double[] shaped() {
        return shaped.clone();
    }

    @Override
    public double[] drawn() {
        return drawn.clone();
    }

    @Override
    public int[] ranking() {
        return ranking.clone();
    }
}
