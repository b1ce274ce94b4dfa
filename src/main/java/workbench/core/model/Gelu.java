package workbench.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * GELU with the tanh approximation used by GPT-2:
 * gelu(x) = 0.5 x (1 + tanh(z)), z = c (x + 0.044715 x^3), c = sqrt(2/pi).
 * Since 1 + tanh(z) = 2 sigmoid(2z), it is computed as gelu(x) = x sigmoid(2z): the same value in
 * fewer ND4J calls (each costs tens of microseconds). (ND4J's own PreciseGELU does not match this
 * formula in 1.0.0-M2.1, so it is written out.)
 */
final class Gelu {

    private static final double C = Math.sqrt(2 / Math.PI);
    private static final double A = 0.044715;

    private Gelu() {
    }

    /** @return (sigmoid term s = sigmoid(2z), output x s); s is kept for the backward pass */
    static INDArray[] forward(INDArray x) {
        INDArray u = x.mul(x).muli(2 * C * A).addi(2 * C).muli(x);   // 2z = 2c (x + a x^3)
        INDArray s = Transforms.sigmoid(u, false);                   // sigmoid(2z), in place
        INDArray y = s.mul(x);
        return new INDArray[]{s, y};
    }

    /** d gelu / dx = s + x s (1 - s) 2c (1 + 3 a x^2), times dy. */
    static INDArray backward(INDArray dy, INDArray x, INDArray s) {
        INDArray du = x.mul(x).muli(6 * C * A).addi(2 * C);          // d(2z)/dx = 2c (1 + 3 a x^2)
        INDArray grad = s.rsub(1).muli(s).muli(x).muli(du).addi(s);  // s + x s (1 - s) du
        return grad.muli(dy);
    }
}
