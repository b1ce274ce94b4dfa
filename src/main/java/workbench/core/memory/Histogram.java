package workbench.core.memory;

/**
 * Counts of values in equal-width bins over [lo, hi]; bin i is [lo + i·w, lo + (i+1)·w), the last
 * bin also holds hi. Two histograms over the same range can be drawn on top of each other.
 *
 * @param lo     left edge
 * @param hi     right edge, greater than lo
 * @param counts one count per bin
 * @param below  values under lo
 * @param above  values over hi
 * @param nonFinite NaN and infinite values, in no bin
 */
public record Histogram(double lo, double hi, long[] counts, long below, long above, long nonFinite) {

    public static final int MAX_BINS = 10_000;

    /**
     * @param values (rows, cols), may be ragged
     */
    public static Histogram of(float[][] values, double lo, double hi, int bins) {
        if (bins < 1 || bins > MAX_BINS) {
            throw new IllegalArgumentException("a histogram needs 1 to " + MAX_BINS + " bins, not " + bins);
        }
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && hi > lo)) {
            throw new IllegalArgumentException("a histogram needs finite edges with lo < hi, not [" + lo + ", " + hi + "]");
        }
        long[] counts = new long[bins];
        long below = 0;
        long above = 0;
        long nonFinite = 0;
        double width = (hi - lo) / bins;
        for (float[] row : values) {
            for (float v : row) {
                if (!Float.isFinite(v)) {
                    nonFinite++;
                } else if (v < lo) {
                    below++;
                } else if (v > hi) {
                    above++;
                } else {
                    counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
                }
            }
        }
        return new Histogram(lo, hi, counts, below, above, nonFinite);
    }

    /** Over the symmetric range [-m, m] with m the largest finite |value| (1 when all are zero). */
    public static Histogram symmetric(float[][] values, int bins) {
        double m = 0;
        for (float[] row : values) {
            for (float v : row) {
                if (Float.isFinite(v)) {
                    m = Math.max(m, Math.abs(v));
                }
            }
        }
        m = m > 0 ? m : 1;
        return of(values, -m, m, bins);
    }

    public int bins() {
        return counts.length;
    }

    public double binWidth() {
        return (hi - lo) / counts.length;
    }

    public double binStart(int i) {
        return lo + i * binWidth();
    }

    public long total() {
        long sum = below + above + nonFinite;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }
}
