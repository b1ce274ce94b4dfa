package workbench.core.memory;

import java.util.List;

/**
 * The values of one weight matrix (or of all of them pooled) before and after each variant,
 * counted over the same bins so that they can be drawn on top of each other.
 *
 * @param name     the parameter, or {@link QuantizationReport#POOLED} for all matrices together
 * @param values   how many values were counted
 * @param original the fp32 values
 * @param stored   the values each variant computes with, in the report's variant order
 */
public record TensorHistograms(String name, long values, Histogram original, List<Histogram> stored) {

    public TensorHistograms {
        stored = List.copyOf(stored);
    }
}
