package workbench.core.recurrent;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import workbench.core.tensor.ParameterSet;
import workbench.core.trace.GateKind;
import workbench.core.trace.GateSeries;

import java.util.List;

/**
 * Gated recurrent unit, in the "reset after" form of PyTorch's nn.GRU and cuDNN:
 * <pre>
 *   r_t = sigmoid(x_t Wx_r + h_{t-1} Wh_r + b_r)                        reset gate
 *   z_t = sigmoid(x_t Wx_z + h_{t-1} Wh_z + b_z)                        update gate
 *   n_t = tanh   (x_t Wx_n + b_n + r_t * (h_{t-1} Wh_n + bh_n))         candidate
 *   h_t = (1 - z_t) * n_t + z_t * h_{t-1}
 * </pre>
 * The reset gate multiplies the recurrent term after the matrix product (h_{t-1} Wh_n + bh_n);
 * Cho et al. (2014) apply it before, as (r_t * h_{t-1}) Wh_n. Applying it after lets one matrix
 * product h_{t-1} Wh serve all three blocks, and needs the separate recurrent bias bh_n (H).
 * Wx (E, 3H), Wh (H, 3H) and b (3H) hold the blocks in the column order r, z, n. An update gate
 * near 1 keeps the old state, and with it the gradient, unchanged.
 */
public final class GruCell extends RecurrentCell {

    private final INDArray bhn;
    private final INDArray gradBhn;

    GruCell(ParameterSet parameters, String prefix, int inputSize, int hiddenSize) {
        super(parameters, prefix, inputSize, hiddenSize);
        this.bhn = parameters.get(prefix + "bhn");
        this.gradBhn = parameters.grad(prefix + "bhn");
    }

    static List<ParameterSet.Spec> specs(String prefix, int inputSize, int hiddenSize) {
        var specs = new java.util.ArrayList<>(baseSpecs(prefix, inputSize, hiddenSize, 3));
        specs.add(new ParameterSet.Spec(prefix + "bhn", new long[]{hiddenSize}, false));
        return specs;
    }

    @Override
    public CellKind kind() {
        return CellKind.GRU;
    }

    @Override
    public void initialize(workbench.core.tensor.Rng rng) {
        super.initialize(rng);
        bhn.assign(0);
    }

    @Override
    public Run newRun(int steps, int batch) {
        return new GruRun(this, steps, batch);
    }

    @Override
    public void forward(Run run, INDArray x) {
        GruRun r = (GruRun) run;
        Nd4j.gemm(x, wx, r.pre, false, false, 1.0, 0.0);            // (T*B, 3H) = x Wx for every step
        r.pre.addiRowVector(b);
        for (int t = 0; t < r.steps; t++) {
            Nd4j.gemm(r.hAt[t], wh, r.uAt[t], false, false, 1.0, 0.0);  // (B, 3H) = h_{t-1} Wh
            r.rzAt[t].addi(r.uRzAt[t]);
            Nd4j.getExecutioner().exec(new Sigmoid(r.rzAt[t], r.rzAt[t]));   // r, z in place
            r.uNAt[t].addiRowVector(bhn);                                // hn = h_{t-1} Wh_n + bh_n, kept
            r.rAt[t].mul(r.uNAt[t], r.scratch);
            r.nAt[t].addi(r.scratch);
            Nd4j.getExecutioner().exec(new Tanh(r.nAt[t], r.nAt[t]));
            r.hAt[t].sub(r.nAt[t], r.scratch).muli(r.zAt[t]);            // h_t = n + z (h_{t-1} - n)
            r.nAt[t].add(r.scratch, r.hAt[t + 1]);
        }
    }

    @Override
    public void backward(Run run, INDArray x, INDArray dx) {
        GruRun r = (GruRun) run;
        INDArray dh = r.dInitial;                                        // (B, H) dL/dh from step t + 1
        dh.assign(0);
        for (int t = r.steps - 1; t >= 0; t--) {
            dh.addi(r.dOutputsAt[t]);                                    // total dL/dh_t
            r.recordHiddenGradient(t, dh);
            r.zAt[t].rsub(1.0, r.dNAt[t]).muli(dh);                      // dL/dn = dh (1 - z)
            r.nAt[t].mul(r.nAt[t], r.scratch).rsubi(1.0);                // tanh' = 1 - n^2
            r.dNAt[t].muli(r.scratch);
            r.hAt[t].sub(r.nAt[t], r.dZAt[t]).muli(dh);                  // dL/dz = dh (h_{t-1} - n)
            r.dNAt[t].mul(r.uNAt[t], r.dRAt[t]);                         // dL/dr = dpre_n hn
            r.rzAt[t].mul(r.rzAt[t], r.scratch2).rsubi(r.rzAt[t]);      // sigmoid' = a - a^2 for r, z
            r.dRzAt[t].muli(r.scratch2);
            r.dURzAt[t].assign(r.dRzAt[t]);                              // r, z: same gradient on both sides
            r.dNAt[t].mul(r.rAt[t], r.dUNAt[t]);                         // n: the recurrent side is scaled by r
            dh.muli(r.zAt[t]);                                           // dL/dh_{t-1} = dh z
            Nd4j.gemm(r.dUAt[t], wh, dh, false, true, 1.0, 1.0);        //             + dU Wh^T
        }
        Nd4j.gemm(r.previousStates, r.dU, gradWh, true, false, 1.0, 0.0);
        r.dU.get(NDArrayIndex.all(), NDArrayIndex.interval(2L * hiddenSize, 3L * hiddenSize)).sum(gradBhn, 0);
        inputSideGradients(x, r.dPre, dx);
    }

    @Override
    public List<GateSeries> gates(Run run, int sequence) {
        GruRun r = (GruRun) run;
        int h = hiddenSize;
        return List.of(
                series(GateKind.RESET, r.pre, r, sequence, 0),
                series(GateKind.UPDATE, r.pre, r, sequence, h),
                series(GateKind.CANDIDATE, r.pre, r, sequence, 2 * h));
    }

    /** Extra buffers: the recurrent products h_{t-1} Wh (+ bh_n) and their gradients, and gate views. */
    private static final class GruRun extends Run {
        final INDArray dU;
        final INDArray[] uAt;
        final INDArray[] uRzAt;
        final INDArray[] uNAt;
        final INDArray[] rzAt;
        final INDArray[] rAt;
        final INDArray[] zAt;
        final INDArray[] nAt;
        final INDArray[] dRzAt;
        final INDArray[] dRAt;
        final INDArray[] dZAt;
        final INDArray[] dNAt;
        final INDArray[] dUAt;
        final INDArray[] dURzAt;
        final INDArray[] dUNAt;
        final INDArray scratch2;

        GruRun(GruCell cell, int steps, int batch) {
            super(cell, steps, batch);
            int h = cell.hiddenSize;
            uAt = rowBlocks(allocate((long) steps * batch, 3L * h), steps, batch);
            uRzAt = columns(uAt, 0, 2 * h);
            uNAt = columns(uAt, 2 * h, h);
            rzAt = columns(preAt, 0, 2 * h);
            rAt = columns(preAt, 0, h);
            zAt = columns(preAt, h, h);
            nAt = columns(preAt, 2 * h, h);
            dRzAt = columns(dPreAt, 0, 2 * h);
            dRAt = columns(dPreAt, 0, h);
            dZAt = columns(dPreAt, h, h);
            dNAt = columns(dPreAt, 2 * h, h);
            dU = allocate((long) steps * batch, 3L * h);
            dUAt = rowBlocks(dU, steps, batch);
            dURzAt = columns(dUAt, 0, 2 * h);
            dUNAt = columns(dUAt, 2 * h, h);
            scratch2 = allocate(batch, 2L * h);
        }
    }
}
