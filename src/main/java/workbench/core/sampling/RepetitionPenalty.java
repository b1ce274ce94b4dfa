package workbench.core.sampling;

import java.util.BitSet;

/**
 * The repetition penalty of the CTRL paper (Keskar et al., 2019): every token that already occurs
 * in the text has its logit pushed down. A positive logit is divided by the penalty and a negative
 * one multiplied by it, so that both move towards "less likely"; dividing a negative logit would
 * make the token more likely instead. Each token is penalised once, however often it occurred.
 */
public final class RepetitionPenalty {

    private RepetitionPenalty() {
    }

    /**
     * The penalised logits.
     *
     * @param logits   (V) raw scores
     * @param previous token ids already in the text (prompt and generated tokens), any length
     * @param penalty  finite, > 0; 1 leaves the logits unchanged
     * @return (V) a new array; tokens not in {@code previous} and logits of 0 or -infinity are unchanged
     */
    public static double[] apply(double[] logits, int[] previous, double penalty) {
        Distributions.checkLogits(logits);
        if (!(penalty > 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("the repetition penalty must be a finite number > 0, not " + penalty);
        }
        double[] out = logits.clone();
        if (penalty == 1.0) {
            return out;
        }
        BitSet seen = new BitSet(logits.length);
        for (int id : previous) {
            if (id < 0 || id >= logits.length) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + logits.length);
            }
            seen.set(id);
        }
        for (int id = seen.nextSetBit(0); id >= 0; id = seen.nextSetBit(id + 1)) {
            double z = out[id];
            out[id] = z > 0 ? z / penalty : z * penalty;
        }
        return out;
    }
}
