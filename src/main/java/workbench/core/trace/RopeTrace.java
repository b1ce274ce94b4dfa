package workbench.core.trace;

/**
 * A query/key pair under rotary position embedding (RoPE), as the Positions lab shows it. d is the
 * vector size (even), T the positions shown.
 *
 * @param d              vector size
 * @param base           base of the rotation frequencies (10000 in RoFormer)
 * @param query          (d) the query before rotation
 * @param key            (d) the key before rotation
 * @param pair           which pair (2i, 2i+1) the dial shows
 * @param theta          that pair's frequency theta_i = base^(-2i/d), radians per position
 * @param queryPosition  m, where the query sits
 * @param keyPosition    n, where the key sits
 * @param queryPair      (2) the query's pair before rotation
 * @param keyPair        (2) the key's pair before rotation
 * @param rotatedQuery   (2) the query's pair rotated by m * theta
 * @param rotatedKey     (2) the key's pair rotated by n * theta
 * @param queryPath      (T, 2) the query's pair rotated to every position 0..T-1 (the dial's trail)
 * @param scores         (T, T) scores[m][n] = rope(q, m) · rope(k, n) over all d dimensions (unscaled)
 * @param score          scores at (queryPosition, keyPosition)
 * @param byOffset       (2T-1) the score as a function of the offset m - n alone, for offsets
 *                       -(T-1)..T-1, from the closed form sum_i [(q·k)_i cos((m-n) theta_i) +
 *                       (q x k)_i sin((m-n) theta_i)]
 * @param diagonalSpread the largest difference between two entries of {@code scores} on one
 *                       diagonal (same offset); rounding only, since the score depends on m - n alone
 */
public record RopeTrace(int d, double base, float[] query, float[] key, int pair, double theta, int queryPosition,
                        int keyPosition, float[] queryPair, float[] keyPair, float[] rotatedQuery, float[] rotatedKey,
                        float[][] queryPath, float[][] scores, double score, float[] byOffset, double diagonalSpread) {

    /** Number of positions shown. */
    public int positions() {
        return scores.length;
    }

    /** The offset m - n of the chosen pair of positions. */
    public int offset() {
        return queryPosition - keyPosition;
    }
}
