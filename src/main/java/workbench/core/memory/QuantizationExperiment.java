package workbench.core.memory;

import workbench.concurrent.Progress;
import workbench.core.model.MiniTransformer;
import workbench.core.model.ModelBundle;
import workbench.core.train.Corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Quantizes a model every way asked for and measures each variant's validation loss on one fixed
 * sample, so that the differences between variants are paired: same windows, same arithmetic,
 * only the stored weights differ.
 */
public final class QuantizationExperiment {

    /** Windows measured per variant in the lab: 64 x 64 = 4,096 predicted characters for the bundled model. */
    public static final int WINDOWS = 64;
    /**
     * Windows per forward pass: all 64 at once. Measured here, one pass of 64 costs about what one of 32
     * does when other work shares the two cores, so fewer, larger passes finish sooner.
     */
    public static final int BATCH_SIZE = 64;
    /** Histogram bins over [-max|w|, max|w|]; odd, so that one bin is centred on zero. */
    public static final int BINS = 81;

    private QuantizationExperiment() {
    }

    /** The lab's experiment: every variant of {@code bundle}'s model on {@link #WINDOWS} windows of {@code corpus}. */
    public static QuantizationReport run(ModelBundle bundle, Corpus corpus, Progress progress) {
        ValidationSample sample = ValidationSample.of(bundle.tokenizer(), corpus,
                bundle.model().config().contextLength(), WINDOWS, BATCH_SIZE);
        return run(bundle.name(), bundle.model(), sample, List.of(WeightVariant.values()), BINS, progress);
    }

    /**
     * Builds each variant as a copy of {@code base} and measures it on {@code sample}.
     *
     * @param progress gets one step per variant built and per batch measured; cancelling stops at the next step
     */
    public static QuantizationReport run(String name, MiniTransformer base, ValidationSample sample,
                                         List<WeightVariant> variants, int bins, Progress progress) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("choose at least one variant to measure");
        }
        long start = System.nanoTime();
        ModelWeights original = ModelWeights.of(base.parameters()); // read the model once
        List<ModelWeights.Tensor> matrices = original.tensors().stream().filter(t -> !t.vector()).toList();
        List<List<ModelWeights.Tensor>> stored = new ArrayList<>(); // [variant][matrix]
        List<VariantResult> results = new ArrayList<>();
        int steps = variants.size() * (1 + sample.batches().size());
        int done = 0;
        for (WeightVariant variant : variants) {
            progress.checkCancelled();
            ModelQuantizer.QuantizedModel q = ModelQuantizer.apply(base, original, variant);
            List<ModelWeights.Tensor> values = q.weights().tensors().stream().filter(t -> !t.vector()).toList();
            stored.add(values);
            progress.update((double) ++done / steps, variant.label() + ": weights stored");
            int before = done;
            double loss = sample.loss(q.model(), batches -> {
                progress.update((double) (before + batches) / steps, String.format(Locale.ROOT,
                        "%s: batch %d of %d", variant.label(), batches, sample.batches().size()));
                progress.checkCancelled();
            });
            done += sample.batches().size();
            results.add(new VariantResult(variant, loss, q.storedBytes(),
                    ErrorStats.between(pool(matrices), pool(values)), q.tensors()));
        }
        List<TensorHistograms> histograms = new ArrayList<>();
        histograms.add(histograms(QuantizationReport.POOLED, matrices, stored, -1, bins));
        for (int m = 0; m < matrices.size(); m++) {
            histograms.add(histograms(matrices.get(m).name(), matrices, stored, m, bins));
        }
        return new QuantizationReport(name, base.config().parameterCount(), sample, results, histograms,
                (System.nanoTime() - start) / 1e9);
    }

    /** Histograms of matrix {@code m} (all matrices when m is -1), on bins shared by before and after. */
    private static TensorHistograms histograms(String name, List<ModelWeights.Tensor> originals,
                                               List<List<ModelWeights.Tensor>> stored, int m, int bins) {
        float[][] original = m < 0 ? pool(originals) : pool(List.of(originals.get(m)));
        double maxAbs = 0;
        long count = 0;
        for (float[] row : original) {
            for (float v : row) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            count += row.length;
        }
        // Rounding can move the largest value outwards by at most 2^-8 of itself (bf16); this margin keeps it in range.
        double range = maxAbs > 0 ? maxAbs * (1 + 0x1p-7) : 1;
        List<Histogram> after = new ArrayList<>();
        for (List<ModelWeights.Tensor> variant : stored) {
            after.add(Histogram.of(m < 0 ? pool(variant) : pool(List.of(variant.get(m))), -range, range, bins));
        }
        return new TensorHistograms(name, count, Histogram.of(original, -range, range, bins), after);
    }

    /** The values of each matrix as one row of a ragged array (histograms and error statistics accept that). */
    private static float[][] pool(List<ModelWeights.Tensor> matrices) {
        return matrices.stream().map(ModelWeights.Tensor::values).toArray(float[][]::new);
    }
}
