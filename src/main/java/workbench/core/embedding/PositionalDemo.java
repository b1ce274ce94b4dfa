package workbench.core.embedding;

import workbench.core.trace.RopeTrace;
import workbench.core.trace.SinusoidalTrace;

/**
 * The numbers behind the Positions lab: the sinusoidal table with its similarity matrix and a few
 * dimensions as waves, and a query/key pair under RoPE with the score matrix that is constant along
 * its diagonals. All of it comes from {@link PositionalEncodings}, the same code the model uses.
 */
public final class PositionalDemo {

    /** Largest table the lab asks for: positions x d. */
    public static final int MAX_POSITIONS = 1024;
    public static final int MAX_D = 2048;

    private PositionalDemo() {
    }

    /**
     * @param positions          T, 1..{@link #MAX_POSITIONS}
     * @param d                  model width, 2..{@link #MAX_D}
     * @param base               > 1
     * @param dims               dimensions to plot as waves, each in 0..d-1
     * @param samplesPerPosition how finely the waves are sampled between whole positions (>= 1)
     */
    public static SinusoidalTrace sinusoidal(int positions, int d, double base, Similarity measure, int[] dims,
                                             int samplesPerPosition) {
        check(positions, d, base);
        if (samplesPerPosition < 1) {
            throw new IllegalArgumentException("samples per position must be at least 1");
        }
        for (int dim : dims) {
            if (dim < 0 || dim >= d) {
                throw new IllegalArgumentException("dimension " + dim + " is outside 0.." + (d - 1));
            }
        }
        float[][] table = PositionalEncodings.sinusoidal(positions, d, base);  // (T, d)
        float[][] similarity = Vectors.similarityMatrix(table, measure);     // (T, T)
        int samples = Math.max(1, (positions - 1) * samplesPerPosition + 1);
        float[] at = new float[samples];
        for (int s = 0; s < samples; s++) {
            at[s] = (float) s / samplesPerPosition;
        }
        float[][] waves = new float[dims.length][samples];  // (w, s)
        double[] wavelengths = new double[dims.length];
        for (int w = 0; w < dims.length; w++) {
            wavelengths[w] = 2 * Math.PI / frequency(dims[w], d, base);
            for (int s = 0; s < samples; s++) {
                waves[w][s] = (float) value(at[s], dims[w], d, base);
            }
        }
        return new SinusoidalTrace(positions, d, base, table, measure, similarity, dims.clone(), wavelengths, at, waves);
    }

    /**
     * The sinusoidal encoding of dimension {@code dim} at a (possibly fractional) position: the
     * formula of {@link PositionalEncodings#sinusoidal}, so that whole positions agree with the table.
     */
    public static double value(double position, int dim, int d, double base) {
        double angle = position * frequency(dim, d, base);
        return dim % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
    }

    /** The angular frequency 1 / base^(2i/d) of dimension dim = 2i or 2i + 1. */
    public static double frequency(int dim, int d, double base) {
        int even = dim - dim % 2;
        return 1 / Math.pow(base, (double) even / d);
    }

    /**
     * The score matrix of a query/key pair under RoPE, for every pair of positions.
     *
     * @param query     (d), d even
     * @param key       (d)
     * @param positions T
     * @return scores (T, T), the score by offset (2T-1) from the closed form, and the largest
     *         spread along a diagonal
     */
    public static RopeScores ropeScores(float[] query, float[] key, int positions, double base) {
        int d = query.length;
        check(positions, d, base);
        if (d % 2 != 0 || key.length != d) {
            throw new IllegalArgumentException("RoPE needs query and key of the same even size, got " + d + " and " + key.length);
        }
        float[][] rq = new float[positions][];  // (T, d) the query rotated to each position
        float[][] rk = new float[positions][];  // (T, d)
        for (int p = 0; p < positions; p++) {
            rq[p] = PositionalEncodings.rope(query, p, base);
            rk[p] = PositionalEncodings.rope(key, p, base);
        }
        float[][] scores = new float[positions][positions];  // (T, T)
        for (int a = 0; a < positions; a++) {
            for (int b = 0; b < positions; b++) {
                scores[a][b] = (float) Vectors.dot(rq[a], rk[b]);
            }
        }
        float[] byOffset = new float[2 * positions - 1];
        for (int off = -(positions - 1); off <= positions - 1; off++) {
            byOffset[off + positions - 1] = (float) scoreAtOffset(query, key, off, base);
        }
        double spread = 0;
        for (int off = -(positions - 1); off <= positions - 1; off++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int a = Math.max(0, off); a < positions && a - off < positions; a++) {
                lo = Math.min(lo, scores[a][a - off]);
                hi = Math.max(hi, scores[a][a - off]);
            }
            spread = Math.max(spread, hi - lo);
        }
        return new RopeScores(query.clone(), key.clone(), base, scores, byOffset, spread);
    }

    /**
     * The score matrix part of a {@link RopeTrace}: it depends on q, k, T and the base, not on which
     * positions and pair the dial shows, so a view keeps it while those move.
     *
     * @param scores         (T, T) rope(q, m) · rope(k, n)
     * @param byOffset       (2T-1) the score at offsets -(T-1)..T-1 from the closed form
     * @param diagonalSpread largest difference between two scores on one diagonal
     */
    public record RopeScores(float[] query, float[] key, double base, float[][] scores, float[] byOffset,
                             double diagonalSpread) {
    }

    /**
     * RoPE for one query/key pair.
     *
     * @param query (d), d even
     * @param key   (d)
     * @param positions T, the size of the score matrix
     * @param pair  the pair i shown on the dial, 0..d/2-1
     * @param m     the query's position, 0..T-1
     * @param n     the key's position, 0..T-1
     */
    public static RopeTrace rope(float[] query, float[] key, int positions, double base, int pair, int m, int n) {
        return rope(ropeScores(query, key, positions, base), pair, m, n);
    }

    /** RoPE for the pair, positions and scores given; the scores come from {@link #ropeScores}. */
    public static RopeTrace rope(RopeScores scores, int pair, int m, int n) {
        float[] query = scores.query();
        float[] key = scores.key();
        double base = scores.base();
        int d = query.length;
        int positions = scores.scores().length;
        if (pair < 0 || pair >= d / 2) {
            throw new IllegalArgumentException("pair " + pair + " is outside 0.." + (d / 2 - 1));
        }
        if (m < 0 || m >= positions || n < 0 || n >= positions) {
            throw new IllegalArgumentException("positions m=" + m + ", n=" + n + " must be in 0.." + (positions - 1));
        }
        float[] qPair = {query[2 * pair], query[2 * pair + 1]};
        float[] kPair = {key[2 * pair], key[2 * pair + 1]};
        float[][] path = new float[positions][];  // (T, 2) the query's pair at each position
        for (int p = 0; p < positions; p++) {
            path[p] = rotatePair(qPair, p, pair, d, base);
        }
        return new RopeTrace(d, base, query.clone(), key.clone(), pair, PositionalEncodings.ropeFrequency(pair, d, base),
                m, n, qPair, kPair, path[m].clone(), rotatePair(kPair, n, pair, d, base), path, scores.scores(),
                scores.scores()[m][n], scores.byOffset(), scores.diagonalSpread());
    }

    /** One pair rotated as {@link PositionalEncodings#rope} rotates it: by pos * theta_pair. */
    private static float[] rotatePair(float[] xy, int pos, int pair, int d, double base) {
        double angle = pos * PositionalEncodings.ropeFrequency(pair, d, base);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        return new float[]{(float) (xy[0] * cos - xy[1] * sin), (float) (xy[0] * sin + xy[1] * cos)};
    }

    /**
     * rope(q, m) · rope(k, n) written with the offset alone: rotating both by their angles is
     * rotating k by (n - m) theta relative to q, so each pair contributes
     * (q0 k0 + q1 k1) cos((m - n) theta) + (q0 k1 - q1 k0) sin((m - n) theta).
     */
    public static double scoreAtOffset(float[] q, float[] k, int offset, double base) {
        int d = q.length;
        double sum = 0;
        for (int i = 0; i < d / 2; i++) {
            double angle = offset * PositionalEncodings.ropeFrequency(i, d, base);
            double along = (double) q[2 * i] * k[2 * i] + (double) q[2 * i + 1] * k[2 * i + 1];
            double across = (double) q[2 * i] * k[2 * i + 1] - (double) q[2 * i + 1] * k[2 * i];
            sum += along * Math.cos(angle) + across * Math.sin(angle);
        }
        return sum;
    }

    private static void check(int positions, int d, double base) {
        if (positions < 1 || positions > MAX_POSITIONS) {
            throw new IllegalArgumentException("positions must be between 1 and " + MAX_POSITIONS + ", not " + positions);
        }
        if (d < 2 || d > MAX_D) {
            throw new IllegalArgumentException("d must be between 2 and " + MAX_D + ", not " + d);
        }
        if (!(base > 1) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("the base must be a number above 1, not " + base);
        }
    }
}
