package workbench.core.embedding;

import org.junit.jupiter.api.Test;
import workbench.core.tensor.Rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PcaTest {

    /*
     * Hand-made: u = (0.6, 0.8), v = (-0.8, 0.6) are orthonormal. Points mean + 3u, mean - 3u,
     * mean + v, mean - v with mean (1, 2). Sample covariance (n - 1 = 3) = 6 u u^T + (2/3) v v^T, so
     * PC1 = u with variance 6, PC2 = +-v with variance 2/3; the sign rule makes the largest entry
     * positive: PC2 = (0.8, -0.6). Projections: (3, 0), (-3, 0), (0, -1), (0, 1).
     */
    @Test
    void findsTheHandComputedComponents() {
        float[][] x = {{2.8f, 4.4f}, {-0.8f, -0.4f}, {0.2f, 2.6f}, {1.8f, 1.4f}};
        PcaResult pca = Pca.fit(x, 2);
        assertArrayEquals(new float[]{1, 2}, pca.mean(), 1e-6f);
        assertArrayEquals(new float[]{0.6f, 0.8f}, pca.components()[0], 1e-6f);
        assertArrayEquals(new float[]{0.8f, -0.6f}, pca.components()[1], 1e-6f);
        assertEquals(6, pca.variances()[0], 1e-5);
        assertEquals(2.0 / 3, pca.variances()[1], 1e-5);
        assertEquals(0.9, pca.explainedRatios()[0], 1e-6);
        float[][] expected = {{3, 0}, {-3, 0}, {0, -1}, {0, 1}};
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(expected[i], pca.projected()[i], 1e-5f);
        }
        assertArrayEquals(new float[]{3, 0}, pca.project(new float[]{2.8f, 4.4f}), 1e-5f);
    }

    @Test
    void threeDimensionsGiveOrthonormalEigenvectorsInVarianceOrder() {
        Rng rng = new Rng(11);
        float[][] x = rng.gaussian(40, 6, 1.0);
        for (float[] row : x) {
            row[2] *= 5;   // most spread along dimension 2, then 4
            row[4] *= 3;
        }
        PcaResult pca = Pca.fit(x, 3);
        assertEquals(3, pca.componentCount());
        double[][] cov = covariance(x);
        for (int c = 0; c < 3; c++) {
            // C v = lambda v, |v| = 1, and orthogonal to the others.
            float[] v = pca.components()[c];
            for (int j = 0; j < 6; j++) {
                double cv = 0;
                for (int k = 0; k < 6; k++) {
                    cv += cov[j][k] * v[k];
                }
                assertEquals(pca.variances()[c] * v[j], cv, 1e-4);
            }
            assertEquals(1, Vectors.norm(v), 1e-6);
            for (int o = 0; o < c; o++) {
                assertEquals(0, Vectors.dot(v, pca.components()[o]), 1e-6);
            }
            if (c > 0) {
                assertEquals(true, pca.variances()[c] <= pca.variances()[c - 1]);
            }
        }
        assertEquals(true, Math.abs(pca.components()[0][2]) > 0.9, "first component is dimension 2");
        PcaResult again = Pca.fit(x, 3);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(pca.components()[c], again.components()[c], "deterministic, same signs");
        }
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[0][0], 1));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[][]{{1, 2}}, 3));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[][]{{1, Float.NaN}}, 1));
        PcaResult single = Pca.fit(new float[][]{{1, 2, 3}}, 2);
        assertArrayEquals(new float[]{0, 0}, single.projected()[0], "one point sits at the origin");
    }

    private static double[][] covariance(float[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / (double) n;
            }
        }
        double[][] c = new double[d][d];
        for (float[] row : x) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    c[a][b] += (row[a] - mean[a]) * (row[b] - mean[b]) / (n - 1);
                }
            }
        }
        return c;
    }
}
