package workbench.core.embedding;

/**
 * What {@link Pca#fit} found. k components of d-dimensional rows, n points.
 *
 * @param mean            (d) the mean row, subtracted before projecting
 * @param components      (k, d) unit principal directions, largest variance first
 * @param variances       (k) variance of the data along each component (eigenvalues)
 * @param explainedRatios (k) each variance as a share of the total variance
 * @param projected       (n, k) coordinates of each row on the components
 */
public record PcaResult(float[] mean, float[][] components, double[] variances, double[] explainedRatios,
                        float[][] projected) {

    public int componentCount() {
        return components.length;
    }

    /** Coordinates of a new row (d) on the components: (k). */
    public float[] project(float[] row) {
        if (row.length != mean.length) {
            throw new IllegalArgumentException("row has " + row.length + " values, the PCA was fitted on " + mean.length);
        }
        float[] out = new float[components.length];
        for (int c = 0; c < components.length; c++) {
            double s = 0;
            for (int j = 0; j < row.length; j++) {
                s += (row[j] - (double) mean[j]) * components[c][j];
            }
            out[c] = (float) s;
        }
        return out;
    }
}
