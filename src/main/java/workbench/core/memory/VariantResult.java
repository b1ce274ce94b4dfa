package workbench.core.memory;

import java.util.List;

/**
 * One variant of the model, measured.
 *
 * @param variant     how the matrices were stored
 * @param loss        mean validation cross-entropy, nats per token, on the report's sample
 * @param storedBytes bytes of all stored weights: matrices in the variant's format with their fp32
 *                    scales, 1-D parameters in fp32
 * @param matrixError the stored matrices against the fp32 originals, all matrices pooled
 * @param tensors     per parameter, in the model's order
 */
public record VariantResult(WeightVariant variant, double loss, long storedBytes, ErrorStats matrixError,
                            List<TensorRoundTrip> tensors) {

    public VariantResult {
        tensors = List.copyOf(tensors);
    }

    /** e^loss: the model is as unsure as a uniform choice among this many tokens. */
    public double perplexity() {
        return Math.exp(loss);
    }

    /** fp32 scales stored over all matrices. */
    public long scales() {
        return tensors.stream().mapToLong(TensorRoundTrip::scales).sum();
    }
}
