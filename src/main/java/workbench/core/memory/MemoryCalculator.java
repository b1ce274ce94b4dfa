package workbench.core.memory;

import java.util.ArrayList;
import java.util.List;

import static workbench.core.memory.ParameterCount.grouped;

/**
 * How many bytes a model needs, component by component.
 *
 * <p>Inference: weights, N x bits / 8, plus the KV cache, 2 (K and V) x L x kv_heads x head_dim x
 * bytes x T x B. Activations of inference and the framework's own memory are not counted.
 *
 * <p>Training with Adam: see {@link TrainingRegime} for the bytes per parameter, and
 * {@link #activationBytes} for the activations.
 */
public final class MemoryCalculator {

    /** Rule of thumb: about 4 bytes per parameter to hold fp32 weights... */
    public static final int RULE_WEIGHT_BYTES = 4;
    /** ...and about 20 more per parameter to train them (gradients, Adam states, activations). */
    public static final int RULE_TRAINING_EXTRA_BYTES = 20;

    private MemoryCalculator() {
    }

    /** All three estimates and the GPU fits for {@code request}. */
    public static MemoryReport report(MemoryRequest request, List<Gpu> gpus) {
        MemoryEstimate inference = inference(request);
        MemoryEstimate training = training(request);
        MemoryEstimate rule = ruleOfThumb(request.model(), request.precision());
        long inferenceTotal = guarded(inference::total);
        long trainingTotal = guarded(training::total);
        guarded(rule::total);
        return new MemoryReport(request, inference, training, rule,
                GpuFits.fit(inferenceTotal, gpus), GpuFits.fit(trainingTotal, gpus));
    }

    /** Weights in the request's precision plus the KV cache for T x B tokens. */
    public static MemoryEstimate inference(MemoryRequest request) {
        ModelSpec m = request.model();
        Precision p = request.precision();
        Precision kv = p.kvCachePrecision();
        long weights = guarded(() -> p.bytesFor(m.parameters()));
        long kvBytes = kvCacheBytes(m, kv, request.context(), request.batch());
        List<MemoryItem> items = List.of(
                new MemoryItem(MemoryPart.WEIGHTS, weights,
                        grouped(m.parameters()) + " params × " + bytesText(p.bits()) + " (" + p.label() + ")"),
                new MemoryItem(MemoryPart.KV_CACHE, kvBytes,
                        "2 × " + m.layers() + " layers × " + m.kvHeads() + " KV heads × " + m.headDim()
                                + " × " + kv.bits() / 8 + " B (" + kv.label() + ") × " + grouped(request.context())
                                + " tokens × " + request.batch()));
        String note = p.isFloatingPoint() ? "KV cache in " + kv.label() + "; activations and framework overhead not counted."
                : p.label() + " is weight-only: the KV cache stays fp16; quantization scales not counted.";
        return new MemoryEstimate(MemoryEstimate.Kind.INFERENCE, p, note, items);
    }

    /** Bytes of the KV cache: 2 x L x kv_heads x head_dim x bytes x tokens x batch. */
    public static long kvCacheBytes(ModelSpec m, Precision kvPrecision, int tokens, int batch) {
        return guarded(() -> {
            long perToken = Math.multiplyExact(2L * m.layers(), (long) m.kvHeads() * m.headDim());
            long values = Math.multiplyExact(Math.multiplyExact(perToken, tokens), (long) batch);
            return kvPrecision.bytesFor(values);
        });
    }

    /** Full training with Adam: weights, (master copy,) gradients, two moments, activations. */
    public static MemoryEstimate training(MemoryRequest request) {
        ModelSpec m = request.model();
        TrainingRegime r = TrainingRegime.of(request.precision());
        long n = m.parameters();
        List<MemoryItem> items = new ArrayList<>();
        items.add(perParameter(MemoryPart.WEIGHTS, n, r.weightBytes(), r == TrainingRegime.FP32 ? "fp32" : "16-bit"));
        if (r.masterBytes() > 0) {
            items.add(perParameter(MemoryPart.MASTER_WEIGHTS, n, r.masterBytes(), "fp32"));
        }
        items.add(perParameter(MemoryPart.GRADIENTS, n, r.gradientBytes(), r == TrainingRegime.FP32 ? "fp32" : "16-bit"));
        items.add(perParameter(MemoryPart.ADAM_M, n, r.adamMomentBytes(), "fp32"));
        items.add(perParameter(MemoryPart.ADAM_V, n, r.adamMomentBytes(), "fp32"));
        int e = r.activationBytes();
        items.add(new MemoryItem(MemoryPart.ACTIVATIONS,
                activationBytes(m, request.context(), request.batch(), e),
                m.layers() + " layers × [T·B·h·(16×" + e + "+2) + a·T²·B·(2×" + e + "+1)] with T="
                        + grouped(request.context()) + ", B=" + request.batch() + ", h=" + m.dModel() + ", a=" + m.heads()));
        String activations = "; activations after Korthikanti et al. 2022, no recomputation.";
        String note = request.precision().isFloatingPoint() ? "Trained in " + r.label() + activations
                : request.precision().label() + " is an inference format: training is shown in " + r.label() + activations;
        return new MemoryEstimate(MemoryEstimate.Kind.TRAINING, request.precision(), note, items);
    }

    /**
     * Activation memory kept for the backward pass, after Korthikanti et al. 2022, "Reducing
     * Activation Recomputation in Large Transformer Models", section 4.1: one GPT layer stores
     * s·b·h·(34 + 5·a·s/h) bytes with 16-bit activations. Counted value by value, that is
     * 16·s·b·h + 2·a·s²·b stored values (attention: the QKV projection's input, Q, K, V and the
     * output projection's input, the softmax output and its dropout output; MLP: its input and the
     * 4h values before and after GELU; the two layer norms' inputs) plus 2·s·b·h + a·s²·b one-byte dropout masks. With {@code valueBytes} per value:
     * L x [s·b·h·(16·e + 2) + a·s²·b·(2·e + 1)]; e = 2 gives the paper's 34 and 5.
     * Assumes the paper's block (MLP width 4h, dropout, full K and V per head, no FlashAttention,
     * no recomputation, no tensor or sequence parallelism) and leaves out the embedding and the
     * output logits. For SwiGLU or GQA models it is an approximation.
     *
     * @param valueBytes bytes of one stored activation value: 2 (16-bit) or 4 (fp32)
     */
    public static long activationBytes(ModelSpec m, int tokens, int batch, int valueBytes) {
        return guarded(() -> {
            long sbh = Math.multiplyExact(Math.multiplyExact((long) tokens, (long) batch), (long) m.dModel());
            long linear = Math.multiplyExact(sbh, 16L * valueBytes + 2);
            long scores = Math.multiplyExact(Math.multiplyExact(Math.multiplyExact((long) m.heads(), (long) tokens),
                    (long) tokens), (long) batch);
            long quadratic = Math.multiplyExact(scores, 2L * valueBytes + 1);
            return Math.multiplyExact(Math.addExact(linear, quadratic), (long) m.layers());
        });
    }

    /**
     * The rule of thumb, shown beside the itemised estimate and not to be mistaken for it:
     * 4 bytes per parameter for fp32 weights plus about 20 more to train, 24 bytes per parameter
     * in all, whatever the context, batch or architecture.
     */
    public static MemoryEstimate ruleOfThumb(ModelSpec m, Precision precision) {
        long n = m.parameters();
        List<MemoryItem> items = List.of(
                new MemoryItem(MemoryPart.RULE_WEIGHTS, guarded(() -> Math.multiplyExact(n, (long) RULE_WEIGHT_BYTES)),
                        grouped(n) + " params × " + RULE_WEIGHT_BYTES + " B"),
                new MemoryItem(MemoryPart.RULE_TRAINING,
                        guarded(() -> Math.multiplyExact(n, (long) RULE_TRAINING_EXTRA_BYTES)),
                        grouped(n) + " params × " + RULE_TRAINING_EXTRA_BYTES + " B"));
        return new MemoryEstimate(MemoryEstimate.Kind.TRAINING_RULE_OF_THUMB, precision,
                "A rule of thumb: 4 B/param for fp32 weights + about 20 B/param to train; it ignores context and batch.",
                items);
    }

    private static MemoryItem perParameter(MemoryPart part, long n, int bytes, String format) {
        return new MemoryItem(part, guarded(() -> Math.multiplyExact(n, (long) bytes)),
                grouped(n) + " params × " + bytes + " B (" + format + ")");
    }

    private static String bytesText(int bits) {
        return bits % 8 == 0 ? bits / 8 + " B" : bits + "/8 B";
    }

    private interface ExactComputation {
        long compute();
    }

    /** long arithmetic overflows only past 8 EiB; say so instead of returning a wrapped number. */
    private static long guarded(ExactComputation computation) {
        try {
            return computation.compute();
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("The estimate exceeds 8 EiB (2^63 bytes); choose a smaller model,"
                    + " context or batch.", overflow);
        }
    }
}
