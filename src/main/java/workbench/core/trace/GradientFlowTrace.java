package workbench.core.trace;

/**
 * How far back a loss reaches: backpropagation through time from the loss at one position,
 * recorded at every earlier step.
 *
 * @param cell               the cell's name
 * @param tokens             (T) the input token ids
 * @param lossPosition       the position whose cross-entropy is differentiated
 * @param loss               that cross-entropy, in nats
 * @param inputGradientNorm  (T) ||dL/dx_t||, the gradient w.r.t. the input embedding at step t
 *                           (0 after lossPosition: later inputs cannot change an earlier output)
 * @param hiddenGradientNorm (T) ||dL/dh_t||, the gradient w.r.t. the hidden state after step t
 */
public record GradientFlowTrace(String cell, int[] tokens, int lossPosition, double loss,
                                float[] inputGradientNorm, float[] hiddenGradientNorm) {

    /**
     * (lossPosition + 1) values: element k is ||dL/dx|| k steps back divided by its value at the
     * loss position, the fraction of the gradient that reaches k steps into the past (0 when the
     * loss position's own gradient is 0).
     */
    public double[] relativeInputNorms() {
        double at = inputGradientNorm[lossPosition];
        double[] out = new double[lossPosition + 1];
        for (int k = 0; k <= lossPosition; k++) {
            out[k] = at == 0 ? 0 : inputGradientNorm[lossPosition - k] / at;
        }
        return out;
    }
}
