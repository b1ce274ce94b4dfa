package workbench.core.train;

import java.util.Arrays;

/**
 * One training or test sequence for a model that reads tokens left to right and predicts a token
 * at some positions. Position t is scored when the model's prediction after reading
 * {@code input[0..t]} is compared with {@code target[t]}; unscored targets are ignored.
 *
 * @param input    (T) token ids the model reads
 * @param target   (T) token id wanted at each position (meaningful only where scored)
 * @param scored   (T) true where the prediction counts in loss and accuracy
 * @param distance (T) at a scored position, how many steps back the token it needs was read
 *                 (the dependency distance, >= 1); 0 at unscored positions
 */
public record SequenceExample(int[] input, int[] target, boolean[] scored, int[] distance) {

    public SequenceExample {
        int t = input.length;
        if (target.length != t || scored.length != t || distance.length != t) {
            throw new IllegalArgumentException("input, target, scored and distance must have the same length "
                    + "(" + t + ", " + target.length + ", " + scored.length + ", " + distance.length + ")");
        }
        for (int i = 0; i < t; i++) {
            if (scored[i] != (distance[i] > 0)) {
                throw new IllegalArgumentException("position " + i + ": a scored position needs a distance >= 1 "
                        + "and an unscored one distance 0");
            }
        }
        input = input.clone();
        target = target.clone();
        scored = scored.clone();
        distance = distance.clone();
    }

    /** A plain next-token example: every position predicts the following token, no distances known. */
    public static SequenceExample nextToken(int[] tokens) {
        if (tokens.length < 2) {
            throw new IllegalArgumentException("next-token prediction needs at least 2 tokens, got " + tokens.length);
        }
        int t = tokens.length - 1;
        boolean[] scored = new boolean[t];
        int[] distance = new int[t];
        Arrays.fill(scored, true);
        Arrays.fill(distance, 1);
        return new SequenceExample(Arrays.copyOf(tokens, t), Arrays.copyOfRange(tokens, 1, t + 1), scored, distance);
    }

    public int length() {
        return input.length;
    }

    public int scoredCount() {
        int n = 0;
        for (boolean s : scored) {
            n += s ? 1 : 0;
        }
        return n;
    }

    /** The longest dependency distance among the scored positions. */
    public int maxDistance() {
        return Arrays.stream(distance).max().orElse(0);
    }

    @Override
    public int[] input() {
        return input.clone();
    }

    @Override
    public int[] target() {
        return target.clone();
    }

    @Override
    public boolean[] scored() {
        return scored.clone();
    }

    @Override
    public int[] distance() {
        return distance.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SequenceExample e && Arrays.equals(input, e.input) && Arrays.equals(target, e.target)
                && Arrays.equals(scored, e.scored) && Arrays.equals(distance, e.distance);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(input) * 31 + Arrays.hashCode(target);
    }

    @Override
    public String toString() {
        return "SequenceExample" + Arrays.toString(input) + "->" + Arrays.toString(target);
    }
}
