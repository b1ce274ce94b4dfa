package workbench.core.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import workbench.core.tensor.ParameterSet;
import workbench.core.tensor.Rng;
import workbench.core.trace.GateKind;
import workbench.core.trace.GateSeries;

import java.util.ArrayList;
import java.util.List;

/**
 * A recurrent cell run over a whole batch of sequences at once. Rows are ordered time-major: row
 * {@code t * B + b} is sequence b at step t, so one step is a contiguous (B, ...) block and the
 * input projection and every weight gradient are one matrix product over all T * B rows.
 * <p>
 * Every cell reads x_t as a row vector and multiplies on the right: {@code x_t Wx} with Wx of
 * shape (E, k H), {@code h_{t-1} Wh} with Wh of shape (H, k H), where k is
 * {@link CellKind#blocks()}. All buffers of one run live in a {@link Run}, allocated once per
 * (T, B) shape so that a training loop allocates nothing per step.
 */
public abstract sealed class RecurrentCell permits RnnCell, LstmCell, GruCell {

    protected final int inputSize;
    protected final int hiddenSize;
    protected final INDArray wx;
    protected final INDArray wh;
    protected final INDArray b;
    protected final INDArray gradWx;
    protected final INDArray gradWh;
    protected final INDArray gradB;

    protected RecurrentCell(ParameterSet parameters, String prefix, int inputSize, int hiddenSize) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException("input and hidden sizes must be positive, got " + inputSize
                    + " and " + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.wx = parameters.get(prefix + "wx");
        this.wh = parameters.get(prefix + "wh");
        this.b = parameters.get(prefix + "b");
        this.gradWx = parameters.grad(prefix + "wx");
        this.gradWh = parameters.grad(prefix + "wh");
        this.gradB = parameters.grad(prefix + "b");
    }

    /** Wx (E, kH), Wh (H, kH) and b (kH), the parameters every cell has. */
    protected static List<ParameterSet.Spec> baseSpecs(String prefix, int inputSize, int hiddenSize, int blocks) {
        return List.of(
                new ParameterSet.Spec(prefix + "wx", new long[]{inputSize, (long) blocks * hiddenSize}, true),
                new ParameterSet.Spec(prefix + "wh", new long[]{hiddenSize, (long) blocks * hiddenSize}, true),
                new ParameterSet.Spec(prefix + "b", new long[]{(long) blocks * hiddenSize}, false));
    }

    public abstract CellKind kind();

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    /**
     * Draws Wx ~ N(0, 1/E) and Wh ~ N(0, 1/H) so that pre-activations start with variance near 1
     * and zeroes the biases; subclasses adjust their gate biases.
     */
    public void initialize(Rng rng) {
        fillGaussian(wx, rng, 1 / Math.sqrt(inputSize));
        fillGaussian(wh, rng, 1 / Math.sqrt(hiddenSize));
        b.assign(0);
    }

    /** Allocates the buffers of a run over T steps of B sequences, outside any workspace. */
    public abstract Run newRun(int steps, int batch);

    /**
     * Runs the cell over all steps, starting from the run's initial state (zero unless set).
     *
     * @param x (T * B, E) the inputs, time-major
     */
    public abstract void forward(Run run, INDArray x);

    /**
     * Backpropagation through time after {@link #forward} on the same run and input, from the
     * gradients the caller wrote into {@link Run#outputGradients()}. Writes (does not add) the
     * gradient of every cell parameter into the parameter set's gradient buffers.
     *
     * @param x  (T * B, E) the inputs of the forward pass
     * @param dx (T * B, E) receives dL/dx_t at every step
     */
    public abstract void backward(Run run, INDArray x, INDArray dx);

    /** The gates of sequence {@code sequence} of the last forward pass, each (H, T). */
    public abstract List<GateSeries> gates(Run run, int sequence);

    /** The weight and input gradients shared by every cell, from dPre (T * B, kH) = dL/d(x Wx + b). */
    protected void inputSideGradients(INDArray x, INDArray dPre, INDArray dx) {
        Nd4j.gemm(x, dPre, gradWx, true, false, 1.0, 0.0);
        Nd4j.gemm(dPre, wx, dx, false, true, 1.0, 0.0);
        dPre.sum(gradB, 0);
    }

    static void fillGaussian(INDArray target, Rng rng, double std) {
        int n = (int) target.length();
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = rng.nextGaussian() * std;
        }
        target.assign(Nd4j.createFromArray(values).castTo(target.dataType()).reshape(target.shape()));
    }

    /**
     * The buffers of one run over (T, B): states, pre-activations and their gradients, with a view
     * per time step built once so that the step loop creates no objects.
     */
    public abstract static class Run {
        final int steps;
        final int batch;
        final int hidden;
        /** ((T + 1) * B, H) hidden states; step t reads hAt[t] and writes hAt[t + 1]; hAt[0] = h_0. */
        final INDArray hiddenStates;
        final INDArray[] hAt;
        /** (T * B, kH) pre-activations, then activations, of every step. */
        final INDArray pre;
        final INDArray[] preAt;
        /** (T * B, kH) gradients w.r.t. the pre-activations. */
        final INDArray dPre;
        final INDArray[] dPreAt;
        /** (T * B, H) dL/dh_t from the layer above, written by the caller before backward. */
        final INDArray dOutputs;
        final INDArray[] dOutputsAt;
        /** (T * B, H) dL/dh_t in total (from above and from step t + 1), kept for gradient-flow plots. */
        final INDArray dHiddenTotal;
        final INDArray[] dHiddenTotalAt;
        /** Whether backward keeps dL/dh_t of every step (only gradient-flow plots need it). */
        boolean keepHiddenGradients;
        /** (B, H) dL/dh_0 after backward. */
        final INDArray dInitial;
        final INDArray scratch;

        final INDArray outputs;
        final INDArray previousStates;
        final DataType type;

        protected Run(RecurrentCell cell, int steps, int batch) {
            if (steps < 1 || batch < 1) {
                throw new IllegalArgumentException("a run needs at least one step and one sequence, got T=" + steps
                        + ", B=" + batch);
            }
            this.steps = steps;
            this.batch = batch;
            this.hidden = cell.hiddenSize;
            this.type = cell.wx.dataType();
            int width = cell.kind().blocks() * hidden;
            hiddenStates = allocate((long) (steps + 1) * batch, hidden);
            hAt = rowBlocks(hiddenStates, steps + 1, batch);
            outputs = hiddenStates.get(NDArrayIndex.interval((long) batch, (long) (steps + 1) * batch),
                    NDArrayIndex.all());
            previousStates = hiddenStates.get(NDArrayIndex.interval(0, (long) steps * batch), NDArrayIndex.all());
            pre = allocate((long) steps * batch, width);
            preAt = rowBlocks(pre, steps, batch);
            dPre = allocate((long) steps * batch, width);
            dPreAt = rowBlocks(dPre, steps, batch);
            dOutputs = allocate((long) steps * batch, hidden);
            dOutputsAt = rowBlocks(dOutputs, steps, batch);
            dHiddenTotal = allocate((long) steps * batch, hidden);
            dHiddenTotalAt = rowBlocks(dHiddenTotal, steps, batch);
            dInitial = allocate(batch, hidden);
            scratch = allocate(batch, hidden);
        }

        /** A zero buffer of this run's data type, outside any workspace. */
        protected final INDArray allocate(long... shape) {
            return Workspaces.detached(type, shape);
        }

        public int steps() {
            return steps;
        }

        public int batch() {
            return batch;
        }

        /** (B, H) the initial state h_0; assign to it before {@link #forward} to start elsewhere than 0. */
        public INDArray initialHidden() {
            return hAt[0];
        }

        /** (T * B, H) h_1..h_T, time-major: the outputs the layer above reads. */
        public INDArray outputs() {
            return outputs;
        }

        /** (T * B, H) h_0..h_{T-1}: the states each step read. */
        INDArray previousStates() {
            return previousStates;
        }

        /** (T * B, H) where the caller writes dL/dh_t from above (the output layer) before backward. */
        public INDArray outputGradients() {
            return dOutputs;
        }

        /** Makes backward record {@link #hiddenGradients()}, at one extra operation per step. */
        public void keepHiddenGradients(boolean keep) {
            keepHiddenGradients = keep;
        }

        /** Records dL/dh_t of step t when asked to. */
        final void recordHiddenGradient(int t, INDArray dh) {
            if (keepHiddenGradients) {
                dHiddenTotalAt[t].assign(dh);
            }
        }

        /** (T * B, H) dL/dh_t in total (from above and through later steps) after a backward that kept them. */
        public INDArray hiddenGradients() {
            return dHiddenTotal;
        }

        /** (B, H) dL/dh_0 after backward. */
        public INDArray initialHiddenGradient() {
            return dInitial;
        }

        /** (H, T) the hidden states h_1..h_T of one sequence. */
        public float[][] hiddenOf(int sequence) {
            return unitsByStep(outputs(), steps, batch, sequence, 0, hidden);
        }
    }

    /** Step t's (B, width) row block of a (T * B, width) array. */
    static INDArray[] rowBlocks(INDArray array, int steps, int batch) {
        INDArray[] out = new INDArray[steps];
        for (int t = 0; t < steps; t++) {
            out[t] = array.get(NDArrayIndex.interval((long) t * batch, (long) (t + 1) * batch), NDArrayIndex.all());
        }
        return out;
    }

    /** Columns [from, from + width) of each element of {@code blocks}. */
    static INDArray[] columns(INDArray[] blocks, int from, int width) {
        INDArray[] out = new INDArray[blocks.length];
        INDArrayIndex cols = NDArrayIndex.interval(from, from + width);
        for (int i = 0; i < blocks.length; i++) {
            out[i] = blocks[i].get(NDArrayIndex.all(), cols);
        }
        return out;
    }

    /** Columns [from, from + width) of a (T * B, W) array for one sequence, as (width, T). */
    static float[][] unitsByStep(INDArray rows, int steps, int batch, int sequence, int from, int width) {
        float[] flat = rows.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int cols = (int) rows.size(1);
        float[][] out = new float[width][steps];
        for (int t = 0; t < steps; t++) {
            int row = t * batch + sequence;
            for (int u = 0; u < width; u++) {
                out[u][t] = flat[row * cols + from + u];
            }
        }
        return out;
    }

    /** One gate's columns of the activation buffer, as a series. */
    static GateSeries series(GateKind kind, INDArray rows, Run run, int sequence, int from) {
        return new GateSeries(kind, unitsByStep(rows, run.steps, run.batch, sequence, from, run.hidden));
    }

    static List<GateSeries> list(GateSeries... series) {
        return new ArrayList<>(List.of(series));
    }
}
