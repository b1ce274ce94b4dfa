package workbench.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * GELU with the tanh approximation used by GPT-2:
 * gelu(x) = 0.5 x (1 + tanh(c (x + 0.044715 x^3))), c = sqrt(2/pi).
 * (ND4J's own PreciseGELU does not match this formula in 1.0.0-M2.1, so it is written out.)
 */
final class Gelu {

    private static final double C = Math.sqrt(2 / Math.PI);
    private static final double A = 0.044715;

    private Gelu() {
    }

    /** @return (tanh term, output); the tanh term is kept for the backward pass */
    static INDArray[] forward(INDArray x) {
        INDArray inner = x.mul(x).muli(A).addi(1).muli(x).muli(C);     // c (x + a x^3)
        INDArray t = Transforms.tanh(inner, false);                    // tanh(...)
        INDArray y = t.add(1).muli(x).muli(0.5);
        return new INDArray[]{t, y};
    }

    /** d gelu / dx = 0.5 (1 + t) + 0.5 x (1 - t^2) c (1 + 3 a x^2), times dy. */
    static INDArray backward(INDArray dy, INDArray x, INDArray t) {
        INDArray sech2 = t.mul(t).rsubi(1);                            // 1 - t^2
        INDArray poly = x.mul(x).muli(3 * A).addi(1).muli(C);          // c (1 + 3 a x^2)
        INDArray grad = sech2.muli(poly).muli(x).addi(t).addi(1).muli(0.5);
        return grad.muli(dy);
    }
}
