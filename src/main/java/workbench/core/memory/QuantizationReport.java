package workbench.core.memory;

import java.util.List;

/**
 * The outcome of quantizing one model every way and measuring each variant on the same
 * validation windows.
 *
 * @param model      name of the model measured
 * @param parameters its parameter count
 * @param sample     the validation windows every variant was measured on
 * @param results    one per variant, in the order asked for
 * @param histograms all matrices pooled first, then each matrix in the model's order
 * @param seconds    wall time of the run
 */
public record QuantizationReport(String model, long parameters, ValidationSample sample, List<VariantResult> results,
                                 List<TensorHistograms> histograms, double seconds) {

    /** Name of the histogram entry that pools every matrix of the model. */
    public static final String POOLED = "all matrices";

    public QuantizationReport {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one variant");
        }
        results = List.copyOf(results);
        histograms = List.copyOf(histograms);
    }

    /** The fp32 result if it was measured, else the first. */
    public VariantResult baseline() {
        return results.stream().filter(r -> r.variant() == WeightVariant.FP32).findFirst().orElse(results.get(0));
    }

    public VariantResult result(WeightVariant variant) {
        return results.stream().filter(r -> r.variant() == variant).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(variant.label() + " was not measured"));
    }

    /** Position of {@code variant} in {@link #results()} and in each {@link TensorHistograms#stored()}. */
    public int indexOf(WeightVariant variant) {
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).variant() == variant) {
                return i;
            }
        }
        throw new IllegalArgumentException(variant.label() + " was not measured");
    }

    /** The variant's loss minus the baseline's (nats per token; positive is worse). */
    public double deltaLoss(VariantResult result) {
        return result.loss() - baseline().loss();
    }

    /** Share of the baseline's stored bytes that the variant saves. */
    public double savedFraction(VariantResult result) {
        return 1 - (double) result.storedBytes() / baseline().storedBytes();
    }

    public TensorHistograms histograms(String name) {
        return histograms.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no histogram of " + name));
    }

    public List<String> histogramNames() {
        return histograms.stream().map(TensorHistograms::name).toList();
    }
}
