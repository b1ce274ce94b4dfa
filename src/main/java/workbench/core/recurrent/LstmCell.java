package workbench.core.recurrent;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import workbench.core.tensor.ParameterSet;
import workbench.core.tensor.Rng;
import workbench.core.trace.GateKind;
import workbench.core.trace.GateSeries;

import java.util.List;

/**
 * Long short-term memory (Hochreiter and Schmidhuber 1997, with the forget gate of Gers et al.
 * 2000, no peepholes), as in PyTorch's nn.LSTM:
 * <pre>
 *   i_t = sigmoid(x_t Wx_i + h_{t-1} Wh_i + b_i)      input gate
 *   f_t = sigmoid(x_t Wx_f + h_{t-1} Wh_f + b_f)      forget gate
 *   o_t = sigmoid(x_t Wx_o + h_{t-1} Wh_o + b_o)      output gate
 *   g_t = tanh   (x_t Wx_g + h_{t-1} Wh_g + b_g)      candidate
 *   c_t = f_t * c_{t-1} + i_t * g_t                    cell state (* is elementwise)
 *   h_t = o_t * tanh(c_t)
 * </pre>
 * Wx (E, 4H) and Wh (H, 4H) hold the four blocks side by side in the column order i, f, o, g;
 * b (4H) likewise. The forget bias starts at 1 (Jozefowicz et al. 2015) so that an untrained cell
 * keeps its memory; along the cell state the gradient is multiplied only by f_t per step back,
 * which is why it can travel further than through the simple RNN's tanh and Wh.
 */
public final class LstmCell extends RecurrentCell {

    LstmCell(ParameterSet parameters, String prefix, int inputSize, int hiddenSize) {
        super(parameters, prefix, inputSize, hiddenSize);
    }

    static List<ParameterSet.Spec> specs(String prefix, int inputSize, int hiddenSize) {
        return baseSpecs(prefix, inputSize, hiddenSize, 4);
    }

    @Override
    public CellKind kind() {
        return CellKind.LSTM;
    }

    @Override
    public void initialize(Rng rng) {
        super.initialize(rng);
        b.get(NDArrayIndex.interval(hiddenSize, 2 * hiddenSize)).assign(1.0);
    }

    @Override
    public Run newRun(int steps, int batch) {
        return new LstmRun(this, steps, batch);
    }

    /** The run's cell states: ((T + 1) * B, H), rows [0, B) are c_0. */
    public static INDArray cellStates(Run run) {
        return ((LstmRun) run).cellStates;
    }

    @Override
    public void forward(Run run, INDArray x) {
        LstmRun r = (LstmRun) run;
        Nd4j.gemm(x, wx, r.pre, false, false, 1.0, 0.0);            // (T*B, 4H) = x Wx for every step
        r.pre.addiRowVector(b);
        for (int t = 0; t < r.steps; t++) {
            Nd4j.gemm(r.hAt[t], wh, r.preAt[t], false, false, 1.0, 1.0);   // (B, 4H) += h_{t-1} Wh
            Nd4j.getExecutioner().exec(new Sigmoid(r.sigAt[t], r.sigAt[t]));  // i, f, o in place
            Nd4j.getExecutioner().exec(new Tanh(r.gAt[t], r.gAt[t]));
            r.fAt[t].mul(r.cAt[t], r.cAt[t + 1]);                        // c_t = f c_{t-1}
            r.iAt[t].mul(r.gAt[t], r.scratch);
            r.cAt[t + 1].addi(r.scratch);                                //     + i g
            Nd4j.getExecutioner().exec(new Tanh(r.cAt[t + 1], r.tanhCAt[t]));
            r.oAt[t].mul(r.tanhCAt[t], r.hAt[t + 1]);                    // h_t = o tanh(c_t)
        }
    }

    @Override
    public void backward(Run run, INDArray x, INDArray dx) {
        LstmRun r = (LstmRun) run;
        INDArray dh = r.dInitial;          // (B, H) dL/dh carried back from step t + 1
        INDArray dc = r.dInitialCell;      // (B, H) dL/dc carried back from step t + 1
        dh.assign(0);
        dc.assign(0);
        for (int t = r.steps - 1; t >= 0; t--) {
            dh.addi(r.dOutputsAt[t]);                                    // total dL/dh_t
            r.recordHiddenGradient(t, dh);
            dh.mul(r.tanhCAt[t], r.dOAt[t]);                             // dL/do = dh tanh(c_t)
            r.tanhCAt[t].mul(r.tanhCAt[t], r.scratch).rsubi(1.0)         // dL/dc += dh o (1 - tanh^2 c_t)
                    .muli(r.oAt[t]).muli(dh);
            dc.addi(r.scratch);
            dc.mul(r.gAt[t], r.dIAt[t]);                                 // dL/di = dc g
            dc.mul(r.cAt[t], r.dFAt[t]);                                 // dL/df = dc c_{t-1}
            dc.mul(r.iAt[t], r.dGAt[t]);                                 // dL/dg = dc i
            dc.muli(r.fAt[t]);                                           // dL/dc_{t-1} through the cell path
            r.sigAt[t].mul(r.sigAt[t], r.scratch3).rsubi(r.sigAt[t]);   // sigmoid' = a - a^2 for i, f, o
            r.dSigAt[t].muli(r.scratch3);
            r.gAt[t].mul(r.gAt[t], r.scratch).rsubi(1.0);                // tanh' = 1 - g^2
            r.dGAt[t].muli(r.scratch);
            Nd4j.gemm(r.dPreAt[t], wh, dh, false, true, 1.0, 0.0);      // dL/dh_{t-1} = dPre Wh^T
        }
        Nd4j.gemm(r.previousStates, r.dPre, gradWh, true, false, 1.0, 0.0);
        inputSideGradients(x, r.dPre, dx);
    }

    @Override
    public List<GateSeries> gates(Run run, int sequence) {
        LstmRun r = (LstmRun) run;
        int h = hiddenSize;
        INDArray cells = r.cellStates.get(NDArrayIndex.interval((long) r.batch, (long) (r.steps + 1) * r.batch),
                NDArrayIndex.all());
        return List.of(
                series(GateKind.FORGET, r.pre, r, sequence, h),
                series(GateKind.INPUT, r.pre, r, sequence, 0),
                series(GateKind.CANDIDATE, r.pre, r, sequence, 3 * h),
                series(GateKind.CELL, cells, r, sequence, 0),
                series(GateKind.OUTPUT, r.pre, r, sequence, 2 * h));
    }

    /** Extra buffers: cell states, tanh(c_t), and per-step views of each gate block. */
    private static final class LstmRun extends Run {
        final INDArray cellStates;
        final INDArray[] cAt;
        final INDArray[] tanhCAt;
        final INDArray[] iAt;
        final INDArray[] fAt;
        final INDArray[] oAt;
        final INDArray[] gAt;
        final INDArray[] sigAt;
        final INDArray[] dIAt;
        final INDArray[] dFAt;
        final INDArray[] dOAt;
        final INDArray[] dGAt;
        final INDArray[] dSigAt;
        final INDArray dInitialCell;
        final INDArray scratch3;

        LstmRun(LstmCell cell, int steps, int batch) {
            super(cell, steps, batch);
            int h = cell.hiddenSize;
            cellStates = allocate((long) (steps + 1) * batch, h);
            cAt = rowBlocks(cellStates, steps + 1, batch);
            tanhCAt = rowBlocks(allocate((long) steps * batch, h), steps, batch);
            iAt = columns(preAt, 0, h);
            fAt = columns(preAt, h, h);
            oAt = columns(preAt, 2 * h, h);
            gAt = columns(preAt, 3 * h, h);
            sigAt = columns(preAt, 0, 3 * h);
            dIAt = columns(dPreAt, 0, h);
            dFAt = columns(dPreAt, h, h);
            dOAt = columns(dPreAt, 2 * h, h);
            dGAt = columns(dPreAt, 3 * h, h);
            dSigAt = columns(dPreAt, 0, 3 * h);
            dInitialCell = allocate(batch, h);
            scratch3 = allocate(batch, 3L * h);
        }
    }
}
