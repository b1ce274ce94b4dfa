package workbench.core.memory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import workbench.concurrent.Progress;
import workbench.core.model.Checkpoints;
import workbench.core.model.MiniTransformer;
import workbench.core.model.ModelBundle;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.ParameterSet;
import workbench.core.train.Corpus;
import workbench.core.train.TokenWindows;
import workbench.core.train.Trainer;
import workbench.core.train.TrainingConfig;

import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The experiment on the bundled model: exact baseline, rounding bounds per element, and losses that make sense. */
class QuantizationExperimentTest {

    private static ModelBundle bundle;
    private static ValidationSample sample;
    private static QuantizationReport report;
    private static OneNd4jThread oneThread;

    @BeforeAll
    static void measure() throws Exception {
        oneThread = new OneNd4jThread();
        bundle = Checkpoints.bundled();
        // 8 windows of 64 characters spread over the validation text: small, but every variant reads the same ones.
        sample = ValidationSample.of(bundle.tokenizer(), Corpus.bundled(), 64, 8, 8);
        report = QuantizationExperiment.run(bundle.name(), bundle.model(), sample, List.of(WeightVariant.values()),
                QuantizationExperiment.BINS, Progress.NONE);
    }

    @AfterAll
    static void restoreThreads() {
        oneThread.close();
    }

    @Test
    void theFp32VariantReproducesTheModelsLossExactly() {
        int[] ids = bundle.tokenizer().encode(Corpus.bundled().validationText());
        double trainers = new Trainer(bundle.model(), TrainingConfig.nanoGptCpu(1, 1), new TokenWindows(ids, ids, 64))
                .evaluate(sample.batches());
        assertEquals(trainers, report.result(WeightVariant.FP32).loss(), 0.0);
        assertEquals(0.0, report.deltaLoss(report.baseline()), 0.0);
        MiniTransformer copy = ModelQuantizer.apply(bundle.model(), WeightVariant.FP32).model();
        assertEquals(0.0, copy.parameters().flat().sub(bundle.model().parameters().flat()).amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void storedBytesOfTheBundledModelByHand() {
        // 804,864 parameters: 26 matrices with 802,560 values (4 layers x (4 x 128x128 + 2 x 128x512) = 786,432,
        // tok_emb 62x128 = 7,936, pos_emb 64x128 = 8,192) and 2,304 LayerNorm values (9 x 2 x 128) kept in fp32.
        assertEquals(804_864L * 4, report.result(WeightVariant.FP32).storedBytes());
        assertEquals(802_560L * 2 + 2_304 * 4, report.result(WeightVariant.FP16).storedBytes());
        assertEquals(802_560L * 2 + 2_304 * 4, report.result(WeightVariant.BF16).storedBytes());
        assertEquals(802_560L + 26 * 4 + 2_304 * 4, report.result(WeightVariant.INT8_PER_TENSOR).storedBytes());
        // Per channel: per layer 4 x 128 + 512 + 128 columns = 1,152, x 4 = 4,608; plus 62 + 64 embedding rows = 4,734 scales.
        assertEquals(4_734, report.result(WeightVariant.INT8_PER_CHANNEL).scales());
        assertEquals(802_560L + 4_734 * 4 + 2_304 * 4, report.result(WeightVariant.INT8_PER_CHANNEL).storedBytes());
        assertEquals(401_280L + 4_734 * 4 + 2_304 * 4, report.result(WeightVariant.INT4_PER_CHANNEL).storedBytes());
        assertEquals(1 - 830_712.0 / 3_219_456, report.savedFraction(report.result(WeightVariant.INT8_PER_CHANNEL)), 1e-15);
    }

    @Test
    void fp16AndBf16MoveEachWeightByAtMostHalfAnUlp() {
        checkEveryMatrix(WeightVariant.FP16, (w, stored, name, r, c) -> {
            // fp16 spacing at w: 2^(e - 10) for normal numbers (e = exponent of w), 2^-24 for subnormals (e < -14).
            double halfUlp = Math.scalb(1.0, Math.max(Math.getExponent(w), -14) - 11);
            return Math.abs((double) stored - w) <= halfUlp;
        });
        checkEveryMatrix(WeightVariant.BF16, (w, stored, name, r, c) ->
                Math.abs((double) stored - w) <= Math.scalb(1.0, Math.getExponent(w) - 8)); // 7 mantissa bits
    }

    @Test
    void int8PerChannelErrorIsAtMostHalfTheChannelsScale() {
        ParameterSet base = bundle.model().parameters();
        java.util.Map<String, float[]> scales = new java.util.HashMap<>();
        double[] worstShare = {0};
        checkEveryMatrix(WeightVariant.INT8_PER_CHANNEL, (w, stored, name, r, c) -> {
            // Each channel's scale, computed here independently: max |w| of the row (embeddings) or column, over 127.
            float[] channelScales = scales.computeIfAbsent(name, n -> {
                float[][] m = Arrays2D.toFloat2D(base.get(n));
                boolean byRow = n.endsWith("_emb");
                float[] absmax = new float[byRow ? m.length : m[0].length];
                for (int i = 0; i < m.length; i++) {
                    for (int j = 0; j < m[i].length; j++) {
                        int channel = byRow ? i : j;
                        absmax[channel] = Math.max(absmax[channel], Math.abs(m[i][j]));
                    }
                }
                for (int k = 0; k < absmax.length; k++) {
                    absmax[k] /= 127;
                }
                return absmax;
            });
            float scale = channelScales[name.endsWith("_emb") ? r : c];
            double error = Math.abs((double) stored - w);
            worstShare[0] = Math.max(worstShare[0], error / scale);
            // code x scale is rounded to a float once: at most half an ulp of the stored value beyond scale / 2.
            return error <= scale / 2.0 + Math.ulp(stored) / 2;
        });
        assertEquals(26, scales.size());
        assertTrue(worstShare[0] > 0.45, "some values fall half-way between grid points, as they should: " + worstShare[0]);
    }

    @Test
    void lossesAreFiniteAndOrderedAsTheErrorsAre() {
        double base = report.baseline().loss();
        assertTrue(Double.isFinite(base) && base > 0.5 && base < 3, "a character model's loss: " + base);
        for (VariantResult r : report.results()) {
            assertTrue(Double.isFinite(r.loss()), r.variant() + " " + r.loss());
            assertEquals(Math.exp(r.loss()), r.perplexity(), 1e-12);
        }
        // fp16/bf16 change each weight by at most 2^-11 / 2^-8 of itself; the loss moves far less than 0.01 nats.
        assertTrue(Math.abs(report.deltaLoss(report.result(WeightVariant.FP16))) < 0.01);
        assertTrue(Math.abs(report.deltaLoss(report.result(WeightVariant.BF16))) < 0.01);
        // int8 keeps a relative RMSE near 1%; measured Δ is about 0.002 on 4,096 characters; 0.02 leaves a wide margin.
        assertTrue(Math.abs(report.deltaLoss(report.result(WeightVariant.INT8_PER_TENSOR))) < 0.02);
        assertTrue(Math.abs(report.deltaLoss(report.result(WeightVariant.INT8_PER_CHANNEL))) < 0.02);
        // int4 has 15 levels: a clear loss, and one scale for a whole tensor is worse than one per channel.
        VariantResult int4Channel = report.result(WeightVariant.INT4_PER_CHANNEL);
        VariantResult int4Tensor = report.result(WeightVariant.INT4_PER_TENSOR);
        assertTrue(report.deltaLoss(int4Channel) > 0.01, "int4 per channel: " + report.deltaLoss(int4Channel));
        assertTrue(report.deltaLoss(int4Tensor) > report.deltaLoss(int4Channel));
        assertTrue(int4Tensor.matrixError().rmse() > int4Channel.matrixError().rmse());
        assertTrue(report.result(WeightVariant.INT8_PER_TENSOR).matrixError().rmse()
                > report.result(WeightVariant.INT8_PER_CHANNEL).matrixError().rmse());
    }

    @Test
    void histogramsCountEveryValueOnSharedBins() {
        TensorHistograms pooled = report.histograms(QuantizationReport.POOLED);
        assertEquals(802_560, pooled.values());
        assertEquals(27, report.histograms().size()); // pooled + 26 matrices
        TensorHistograms wq = report.histograms("h0.attn.wq");
        assertEquals(128 * 128, wq.original().total());
        for (TensorHistograms h : report.histograms()) {
            for (Histogram after : h.stored()) {
                assertEquals(h.values(), after.total(), h.name());
                assertEquals(0, after.below() + after.above() + after.nonFinite(), h.name());
                assertEquals(h.original().lo(), after.lo(), 0.0);
            }
        }
        // The fp32 variant's histogram is the original; int4 per tensor leaves at most 15 occupied bins.
        assertEquals(java.util.Arrays.toString(wq.original().counts()),
                java.util.Arrays.toString(wq.stored().get(report.indexOf(WeightVariant.FP32)).counts()));
        long occupied = java.util.Arrays.stream(wq.stored().get(report.indexOf(WeightVariant.INT4_PER_TENSOR)).counts())
                .filter(n -> n > 0).count();
        assertTrue(occupied <= 15 && occupied >= 5, "int4 levels in use: " + occupied);
    }

    @Test
    void cancellingStopsTheRun() {
        Progress cancelled = new Progress() {
            @Override
            public void update(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancellationException.class, () -> QuantizationExperiment.run(bundle.name(), bundle.model(),
                sample, List.of(WeightVariant.FP16), 9, cancelled));
        assertThrows(IllegalArgumentException.class, () -> QuantizationExperiment.run(bundle.name(), bundle.model(),
                sample, List.of(), 9, Progress.NONE));
    }

    private interface ElementCheck {
        boolean holds(float original, float stored, String name, int row, int col);
    }

    /** Runs {@code check} on every value of every matrix, failing on the first miss. */
    private static void checkEveryMatrix(WeightVariant variant, ElementCheck check) {
        ParameterSet base = bundle.model().parameters();
        ParameterSet stored = ModelQuantizer.apply(bundle.model(), variant).model().parameters();
        int changed = 0;
        for (ParameterSet.Spec spec : base.specs()) {
            if (spec.shape().length != 2) {
                continue;
            }
            float[][] w = Arrays2D.toFloat2D(base.get(spec.name()));
            float[][] s = Arrays2D.toFloat2D(stored.get(spec.name()));
            for (int r = 0; r < w.length; r++) {
                for (int c = 0; c < w[r].length; c++) {
                    if (!check.holds(w[r][c], s[r][c], spec.name(), r, c)) {
                        throw new AssertionError(variant + ": " + spec.name() + "[" + r + ", " + c + "] " + w[r][c]
                                + " became " + s[r][c]);
                    }
                    changed += w[r][c] != s[r][c] ? 1 : 0;
                }
            }
        }
        assertTrue(changed > 0, variant + " changed nothing");
    }
}
