package workbench.core.embedding;

/**
 * Principal component analysis of the rows of a matrix, for drawing embeddings in 2D or 3D.
 * The covariance matrix (d, d) is diagonalised with the cyclic Jacobi method, which is exact to
 * rounding, needs no random start, and so gives the same answer every run. Cost: O(d^3) per sweep,
 * a few milliseconds for d = 128.
 * <p>
 * An eigenvector's sign is arbitrary; here each component is turned so that its entry of largest
 * magnitude (the first such, on a tie) is positive, so the picture does not flip between runs.
 */
public final class Pca {

    private static final int MAX_SWEEPS = 100;

    private Pca() {
    }

    /**
     * Fits PCA to the rows of {@code x} and projects them onto the first {@code components}.
     *
     * @param x          (n, d) one row per point, n >= 1
     * @param components how many components to keep, 1..d
     */
    public static PcaResult fit(float[][] x, int components) {
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("PCA needs at least one row");
        }
        int d = x[0].length;
        if (components < 1 || components > d) {
            throw new IllegalArgumentException("components must be between 1 and " + d + ", not " + components);
        }
        double[] mean = new double[d];
        for (float[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("ragged matrix: rows of " + d + " and " + row.length + " values");
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException("PCA needs finite values; found " + row[j]);
                }
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] centred = new double[n][d];  // (n, d)
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[i][j] = x[i][j] - mean[j];
            }
        }
        double[][] cov = new double[d][d];  // (d, d), sample covariance
        double scale = 1.0 / Math.max(1, n - 1);
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += centred[i][a] * centred[i][b];
                }
                cov[a][b] = s * scale;
                cov[b][a] = cov[a][b];
            }
        }
        double total = 0;
        for (int j = 0; j < d; j++) {
            total += cov[j][j];
        }
        double[][] vectors = identity(d);  // columns become the eigenvectors
        jacobi(cov, vectors);

        Integer[] order = new Integer[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(cov[q][q], cov[p][p]));

        float[][] comps = new float[components][d];  // (k, d)
        double[] variances = new double[components];
        double[] ratios = new double[components];
        for (int c = 0; c < components; c++) {
            int col = order[c];
            variances[c] = Math.max(0, cov[col][col]);
            ratios[c] = total > 0 ? variances[c] / total : 0;
            int biggest = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(vectors[j][col]) > Math.abs(vectors[biggest][col]) + 1e-12) {
                    biggest = j;
                }
            }
            double sign = vectors[biggest][col] < 0 ? -1 : 1;
            for (int j = 0; j < d; j++) {
                comps[c][j] = (float) (sign * vectors[j][col]);
            }
        }
        float[][] projected = new float[n][components];  // (n, k)
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < components; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += centred[i][j] * comps[c][j];
                }
                projected[i][c] = (float) s;
            }
        }
        float[] meanOut = new float[d];
        for (int j = 0; j < d; j++) {
            meanOut[j] = (float) mean[j];
        }
        return new PcaResult(meanOut, comps, variances, ratios, projected);
    }

    /**
     * Diagonalises the symmetric matrix {@code a} in place by plane rotations; on return its
     * diagonal holds the eigenvalues and the columns of {@code v} the eigenvectors.
     */
    private static void jacobi(double[][] a, double[][] v) {
        int d = a.length;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < d; p++) {
                diag += a[p][p] * a[p][p];
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300) || off == 0) {
                return;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    // Angle that zeroes a[p][q]; t = tan(angle), the smaller root for stability.
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    rotate(a, v, p, q, c, s);
                }
            }
        }
    }

    private static void rotate(double[][] a, double[][] v, int p, int q, double c, double s) {
        int d = a.length;
        for (int k = 0; k < d; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < d; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < d; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static double[][] identity(int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            m[i][i] = 1;
        }
        return m;
    }
}
