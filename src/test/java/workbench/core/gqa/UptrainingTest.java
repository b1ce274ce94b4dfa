package workbench.core.gqa;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import workbench.concurrent.Progress;
import workbench.core.memory.ValidationSample;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.tokenizer.CharTokenizer;
import workbench.core.train.Corpus;
import workbench.core.train.TokenWindows;
import workbench.core.train.Trainer;
import workbench.core.train.TrainingConfig;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GQA recipe on a tiny model: train MHA, pool to MQA (loss rises), fine-tune (loss falls again). */
class UptrainingTest {

    private static Corpus corpus;
    private static CharTokenizer chars;
    private static TokenWindows data;
    private static ValidationSample sample;
    private static MiniTransformer trained;

    @BeforeAll
    static void trainATinyMhaModel() {
        corpus = Corpus.of("tiny", "the cat sat on the mat. a dog sat on the log. ".repeat(60));
        chars = CharTokenizer.fromText(corpus.text());
        data = Uptraining.trainingData(chars, corpus, 16);
        sample = ValidationSample.of(chars, corpus, 16, 16, 8);
        trained = new MiniTransformer(new TransformerConfig(chars.vocabSize(), 16, 32, 2, 4, 4, 64,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 9));
        new Trainer(trained, new TrainingConfig(150, 8, 1e-2, 1e-3, 15, 0.0, 1.0, 150, 1, 2), data)
                .run(Progress.NONE, report -> { });
    }

    private static TrainingConfig quick(int steps) {
        return new TrainingConfig(steps, 8, 5e-3, 5e-4, 5, 0.0, 1.0, 20, 1, 4);
    }

    @Test
    void fineTuningRecoversWhatPoolingCost() {
        double mhaLoss = sample.loss(trained);
        MiniTransformer mqa = KvHeadConversion.meanPool(trained, 1);
        double pooled = sample.loss(mqa);
        assertTrue(pooled > mhaLoss + 0.05, "pooling all K/V heads into one costs something: " + mhaLoss + " -> " + pooled);
        AtomicInteger heard = new AtomicInteger();
        Uptraining.Result result = Uptraining.run(mqa, data, sample, quick(60), Progress.NONE, r -> heard.incrementAndGet());
        assertEquals(60, result.steps());
        assertFalse(result.cancelled());
        assertEquals(60, heard.get());
        assertEquals(60, result.trainLoss().length);
        assertEquals(3, result.validation().size(), "steps 20, 40, 60");
        assertEquals(60, result.validation().get(2).step());
        // The reported loss is the paired sample's loss of the model as it now is.
        assertEquals(sample.loss(mqa), result.validationLoss(), 1e-9);
        assertEquals(result.validationLoss(), result.validation().get(2).loss(), 1e-12);
        assertTrue(result.validationLoss() < pooled - 0.03, "fine-tuning lowers the loss: " + pooled + " -> "
                + result.validationLoss());
    }

    @Test
    void cancellingKeepsTheStepsDoneAndSaysSo() {
        MiniTransformer gqa = KvHeadConversion.meanPool(trained, 2);
        AtomicInteger steps = new AtomicInteger();
        Progress stopAfterFive = new Progress() {
            @Override
            public void update(double fraction, String message) {
                steps.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return steps.get() >= 5;
            }
        };
        Uptraining.Result result = Uptraining.run(gqa, data, sample, quick(60), stopAfterFive, r -> { });
        assertTrue(result.cancelled());
        assertEquals(5, result.steps());
        assertEquals(60, result.plannedSteps());
        assertEquals(5, result.trainLoss().length);
        assertEquals(5, result.validation().get(result.validation().size() - 1).step());
        assertEquals(sample.loss(gqa), result.validationLoss(), 1e-9);
    }

    @Test
    void defaultSettingsFollowTheCheckpointsRecipeAtALowerRate() {
        TrainingConfig settings = Uptraining.settings(200, 7);
        assertEquals(200, settings.steps());
        assertEquals(Uptraining.BATCH_SIZE, settings.batchSize());
        assertEquals(Uptraining.PEAK_LR, settings.peakLr());
        assertEquals(20, settings.warmupSteps());
        assertEquals(50, settings.evalEvery());
        assertArrayEquals(new double[]{Uptraining.PEAK_LR, Uptraining.MIN_LR},
                new double[]{settings.schedule().at(20), settings.schedule().at(199)}, 2e-6);
        assertThrows(IllegalArgumentException.class, () -> Uptraining.settings(0, 7));
        assertThrows(IllegalArgumentException.class, () -> Uptraining.settings(Uptraining.MAX_STEPS + 1, 7));
    }
}
