package workbench.core.train;

/**
 * A training batch.
 *
 * @param inputs  (B, T) token ids
 * @param targets (B, T) the ids to predict at each position
 * @param scored  (B, T) 1 where a position counts towards the loss, 0 where not; null = all count
 */
public record Batch(int[][] inputs, int[][] targets, float[][] scored) {

    public int size() {
        return inputs.length;
    }

    public int length() {
        return inputs[0].length;
    }
}
