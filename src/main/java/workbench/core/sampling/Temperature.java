package workbench.core.sampling;

/**
 * Temperature: softmax(z / T). T below 1 sharpens the distribution towards the most likely
 * token, T above 1 flattens it towards uniform; T = 1 is the model's own distribution.
 *
 * <p>T = 0 is defined as the limit T -> 0+: all probability on the largest logit. When several
 * logits tie for largest the limit shares the probability equally among them, and so does this.
 * (Greedy decoding instead takes the lowest id among tied tokens; with no tie the two agree.)
 */
public final class Temperature {

    private Temperature() {
    }

    /**
     * softmax(logits / t).
     *
     * @param logits      (V) raw scores, checked by {@link Distributions#checkLogits}
     * @param temperature finite, >= 0
     * @return (V) probabilities summing to 1
     */
    public static double[] apply(double[] logits, double temperature) {
        Distributions.checkLogits(logits);
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, not " + temperature);
        }
        double max = Distributions.max(logits);
        double[] out = new double[logits.length];
        if (temperature == 0) {
            int ties = 0;
            for (double z : logits) {
                ties += z == max ? 1 : 0;
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = logits[i] == max ? 1.0 / ties : 0.0;
            }
            return out;
        }
        // Subtract the max before dividing by T: every exponent is <= 0, so exp cannot overflow
        // even for a tiny T, and the largest logit always contributes exp(0) = 1 to the sum.
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            double e = Math.exp((logits[i] - max) / temperature);
            out[i] = e;
            sum += e;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
