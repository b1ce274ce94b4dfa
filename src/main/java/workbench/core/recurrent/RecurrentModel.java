package workbench.core.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.ParameterSet;
import workbench.core.tensor.Rng;
import workbench.core.train.SequenceBatch;
import workbench.core.train.SequenceScore;
import workbench.core.trace.GateTrace;
import workbench.core.trace.GradientFlowTrace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recurrent sequence model: each token id is embedded, the cell reads the embeddings left to
 * right, and a linear layer turns every hidden state into next-token logits.
 * <pre>
 *   x_t = E[token_t]                      E (V, E)          "emb"
 *   h_t = cell(x_t, h_{t-1}), h_0 = 0                          "cell.*"
 *   logits_t = h_t Wo + bo                Wo (H, V), bo (V)  "out.w", "out.b"
 *   loss = mean over scored positions of -log softmax(logits_t)[target_t]
 * </pre>
 * All parameters live in one {@link ParameterSet}, so {@code AdamW} trains them. Methods are
 * synchronized: one model may be trained on one thread and inspected from another.
 */
public final class RecurrentModel implements SequenceModel {

    public static final String EMBEDDING = "emb";
    public static final String CELL_PREFIX = "cell.";
    public static final String OUT_WEIGHT = "out.w";
    public static final String OUT_BIAS = "out.b";
    private static final int CACHED_SHAPES = 3;

    private final RecurrentConfig config;
    private final ParameterSet parameters;
    private final RecurrentCell cell;
    private final INDArray emb;
    private final INDArray outW;
    private final INDArray outB;
    private final Map<Long, ModelBuffers> buffers = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ModelBuffers> eldest) {
            return size() > CACHED_SHAPES;
        }
    };

    /** A float32 model with weights drawn from {@code config.seed()}. */
    public RecurrentModel(RecurrentConfig config) {
        this(config, DataType.FLOAT);
    }

    /** A model stored as {@code type} (DOUBLE for gradient checks). */
    public RecurrentModel(RecurrentConfig config, DataType type) {
        this.config = config;
        int v = config.vocabSize();
        int e = config.embedSize();
        int h = config.hiddenSize();
        List<ParameterSet.Spec> specs = new ArrayList<>();
        specs.add(new ParameterSet.Spec(EMBEDDING, new long[]{v, e}, true));
        specs.addAll(config.cell().specs(CELL_PREFIX, e, h));
        specs.add(new ParameterSet.Spec(OUT_WEIGHT, new long[]{h, v}, true));
        specs.add(new ParameterSet.Spec(OUT_BIAS, new long[]{v}, false));
        this.parameters = new ParameterSet(specs, type);
        this.cell = config.cell().create(parameters, CELL_PREFIX, e, h);
        this.emb = parameters.get(EMBEDDING);
        this.outW = parameters.get(OUT_WEIGHT);
        this.outB = parameters.get(OUT_BIAS);
        Rng rng = new Rng(config.seed());
        RecurrentCell.fillGaussian(emb, rng, 1.0);
        cell.initialize(rng);
        RecurrentCell.fillGaussian(outW, rng, 1 / Math.sqrt(h));
        outB.assign(0);
    }

    public RecurrentConfig config() {
        return config;
    }

    @Override
    public String label() {
        return config.cell().label();
    }

    public CellKind kind() {
        return config.cell();
    }

    @Override
    public ParameterSet parameters() {
        return parameters;
    }

    @Override
    public long parameterCount() {
        return parameters.count();
    }

    /**
     * Forward and backward pass: the mean cross-entropy over the scored positions, with the
     * gradient of every parameter written into {@link #parameters()}' gradient buffer.
     */
    @Override
    public synchronized double lossAndGradients(SequenceBatch batch) {
        ModelBuffers buf = buffers(batch.length(), batch.size());
        try (MemoryWorkspace ignored = Workspaces.scratch()) {
            int scored = buf.load(batch);
            if (scored == 0) {
                throw new IllegalArgumentException("the batch has no scored positions");
            }
            forward(buf);
            double loss = meanLoss(buf);
            backward(buf);
            return loss;
        }
    }

    /** Forward pass only: the mean cross-entropy over the scored positions. */
    public synchronized double loss(SequenceBatch batch) {
        ModelBuffers buf = buffers(batch.length(), batch.size());
        try (MemoryWorkspace ignored = Workspaces.scratch()) {
            if (buf.load(batch) == 0) {
                throw new IllegalArgumentException("the batch has no scored positions");
            }
            forward(buf);
            return meanLoss(buf);
        }
    }

    /** Forward pass only: loss and accuracy, in total and by dependency distance. */
    @Override
    public synchronized SequenceScore score(SequenceBatch batch) {
        ModelBuffers buf = buffers(batch.length(), batch.size());
        try (MemoryWorkspace ignored = Workspaces.scratch()) {
            int scored = buf.load(batch);
            forward(buf);
            double lossSum = scored == 0 ? 0 : meanLoss(buf) * scored;
            int[] timeMajor = Nd4j.argMax(buf.logits, 1).toIntVector();       // (T*B) row t*B + b
            int[][] predicted = new int[batch.size()][batch.length()];
            for (int t = 0; t < batch.length(); t++) {
                for (int b = 0; b < batch.size(); b++) {
                    predicted[b][t] = timeMajor[t * batch.size() + b];
                }
            }
            return SequenceScore.of(batch, predicted, lossSum);
        }
    }

    /** (T, V) logits after each token of one sequence. */
    public synchronized float[][] logits(int[] tokens) {
        ModelBuffers buf = buffers(tokens.length, 1);
        try (MemoryWorkspace ignored = Workspaces.scratch()) {
            buf.loadTokens(tokens);
            forward(buf);
            return Arrays2D.toFloat2D(buf.logits);
        }
    }

    /** Runs the forward pass over one sequence without copying anything out (for timing). */
    @Override
    public synchronized void forwardOnly(int[] tokens) {
        ModelBuffers buf = buffers(tokens.length, 1);
        try (MemoryWorkspace ignored = Workspaces.scratch()) {
            buf.loadTokens(tokens);
            forward(buf);
        }
    }

    /** Every hidden state and gate value for one input sequence, with the predictions. */
    public synchronized GateTrace trace(int[] tokens) {
        ModelBuffers buf = buffers(tokens.length, 1);
        try (MemoryWorkspace ignored = Workspaces.scratch()) {
            buf.loadTokens(tokens);
            forward(buf);
            Nd4j.getExecutioner().exec(new Exp(buf.logp, buf.dLogits));
            float[][] probabilities = Arrays2D.toFloat2D(buf.dLogits);
            int[] predicted = Nd4j.argMax(buf.logits, 1).toIntVector();
            return new GateTrace(kind().label(), tokens.clone(), buf.run.hiddenOf(0), cell.gates(buf.run, 0),
                    probabilities, predicted);
        }
    }

    /**
     * Backpropagation through time from the cross-entropy at one position: how strongly the
     * loss there depends on the input and the hidden state at every step. Leaves the parameter
     * gradients changed.
     *
     * @param tokens   (T) input ids
     * @param position the position whose loss is differentiated, 0 <= position < T
     * @param target   the token wanted there
     */
    public synchronized GradientFlowTrace gradientFlow(int[] tokens, int position, int target) {
        if (position < 0 || position >= tokens.length) {
            throw new IllegalArgumentException("position " + position + " is outside the " + tokens.length + " tokens");
        }
        if (target < 0 || target >= config.vocabSize()) {
            throw new IllegalArgumentException("target " + target + " is outside the vocabulary");
        }
        ModelBuffers buf = buffers(tokens.length, 1);
        try (MemoryWorkspace ignored = Workspaces.scratch()) {
            int[][] targets = {new int[tokens.length]};
            boolean[][] scored = {new boolean[tokens.length]};
            int[][] distance = {new int[tokens.length]};
            targets[0][position] = target;
            scored[0][position] = true;
            distance[0][position] = 1;
            buf.load(new SequenceBatch(new int[][]{tokens.clone()}, targets, scored, distance));
            forward(buf);
            double loss = meanLoss(buf);
            buf.run.keepHiddenGradients(true);
            backward(buf);
            buf.run.keepHiddenGradients(false);
            float[] inputNorms = Arrays2D.toFloat1D(buf.dx.norm2(1));
            float[] hiddenNorms = Arrays2D.toFloat1D(buf.run.hiddenGradients().norm2(1));
            return new GradientFlowTrace(kind().label(), tokens.clone(), position, loss, inputNorms, hiddenNorms);
        }
    }

    private void forward(ModelBuffers buf) {
        Nd4j.gemm(buf.oneHot, emb, buf.x, false, false, 1.0, 0.0);        // (T*B, E) embedding lookup
        cell.forward(buf.run, buf.x);
        Nd4j.gemm(buf.run.outputs(), outW, buf.logits, false, false, 1.0, 0.0);   // (T*B, V)
        buf.logits.addiRowVector(outB);
        logSoftmax(buf);
    }

    /** log p = logits - max - log(sum exp(logits - max)) per row; the max keeps exp from overflowing. */
    private static void logSoftmax(ModelBuffers buf) {
        INDArray max = buf.logits.max(true, 1);                              // (T*B, 1)
        buf.logp.assign(buf.logits).subiColumnVector(max);
        Nd4j.getExecutioner().exec(new Exp(buf.logp, buf.dLogits));
        INDArray logSum = Transforms.log(buf.dLogits.sum(true, 1), false);  // (T*B, 1)
        buf.logp.subiColumnVector(logSum);
    }

    /** Mean cross-entropy over scored rows: -sum(Yw * log p), Yw one-hot targets weighted 1/N. */
    private static double meanLoss(ModelBuffers buf) {
        return -buf.logp.mul(buf.weightedTargets).sumNumber().doubleValue();
    }

    private void backward(ModelBuffers buf) {
        // dL/dlogits = (softmax - onehot) / N on scored rows, 0 elsewhere
        Nd4j.getExecutioner().exec(new Exp(buf.logp, buf.dLogits));
        buf.dLogits.muliColumnVector(buf.rowWeights).subi(buf.weightedTargets);
        Nd4j.gemm(buf.run.outputs(), buf.dLogits, parameters.grad(OUT_WEIGHT), true, false, 1.0, 0.0);
        buf.dLogits.sum(parameters.grad(OUT_BIAS), 0);
        Nd4j.gemm(buf.dLogits, outW, buf.run.outputGradients(), false, true, 1.0, 0.0);
        cell.backward(buf.run, buf.x, buf.dx);
        Nd4j.gemm(buf.oneHot, buf.dx, parameters.grad(EMBEDDING), true, false, 1.0, 0.0);
    }

    private ModelBuffers buffers(int steps, int batch) {
        if (steps < 1) {
            throw new IllegalArgumentException("the input is empty");
        }
        return buffers.computeIfAbsent(((long) steps << 32) | batch,
                key -> new ModelBuffers(cell, parameters.dataType(), config.vocabSize(), config.embedSize(), steps,
                        batch));
    }
}
