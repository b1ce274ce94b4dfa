package workbench.core.recurrent;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import workbench.core.tensor.ParameterSet;
import workbench.core.trace.GateSeries;

import java.util.List;

/**
 * The simple (Elman) recurrent cell:
 * <pre>
 *   h_t = tanh(x_t Wx + h_{t-1} Wh + b)        Wx (E, H), Wh (H, H), b (H)
 * </pre>
 * Backpropagation through time multiplies the gradient by Wh^T diag(1 - h_t^2) once per step
 * back, so it shrinks (or grows) geometrically: the vanishing-gradient problem.
 */
public final class RnnCell extends RecurrentCell {

    RnnCell(ParameterSet parameters, String prefix, int inputSize, int hiddenSize) {
        super(parameters, prefix, inputSize, hiddenSize);
    }

    static List<ParameterSet.Spec> specs(String prefix, int inputSize, int hiddenSize) {
        return baseSpecs(prefix, inputSize, hiddenSize, 1);
    }

    @Override
    public CellKind kind() {
        return CellKind.RNN;
    }

    @Override
    public Run newRun(int steps, int batch) {
        return new RnnRun(this, steps, batch);
    }

    @Override
    public void forward(Run run, INDArray x) {
        Nd4j.gemm(x, wx, run.pre, false, false, 1.0, 0.0);        // (T*B, H) = x Wx for every step at once
        run.pre.addiRowVector(b);
        for (int t = 0; t < run.steps; t++) {
            Nd4j.gemm(run.hAt[t], wh, run.preAt[t], false, false, 1.0, 1.0);   // (B, H) += h_{t-1} Wh
            Nd4j.getExecutioner().exec(new Tanh(run.preAt[t], run.hAt[t + 1]));
        }
    }

    @Override
    public void backward(Run run, INDArray x, INDArray dx) {
        RnnRun r = (RnnRun) run;
        INDArray dh = r.dInitial;                                  // (B, H) carries dL/dh from step t + 1
        dh.assign(0);
        for (int t = run.steps - 1; t >= 0; t--) {
            dh.addi(r.dOutputsAt[t]);                                 // total dL/dh_t
            r.recordHiddenGradient(t, dh);
            INDArray h = run.hAt[t + 1];
            h.mul(h, r.scratch).rsubi(1.0);                        // tanh' = 1 - h_t^2
            dh.mul(r.scratch, r.dPreAt[t]);
            Nd4j.gemm(r.dPreAt[t], wh, dh, false, true, 1.0, 0.0); // dL/dh_{t-1} = dPre Wh^T
        }
        Nd4j.gemm(run.previousStates, run.dPre, gradWh, true, false, 1.0, 0.0);
        inputSideGradients(x, run.dPre, dx);
    }

    @Override
    public List<GateSeries> gates(Run run, int sequence) {
        return List.of();
    }

    private static final class RnnRun extends Run {
        RnnRun(RnnCell cell, int steps, int batch) {
            super(cell, steps, batch);
        }
    }
}
