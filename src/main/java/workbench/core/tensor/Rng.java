package workbench.core.tensor;

import java.util.SplittableRandom;

/**
 * The one seeded source of randomness. Every computation that needs random numbers takes an Rng
 * (or a seed), so that a run can be repeated exactly; {@link #split()} gives an independent
 * stream for a sub-task without disturbing this one's sequence.
 */
public final class Rng {

    private final long seed;
    private final SplittableRandom random;

    public Rng(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    private Rng(long seed, SplittableRandom random) {
        this.seed = seed;
        this.random = random;
    }

    public long seed() {
        return seed;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public long nextLong() {
        return random.nextLong();
    }

    /** Standard normal, by the Box–Muller transform. */
    public double nextGaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** An independent generator derived from this one. */
    public Rng split() {
        SplittableRandom child = random.split();
        return new Rng(seed, child);
    }

    /** A (rows, cols) array of normal values with standard deviation {@code std}. */
    public float[][] gaussian(int rows, int cols, double std) {
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = (float) (nextGaussian() * std);
            }
        }
        return out;
    }
}
