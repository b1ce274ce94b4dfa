package workbench.core.sampling;

import java.util.Arrays;

/**
 * Logits to probabilities and the small helpers every sampling transform shares. All take and
 * return plain (V) arrays and never change their input.
 *
 * <p>Logits may be {@code -infinity} ("this token is impossible", as a mask writes it). Inputs that
 * have no defined distribution are rejected with an {@link IllegalArgumentException} that says why:
 * an empty vocabulary, a NaN or {@code +infinity} logit, or every logit {@code -infinity}.
 */
public final class Distributions {

    private Distributions() {
    }

    /**
     * Checks that {@code logits} define a distribution.
     *
     * @param logits (V) raw scores
     * @throws IllegalArgumentException naming the first bad token, or saying that no token is possible
     */
    public static void checkLogits(double[] logits) {
        if (logits == null || logits.length == 0) {
            throw new IllegalArgumentException("the vocabulary is empty: there is no token to choose from");
        }
        boolean anyPossible = false;
        for (int i = 0; i < logits.length; i++) {
            double z = logits[i];
            if (Double.isNaN(z)) {
                throw new IllegalArgumentException("the logit of token " + i + " is NaN: the model's output is broken");
            }
            if (z == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("the logit of token " + i + " is +infinity: the model's output overflowed");
            }
            anyPossible |= z != Double.NEGATIVE_INFINITY;
        }
        if (!anyPossible) {
            throw new IllegalArgumentException("every logit is -infinity: no token is possible");
        }
    }

    /** (V) float logits as doubles, checked with {@link #checkLogits(double[])}. */
    public static double[] toDouble(float[] logits) {
        if (logits == null) {
            throw new IllegalArgumentException("the vocabulary is empty: there is no token to choose from");
        }
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i];
        }
        checkLogits(out);
        return out;
    }

    /**
     * softmax(logits).
     *
     * @param logits (V)
     * @return (V) probabilities summing to 1; {@code -infinity} logits get exactly 0
     */
    public static double[] softmax(double[] logits) {
        return Temperature.apply(logits, 1.0);
    }

    /**
     * log softmax(logits), for beam scores.
     *
     * @param logits (V)
     * @return (V) log-probabilities; {@code -infinity} for impossible tokens
     */
    public static double[] logSoftmax(double[] logits) {
        checkLogits(logits);
        // Subtract the max before exp so the sum cannot overflow: every exponent is <= 0.
        double max = max(logits);
        double sum = 0;
        for (double z : logits) {
            sum += Math.exp(z - max);
        }
        double logSum = Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - max - logSum;
        }
        return out;
    }

    /** The largest value (at least one entry). */
    static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** The index of the largest value; ties go to the lowest index. */
    public static int argmax(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the vocabulary is empty: there is no token to choose from");
        }
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Token ids from most to least likely: by value descending, ties by the lower id first. This one
     * order decides every cut (top-k, top-p, greedy), so a cut through tied tokens always keeps the
     * lower ids and is the same on every machine.
     *
     * @param values (V) logits or probabilities
     * @return (V) a permutation of 0..V-1
     */
    public static int[] ranking(double[] values) {
        Integer[] ids = new Integer[values.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        Arrays.sort(ids, (a, b) -> {
            int byValue = Double.compare(values[b], values[a]);
            return byValue != 0 ? byValue : Integer.compare(a, b);
        });
        int[] out = new int[ids.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }

    /** Shannon entropy in bits of a distribution (zeros contribute nothing). */
    public static double entropyBits(double[] probabilities) {
        double h = 0;
        for (double p : probabilities) {
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return Math.max(0, h / Math.log(2));
    }

    /** A distribution with all its mass on {@code token}. */
    static double[] oneHot(int size, int token) {
        double[] out = new double[size];
        out[token] = 1.0;
        return out;
    }
}
