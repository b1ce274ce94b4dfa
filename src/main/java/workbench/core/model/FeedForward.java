package workbench.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The position-wise feed-forward network: f = gelu(x W1) W2. */
final class FeedForward {

    private FeedForward() {
    }

    /** Activations kept for the backward pass and the trace. */
    record Acts(INDArray input, INDArray hidden, INDArray sigmoid, INDArray activated, INDArray output) {
    }

    /**
     * @param x  (N, d)
     * @param w1 (d, ff)
     * @param w2 (ff, d)
     */
    static Acts forward(INDArray x, INDArray w1, INDArray w2) {
        INDArray h = Nd4j.gemm(x, w1, false, false);            // (N, ff)
        INDArray[] gelu = Gelu.forward(h);                       // sigmoid term, (N, ff)
        INDArray f = Nd4j.gemm(gelu[1], w2, false, false);      // (N, d)
        return new Acts(x, h, gelu[0], gelu[1], f);
    }

    /** Accumulates dW1, dW2 and returns dx (N, d). */
    static INDArray backward(INDArray dF, Acts acts, INDArray w1, INDArray w2, INDArray dW1, INDArray dW2) {
        Nd4j.gemm(acts.activated(), dF, dW2, true, false, 1.0, 1.0);     // dW2 += g^T dF
        INDArray dG = Nd4j.gemm(dF, w2, false, true);                     // (N, ff)
        INDArray dH = Gelu.backward(dG, acts.hidden(), acts.sigmoid());     // (N, ff)
        Nd4j.gemm(acts.input(), dH, dW1, true, false, 1.0, 1.0);         // dW1 += x^T dH
        return Nd4j.gemm(dH, w1, false, true);                           // (N, d)
    }
}
