package workbench.core.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import workbench.core.tensor.ParameterSet;
import workbench.core.tensor.Rng;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** AdamW (libnd4j's fused Adam plus decoupled decay) against a plain-Java, textbook implementation. */
class AdamWTest {

    private static ParameterSet parameters(DataType type) {
        return new ParameterSet(List.of(new ParameterSet.Spec("w", new long[]{3, 4}, true),
                new ParameterSet.Spec("g", new long[]{5}, false)), type);
    }

    /** Textbook AdamW: m^ = m / (1 - b1^t), v^ = v / (1 - b2^t), p -= lr (m^ / (sqrt(v^) + eps) + wd mask p). */
    private static void referenceStep(double[] p, double[] g, double[] m, double[] v, double[] mask, int t,
                                      double lr, double b1, double b2, double eps, double wd) {
        for (int i = 0; i < p.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            double mHat = m[i] / (1 - Math.pow(b1, t));
            double vHat = v[i] / (1 - Math.pow(b2, t));
            p[i] -= lr * (mHat / (Math.sqrt(vHat) + eps) + wd * mask[i] * p[i]);
        }
    }

    private static void check(DataType type, double eps, double tolerance) {
        ParameterSet set = parameters(type);
        int n = (int) set.flat().length();
        Rng rng = new Rng(3);
        double[] p = new double[n];
        double[] mask = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = rng.nextGaussian();
            set.flat().putScalar(i, p[i]);
            mask[i] = set.decayMask().getDouble(i);
        }
        double[] m = new double[n];
        double[] v = new double[n];
        double b1 = 0.9;
        double b2 = 0.99;
        double wd = 0.1;
        AdamW adam = new AdamW(set, b1, b2, eps, wd);
        for (int t = 1; t <= 6; t++) {
            double lr = 0.01 * t;
            double[] g = new double[n];
            INDArray grad = set.flatGrad();
            for (int i = 0; i < n; i++) {
                g[i] = rng.nextGaussian() * (i % 3 == 0 ? 1e-3 : 1);
                grad.putScalar(i, g[i]);
            }
            referenceStep(p, g, m, v, mask, t, lr, b1, b2, eps, wd);
            adam.step(lr);
            assertEquals(t, adam.stepCount());
            for (int i = 0; i < n; i++) {
                assertEquals(p[i], set.flat().getDouble(i), tolerance, type + " step " + t + " parameter " + i);
            }
        }
    }

    @Test
    void matchesTheTextbookUpdateInDouble() {
        check(DataType.DOUBLE, 1e-8, 1e-12);
    }

    @Test
    void epsilonSitsWhereTheTextbookPutsIt() {
        // a large epsilon makes its placement (after the bias correction of v) visible
        check(DataType.DOUBLE, 1e-2, 1e-12);
    }

    @Test
    void matchesTheTextbookUpdateInFloat() {
        check(DataType.FLOAT, 1e-8, 1e-5);
    }
}
