package workbench.core.memory;

import org.nd4j.linalg.factory.Nd4j;
import workbench.core.model.MiniTransformer;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a quantized copy of a model: every 2-D parameter (the attention and feed-forward matrices,
 * the token and position embedding tables, an untied output head) is stored in the variant's format
 * and read back, and the copy computes with the values read back ("fake quantization": the same
 * arithmetic as the original, on the weights a quantized model would hold). 1-D parameters
 * (LayerNorm gains and biases) are copied unchanged and counted as fp32.
 */
public final class ModelQuantizer {

    private ModelQuantizer() {
    }

    /**
     * A model and the record of how each of its tensors was stored.
     *
     * @param variant the format of the matrices
     * @param model   an independent copy holding the round-tripped weights
     * @param weights the values the copy holds, as plain arrays
     * @param tensors one entry per parameter, in the model's parameter order
     */
    public record QuantizedModel(WeightVariant variant, MiniTransformer model, ModelWeights weights,
                                 List<TensorRoundTrip> tensors) {

        /** Bytes of every stored value and scale, the 1-D fp32 parameters included. */
        public long storedBytes() {
            return tensors.stream().mapToLong(TensorRoundTrip::storedBytes).sum();
        }
    }

    /** An independent copy of {@code base} whose matrices went through {@code variant}. */
    public static QuantizedModel apply(MiniTransformer base, WeightVariant variant) {
        return apply(base, ModelWeights.of(base.parameters()), variant);
    }

    /**
     * The same, from a snapshot of {@code base}'s weights taken beforehand (so that several
     * variants read the model once).
     */
    public static QuantizedModel apply(MiniTransformer base, ModelWeights original, WeightVariant variant) {
        List<ModelWeights.Tensor> stored = new ArrayList<>();
        List<TensorRoundTrip> tensors = new ArrayList<>();
        float[] flat = new float[(int) original.count()]; // (N) in the parameter layout's order
        int offset = 0;
        for (ModelWeights.Tensor t : original.tensors()) {
            if (t.vector()) {
                stored.add(t);
                tensors.add(new TensorRoundTrip(t.name(), 1, t.cols(), false, "fp32", null, 0, 4L * t.cols(),
                        ErrorStats.between(new float[][]{t.values()}, new float[][]{t.values()})));
            } else {
                float[][] w = t.matrix(); // (rows, cols)
                Stored s = store(t.name(), w, variant);
                ModelWeights.Tensor after = ModelWeights.Tensor.of(t.name(), s.values());
                stored.add(after);
                tensors.add(new TensorRoundTrip(t.name(), t.rows(), t.cols(), true, variant.isInteger()
                        ? "int" + variant.bits() : variant.format().label(), s.granularity(), s.scales(),
                        s.bytes(), ErrorStats.between(w, s.values())));
            }
            float[] values = stored.get(stored.size() - 1).values();
            System.arraycopy(values, 0, flat, offset, values.length);
            offset += values.length;
        }
        MiniTransformer copy = base.copy();
        // One write of the whole flat buffer: the named tensors are views into it, in this order.
        copy.parameters().flat().assign(Nd4j.create(flat, new long[]{flat.length}, 'c'));
        return new QuantizedModel(variant, copy, new ModelWeights(stored), List.copyOf(tensors));
    }

    /**
     * A matrix stored in {@code variant} and read back.
     *
     * @param values      (rows, cols) what the model computes with
     * @param granularity which values share a scale; null for float formats
     * @param scales      number of fp32 scales
     * @param bytes       packed values plus scales
     */
    public record Stored(float[][] values, Granularity granularity, int scales, long bytes) {
    }

    /**
     * Stores one matrix of parameter {@code name} in {@code variant} and reads it back.
     *
     * @param w (rows, cols)
     */
    public static Stored store(String name, float[][] w, WeightVariant variant) {
        long count = (long) w.length * w[0].length;
        if (!variant.isInteger()) {
            return new Stored(variant.format().roundTrip(w), null, 0, count * variant.bits() / 8);
        }
        QuantizedMatrix q = AbsmaxQuantizer.quantize(w, variant.bits(), variant.granularity(isEmbeddingTable(name)));
        return new Stored(q.dequantize(), q.granularity(), q.scales().length, q.storageBytes());
    }

    /** Embedding tables are read by row (a token's or a position's vector); their rows are the channels. */
    public static boolean isEmbeddingTable(String name) {
        return name.endsWith("_emb");
    }
}
