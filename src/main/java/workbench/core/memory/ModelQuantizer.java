package workbench.core.memory;

import org.nd4j.linalg.api.ndarray.INDArray;
import workbench.core.model.MiniTransformer;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.ParameterSet;

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
     * @param tensors one entry per parameter, in the model's parameter order
     */
    public record QuantizedModel(WeightVariant variant, MiniTransformer model, List<TensorRoundTrip> tensors) {

        /** Bytes of every stored value and scale, the 1-D fp32 parameters included. */
        public long storedBytes() {
            return tensors.stream().mapToLong(TensorRoundTrip::storedBytes).sum();
        }
    }

    /** An independent copy of {@code base} whose matrices went through {@code variant}. */
    public static QuantizedModel apply(MiniTransformer base, WeightVariant variant) {
        MiniTransformer copy = base.copy();
        ParameterSet from = base.parameters();
        ParameterSet to = copy.parameters();
        List<TensorRoundTrip> tensors = new ArrayList<>();
        for (ParameterSet.Spec spec : from.specs()) {
            INDArray original = from.get(spec.name());
            if (spec.shape().length != 2) {
                int n = (int) spec.size();
                tensors.add(new TensorRoundTrip(spec.name(), 1, n, false, "fp32", null, 0, 4L * n, ErrorStats.between(
                        new float[][]{Arrays2D.toFloat1D(original)}, new float[][]{Arrays2D.toFloat1D(original)})));
                continue;
            }
            float[][] w = Arrays2D.toFloat2D(original); // (rows, cols)
            Stored stored = store(spec.name(), w, variant);
            to.get(spec.name()).assign(Arrays2D.fromFloat2D(stored.values()));
            tensors.add(new TensorRoundTrip(spec.name(), w.length, w[0].length, true, variant.isInteger()
                    ? "int" + variant.bits() : variant.format().label(), stored.granularity(), stored.scales(),
                    stored.bytes(), ErrorStats.between(w, stored.values())));
        }
        return new QuantizedModel(variant, copy, List.copyOf(tensors));
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
