package workbench.core.memory;

/**
 * How far an approximation (a quantized or cast matrix) is from the original.
 *
 * @param count        values compared
 * @param maxAbs       largest |approx - original|
 * @param meanAbs      mean |approx - original|
 * @param rmse         root mean square error
 * @param relativeRmse rmse / rms(original); 0 when both are 0, infinite when only the original's is
 */
public record ErrorStats(long count, double maxAbs, double meanAbs, double rmse, double relativeRmse) {

    /**
     * @param original (rows, cols)
     * @param approx   (rows, cols), the same shape
     */
    public static ErrorStats between(float[][] original, float[][] approx) {
        if (original.length != approx.length) {
            throw new IllegalArgumentException("shapes differ: " + original.length + " rows vs " + approx.length);
        }
        long n = 0;
        double max = 0;
        double sumAbs = 0;
        double sumSq = 0;
        double sumSqOriginal = 0;
        for (int r = 0; r < original.length; r++) {
            if (original[r].length != approx[r].length) {
                throw new IllegalArgumentException("shapes differ in row " + r + ": " + original[r].length
                        + " vs " + approx[r].length);
            }
            for (int c = 0; c < original[r].length; c++) {
                double e = (double) approx[r][c] - original[r][c]; // in double: the difference of two floats is exact here
                double a = Math.abs(e);
                max = Math.max(max, a);
                sumAbs += a;
                sumSq += e * e;
                sumSqOriginal += (double) original[r][c] * original[r][c];
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("nothing to compare: the matrices are empty");
        }
        double rmse = Math.sqrt(sumSq / n);
        double rms = Math.sqrt(sumSqOriginal / n);
        double relative = rms > 0 ? rmse / rms : (rmse == 0 ? 0 : Double.POSITIVE_INFINITY);
        return new ErrorStats(n, max, sumAbs / n, rmse, relative);
    }
}
