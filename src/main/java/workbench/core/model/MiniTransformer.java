package workbench.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import workbench.core.attention.NaiveAttention;
import workbench.core.sampling.NextTokenModel;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.ParameterSet;
import workbench.core.tensor.Rng;
import workbench.core.tensor.Workspaces;
import workbench.core.trace.ForwardTrace;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * A small decoder-only transformer on ND4J: token (and learned or sinusoidal position) embeddings,
 * pre-LayerNorm blocks of multi-head attention (MHA, GQA or MQA, optionally with RoPE) and a GELU
 * feed-forward network, a final LayerNorm and an output head (tied to the token embeddings by
 * default). Every layer computes its own gradient; the tests check each against finite differences.
 * <p>
 * Thread safety: inference methods may run on several threads at once as long as nothing changes
 * the parameters meanwhile; training works on its own copy ({@link #copy()}).
 */
public final class MiniTransformer implements NextTokenModel {

    private static final String WORKSPACE = "mini-transformer";

    private final TransformerConfig config;
    private final DataType type;
    private final ParameterSet parameters;
    private final Weights weights;
    private final Weights gradients;
    private final AttentionLayer attention;
    private final Map<GeometryKey, Geometry> geometries = new ConcurrentHashMap<>();

    private record GeometryKey(int batch, int length, MaskKind mask, boolean positionsOn) {
    }

    /** A model with fresh random weights drawn from {@code config.seed()}. */
    public MiniTransformer(TransformerConfig config) {
        this(config, DataType.FLOAT);
    }

    /** A model in another precision; DOUBLE is used by the gradient checks. */
    MiniTransformer(TransformerConfig config, DataType type) {
        this(config, type, true);
    }

    /** A model with zero weights, to be filled from a checkpoint. */
    static MiniTransformer blank(TransformerConfig config) {
        return new MiniTransformer(config, DataType.FLOAT, false);
    }

    /** With {@code initialise} false the weights start at zero, for copies that overwrite them at once. */
    private MiniTransformer(TransformerConfig config, DataType type, boolean initialise) {
        this.config = config;
        this.type = type;
        try (MemoryWorkspace ignored = Workspaces.outside()) {
            this.parameters = new ParameterSet(Weights.specs(config), type);
            this.weights = Weights.values(config, parameters);
            this.gradients = Weights.gradients(config, parameters);
            this.attention = new AttentionLayer(config, type);
        }
        if (initialise) {
            initialise(new Rng(config.seed()));
        }
    }

    /**
     * GPT-2's initialisation: normal(0, 0.02) weights, residual output projections scaled by
     * 1/sqrt(2 layers), LayerNorm gains 1 and biases 0.
     */
    private void initialise(Rng rng) {
        double residualStd = 0.02 / Math.sqrt(2.0 * config.layers());
        for (ParameterSet.Spec spec : parameters.specs()) {
            INDArray target = parameters.get(spec.name());
            if (spec.name().endsWith(".g")) {
                target.assign(1);
            } else if (spec.name().endsWith(".b")) {
                target.assign(0);
            } else {
                double std = spec.name().endsWith("attn.wo") || spec.name().endsWith("ffn.w2") ? residualStd : 0.02;
                double[] values = new double[(int) spec.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rng.nextGaussian() * std;
                }
                target.assign(Nd4j.create(values, spec.shape(), 'c').castTo(type));
            }
        }
    }

    public TransformerConfig config() {
        return config;
    }

    /** The named parameter tensors (views into one flat buffer). */
    public ParameterSet parameters() {
        return parameters;
    }

    public DataType dataType() {
        return type;
    }

    /** An independent model with the same configuration and a copy of the weights. */
    public MiniTransformer copy() {
        return withConfig(config);
    }

    /**
     * A model with another configuration whose parameter layout is the same (for example another
     * mask), holding a copy of these weights.
     */
    public MiniTransformer withConfig(TransformerConfig other) {
        MiniTransformer copy = new MiniTransformer(other, type, false);
        copy.parameters.copyFrom(parameters);
        return copy;
    }

    @Override
    public int vocabSize() {
        return config.vocabSize();
    }

    @Override
    public int contextLength() {
        return config.contextLength();
    }

    /**
     * Next-token logits after {@code context}; contexts longer than the model's are cut from the left.
     *
     * @return (V) logits
     */
    @Override
    public float[] nextLogits(int[] context) {
        if (context.length == 0) {
            throw new IllegalArgumentException("the context is empty: give at least one token");
        }
        int[] window = context.length > config.contextLength()
                ? Arrays.copyOfRange(context, context.length - config.contextLength(), context.length)
                : context;
        float[][] all = logits(window);
        return all[all.length - 1];
    }

    /**
     * Logits at every position.
     *
     * @param tokens (T) ids, 1 <= T <= contextLength
     * @return (T, V)
     */
    public float[][] logits(int[] tokens) {
        checkTokens(new int[][]{tokens});
        try (MemoryWorkspace ignored = Workspaces.open(WORKSPACE)) {
            TransformerPass pass = TransformerPass.forward(this, new int[][]{tokens},
                    geometry(1, tokens.length, config.mask(), true), null, false);
            return Arrays2D.toFloat2D(pass.logits);
        }
    }

    /**
     * Logits at every position of several sequences, in one batched pass.
     *
     * @param tokens (B, T) ids, 1 <= T <= contextLength
     * @return (B, T, V)
     */
    public float[][][] logits(int[][] tokens) {
        checkTokens(tokens);
        int b = tokens.length;
        int t = tokens[0].length;
        try (MemoryWorkspace ignored = Workspaces.open(WORKSPACE)) {
            TransformerPass pass = TransformerPass.forward(this, tokens, geometry(b, t, config.mask(), true), null,
                    false);
            float[][] rows = Arrays2D.toFloat2D(pass.logits);                // (B*T, V), row i*T + j
            float[][][] out = new float[b][][];
            for (int i = 0; i < b; i++) {
                out[i] = Arrays.copyOfRange(rows, i * t, (i + 1) * t);
            }
            return out;
        }
    }

    /** Every intermediate of a forward pass over {@code tokens}, with token ids shown as labels. */
    public ForwardTrace trace(int[] tokens, ForwardOptions options) {
        return trace(tokens, options, String::valueOf);
    }

    /**
     * Every intermediate of a forward pass over {@code tokens}, with the interventions of
     * {@code options} applied.
     *
     * @param tokens    (T) ids, 1 <= T <= contextLength
     * @param tokenText how each token id reads, for the trace's labels
     */
    public ForwardTrace trace(int[] tokens, ForwardOptions options, IntFunction<String> tokenText) {
        checkTokens(new int[][]{tokens});
        for (ForwardOptions.HeadRef ref : options.disabledHeads()) {
            if (ref.layer() < 0 || ref.layer() >= config.layers() || ref.head() < 0 || ref.head() >= config.heads()) {
                throw new IllegalArgumentException("no head " + ref.head() + " in layer " + ref.layer());
            }
        }
        int t = tokens.length;
        MaskKind mask = options.maskOverride().orElse(config.mask());
        boolean[][] off = null;
        if (!options.disabledHeads().isEmpty()) {
            off = new boolean[config.layers()][config.heads()];
            for (ForwardOptions.HeadRef ref : options.disabledHeads()) {
                off[ref.layer()][ref.head()] = true;
            }
        }
        try (MemoryWorkspace ignored = Workspaces.open(WORKSPACE)) {
            Geometry geometry;
            if (options.maskedKeys().isEmpty()) {
                geometry = geometry(1, t, mask, !options.positionsOff());
            } else {
                boolean[][] allowed = allowed(mask, t);
                for (int key : options.maskedKeys()) {
                    if (key >= 0 && key < t) {
                        for (boolean[] row : allowed) {
                            row[key] = false;
                        }
                    }
                }
                geometry = Geometry.build(config, 1, t, allowed, 0, !options.positionsOff(), type);
            }
            TransformerPass pass = TransformerPass.forward(this, new int[][]{tokens}, geometry, off, true);
            return TraceBuilder.build(pass, tokens, tokenText, config);
        }
    }

    /**
     * Mean cross-entropy of predicting {@code targets} from {@code inputs}, without gradients.
     *
     * @param inputs  (B, T) ids
     * @param targets (B, T) ids
     */
    public double loss(int[][] inputs, int[][] targets) {
        return loss(inputs, targets, null, false);
    }

    /** Mean cross-entropy over the positions where {@code scored} is 1, without gradients. */
    public double loss(int[][] inputs, int[][] targets, float[][] scored) {
        return loss(inputs, targets, scored, false);
    }

    /**
     * Mean cross-entropy over the scored positions, and every parameter gradient added into
     * {@code parameters().flatGrad()} (zero it first).
     *
     * @param scored (B, T) 1 where the position counts, 0 where it does not; null = all
     */
    public double lossAndGradients(int[][] inputs, int[][] targets, float[][] scored) {
        return loss(inputs, targets, scored, true);
    }

    private double loss(int[][] inputs, int[][] targets, float[][] scored, boolean backward) {
        checkTokens(inputs);
        checkTokens(targets);
        if (inputs.length != targets.length || inputs[0].length != targets[0].length) {
            throw new IllegalArgumentException("inputs and targets must have the same shape");
        }
        try (MemoryWorkspace ignored = Workspaces.open(WORKSPACE)) {
            TransformerPass pass = TransformerPass.forward(this, inputs,
                    geometry(inputs.length, inputs[0].length, config.mask(), true), null, false);
            return pass.loss(targets, scored, backward);
        }
    }

    /** An empty key/value cache for token-by-token decoding with {@link #decode}. */
    public KvCache newCache() {
        return new KvCache(config);
    }

    /**
     * Fills an empty cache with a prompt in one pass.
     *
     * @param tokens (T) ids, 1 <= T <= contextLength
     * @return (V) logits for the token after the prompt
     */
    public float[] prefill(KvCache cache, int[] tokens) {
        checkTokens(new int[][]{tokens});
        cache.clear();
        return new Decoder(this).prefill(cache, tokens);
    }

    /**
     * Appends one token to the cache and returns the logits for the next one. The result equals
     * {@link #nextLogits} over everything cached so far.
     *
     * @return (V) logits
     */
    public float[] decode(KvCache cache, int token) {
        if (cache.config() != config && !cache.config().equals(config)) {
            throw new IllegalArgumentException("this cache belongs to a model with another configuration");
        }
        checkTokens(new int[][]{{token}});
        return new Decoder(this).step(cache, token);
    }

    Geometry causalGeometry(int length) {
        return geometry(1, length, MaskKind.CAUSAL, true);
    }

    Weights weights() {
        return weights;
    }

    Weights gradients() {
        return gradients;
    }

    AttentionLayer attention() {
        return attention;
    }

    private Geometry geometry(int batch, int length, MaskKind mask, boolean positionsOn) {
        return geometries.computeIfAbsent(new GeometryKey(batch, length, mask, positionsOn), key -> {
            try (MemoryWorkspace ignored = Workspaces.outside()) {
                return Geometry.build(config, batch, length, allowed(mask, length), 0, positionsOn, type);
            }
        });
    }

    private static boolean[][] allowed(MaskKind mask, int t) {
        return mask == MaskKind.CAUSAL ? NaiveAttention.causalMask(t) : NaiveAttention.fullMask(t, t);
    }

    private void checkTokens(int[][] batch) {
        if (batch.length == 0 || batch[0].length == 0) {
            throw new IllegalArgumentException("no tokens: give at least one");
        }
        int t = batch[0].length;
        if (t > config.contextLength()) {
            throw new IllegalArgumentException(t + " tokens are more than the context length "
                    + config.contextLength());
        }
        for (int[] row : batch) {
            if (row.length != t) {
                throw new IllegalArgumentException("all sequences in a batch must have the same length");
            }
            for (int id : row) {
                if (id < 0 || id >= config.vocabSize()) {
                    throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of "
                            + config.vocabSize());
                }
            }
        }
    }
}
