package workbench.core.train;

import java.util.List;

/**
 * Examples of possibly different lengths padded to one length T. Padding goes at the end, is never
 * scored, and so cannot change what a left-to-right model computes at the real positions.
 *
 * @param inputs   (B, T) token ids
 * @param targets  (B, T) wanted token ids
 * @param scored   (B, T) true where the prediction is scored
 * @param distance (B, T) dependency distance at scored positions, 0 elsewhere
 */
public record SequenceBatch(int[][] inputs, int[][] targets, boolean[][] scored, int[][] distance) {

    public SequenceBatch {
        int b = inputs.length;
        if (b == 0) {
            throw new IllegalArgumentException("a batch needs at least one sequence");
        }
        int t = inputs[0].length;
        if (targets.length != b || scored.length != b || distance.length != b) {
            throw new IllegalArgumentException("inputs, targets, scored and distance need " + b + " rows each");
        }
        for (int i = 0; i < b; i++) {
            if (inputs[i].length != t || targets[i].length != t || scored[i].length != t || distance[i].length != t) {
                throw new IllegalArgumentException("row " + i + " is not " + t + " long");
            }
        }
    }

    /** Pads {@code examples} at the end with {@code padId} to the longest one. */
    public static SequenceBatch of(List<SequenceExample> examples, int padId) {
        int b = examples.size();
        if (b == 0) {
            throw new IllegalArgumentException("a batch needs at least one sequence");
        }
        int t = examples.stream().mapToInt(SequenceExample::length).max().orElse(0);
        int[][] inputs = new int[b][t];
        int[][] targets = new int[b][t];
        boolean[][] scored = new boolean[b][t];
        int[][] distance = new int[b][t];
        for (int i = 0; i < b; i++) {
            SequenceExample e = examples.get(i);
            java.util.Arrays.fill(inputs[i], padId);
            java.util.Arrays.fill(targets[i], padId);
            System.arraycopy(e.input(), 0, inputs[i], 0, e.length());
            System.arraycopy(e.target(), 0, targets[i], 0, e.length());
            System.arraycopy(e.scored(), 0, scored[i], 0, e.length());
            System.arraycopy(e.distance(), 0, distance[i], 0, e.length());
        }
        return new SequenceBatch(inputs, targets, scored, distance);
    }

    /**
     * This batch padded at the end to {@code length} (unscored {@code padId} tokens), so that
     * every batch of a run has one shape and its buffers can be reused.
     */
    public SequenceBatch padTo(int length, int padId) {
        int t = length();
        if (length < t) {
            throw new IllegalArgumentException("cannot pad a batch of length " + t + " down to " + length);
        }
        if (length == t) {
            return this;
        }
        int b = size();
        int[][] in = new int[b][length];
        int[][] out = new int[b][length];
        boolean[][] sc = new boolean[b][length];
        int[][] dist = new int[b][length];
        for (int i = 0; i < b; i++) {
            java.util.Arrays.fill(in[i], padId);
            java.util.Arrays.fill(out[i], padId);
            System.arraycopy(inputs[i], 0, in[i], 0, t);
            System.arraycopy(targets[i], 0, out[i], 0, t);
            System.arraycopy(scored[i], 0, sc[i], 0, t);
            System.arraycopy(distance[i], 0, dist[i], 0, t);
        }
        return new SequenceBatch(in, out, sc, dist);
    }

    /** B, the number of sequences. */
    public int size() {
        return inputs.length;
    }

    /** T, the padded length. */
    public int length() {
        return inputs[0].length;
    }

    public int scoredCount() {
        int n = 0;
        for (boolean[] row : scored) {
            for (boolean s : row) {
                n += s ? 1 : 0;
            }
        }
        return n;
    }
}
