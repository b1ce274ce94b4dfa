package workbench.core.embedding;

/**
 * Position information as the papers define it.
 * <pre>
 *   sinusoidal:  PE[pos, 2i]   = sin(pos / base^(2i/d))
 *                PE[pos, 2i+1] = cos(pos / base^(2i/d))
 *   RoPE:        each pair (x[2i], x[2i+1]) of a query or key at position pos is rotated by the
 *                angle pos * theta_i, theta_i = base^(-2i/d)
 * </pre>
 * With RoPE the score q(m)·k(n) depends on the offset m - n only, which the Positions lab shows.
 */
public final class PositionalEncodings {

    /** The base of "Attention Is All You Need" and of RoFormer. */
    public static final double DEFAULT_BASE = 10000;

    private PositionalEncodings() {
    }

    /** (positions, d) sinusoidal table; d may be odd (the last column is then a sine). */
    public static float[][] sinusoidal(int positions, int d, double base) {
        if (positions < 0 || d <= 0 || !(base > 1)) {
            throw new IllegalArgumentException("need positions >= 0, d > 0 and base > 1");
        }
        float[][] table = new float[positions][d];
        for (int pos = 0; pos < positions; pos++) {
            for (int i = 0; i < d; i += 2) {
                double angle = pos / Math.pow(base, (double) i / d);
                table[pos][i] = (float) Math.sin(angle);
                if (i + 1 < d) {
                    table[pos][i + 1] = (float) Math.cos(angle);
                }
            }
        }
        return table;
    }

    /** The rotation frequency theta_i = base^(-2i/d) of pair i, for a head of size d. */
    public static double ropeFrequency(int pair, int d, double base) {
        return Math.pow(base, -2.0 * pair / d);
    }

    /**
     * Rotates each consecutive pair of {@code x} (length d, even) by pos * theta_i. Returns a new
     * array; {@code x} is unchanged.
     */
    public static float[] rope(float[] x, int pos, double base) {
        int d = x.length;
        if (d % 2 != 0) {
            throw new IllegalArgumentException("RoPE needs an even size, got " + d);
        }
        float[] out = new float[d];
        for (int i = 0; i < d / 2; i++) {
            double angle = pos * ropeFrequency(i, d, base);
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            double a = x[2 * i];
            double b = x[2 * i + 1];
            out[2 * i] = (float) (a * cos - b * sin);
            out[2 * i + 1] = (float) (a * sin + b * cos);
        }
        return out;
    }

    /** (positions, d/2) cos and sin tables of the RoPE angles, as the model applies them in bulk. */
    public static float[][][] ropeTables(int positions, int d, double base) {
        float[][] cos = new float[positions][d / 2];
        float[][] sin = new float[positions][d / 2];
        for (int pos = 0; pos < positions; pos++) {
            for (int i = 0; i < d / 2; i++) {
                double angle = pos * ropeFrequency(i, d, base);
                cos[pos][i] = (float) Math.cos(angle);
                sin[pos][i] = (float) Math.sin(angle);
            }
        }
        return new float[][][]{cos, sin};
    }
}
