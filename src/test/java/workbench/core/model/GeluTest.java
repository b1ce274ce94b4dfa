package workbench.core.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sigmoid form of GELU against GPT-2's tanh formula, and its derivative against finite differences. */
class GeluTest {

    private static final double[] XS = {-6, -3.5, -2, -1.1, -0.5, -1e-3, 0, 1e-3, 0.4, 1, 1.7, 3, 6};

    private static double tanhGelu(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    private static INDArray column(double[] values) {
        return Nd4j.create(values, new long[]{values.length, 1}, DataType.DOUBLE);
    }

    @Test
    void forwardMatchesTheTanhFormula() {
        INDArray y = Gelu.forward(column(XS))[1];
        for (int i = 0; i < XS.length; i++) {
            assertEquals(tanhGelu(XS[i]), y.getDouble(i, 0), 1e-14, "gelu(" + XS[i] + ")");
        }
    }

    @Test
    void floatForwardMatchesTheTanhFormula() {
        INDArray y = Gelu.forward(column(XS).castTo(DataType.FLOAT))[1];
        for (int i = 0; i < XS.length; i++) {
            assertEquals(tanhGelu(XS[i]), y.getDouble(i, 0), 2e-6, "gelu(" + XS[i] + ")");
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        double[] dy = new double[XS.length];
        for (int i = 0; i < dy.length; i++) {
            dy[i] = 0.5 + 0.25 * i;
        }
        INDArray x = column(XS);
        INDArray s = Gelu.forward(x)[0];
        INDArray dx = Gelu.backward(column(dy), x, s);
        double h = 1e-6;
        for (int i = 0; i < XS.length; i++) {
            double numeric = (tanhGelu(XS[i] + h) - tanhGelu(XS[i] - h)) / (2 * h) * dy[i];
            assertEquals(numeric, dx.getDouble(i, 0), 1e-8, "gelu'(" + XS[i] + ")");
        }
    }
}
