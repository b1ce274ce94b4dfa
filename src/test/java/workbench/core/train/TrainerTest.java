package workbench.core.train;

import org.junit.jupiter.api.Test;
import workbench.concurrent.Progress;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.tensor.Arrays2D;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    /** "the cat sat on the mat. " over a 12-symbol alphabet, repeated. */
    private static final int[] SENTENCE = {0, 1, 2, 3, 4, 5, 0, 3, 6, 5, 7, 8, 3, 0, 1, 2, 3, 9, 5, 0, 10, 3};

    private static int[] repeated(int times) {
        int[] out = new int[SENTENCE.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(SENTENCE, 0, out, i * SENTENCE.length, SENTENCE.length);
        }
        return out;
    }

    private static TransformerConfig tiny() {
        return new TransformerConfig(12, 16, 32, 2, 2, 2, 64, PositionalKind.LEARNED, MaskKind.CAUSAL, true, 7);
    }

    @Test
    void aTinyModelMemorisesAShortSequence() {
        MiniTransformer model = new MiniTransformer(tiny());
        TokenWindows data = new TokenWindows(repeated(20), repeated(4), 16);
        TrainingConfig config = new TrainingConfig(200, 8, 1e-2, 1e-3, 20, 0.0, 1.0, 50, 2, 1);
        List<TrainingProgress> reports = new ArrayList<>();
        Trainer.Result result = new Trainer(model, config, data).run(Progress.NONE, reports::add);
        assertEquals(200, result.steps());
        assertEquals(200, reports.size());
        assertTrue(result.finalValidationLoss() < 0.1, "validation loss (nats per token) " + result.finalValidationLoss());
        assertTrue(reports.get(0).trainLoss() > 2.0, "starts near ln 12 = 2.48");
        // Greedy continuation reproduces the sentence.
        int[] context = java.util.Arrays.copyOfRange(SENTENCE, 0, 8);
        int[] generated = new int[SENTENCE.length - 8];
        int[] window = context;
        for (int i = 0; i < generated.length; i++) {
            float[] logits = model.nextLogits(window);
            int best = 0;
            for (int v = 1; v < logits.length; v++) {
                if (logits[v] > logits[best]) {
                    best = v;
                }
            }
            generated[i] = best;
            int[] next = java.util.Arrays.copyOf(window, window.length + 1);
            next[window.length] = best;
            window = next;
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(SENTENCE, 8, SENTENCE.length), generated);
    }

    @Test
    void trainingIsDeterministicForASeed() {
        TokenWindows data = new TokenWindows(repeated(10), repeated(3), 16);
        TrainingConfig config = new TrainingConfig(15, 4, 3e-3, 3e-4, 3, 0.1, 1.0, 5, 2, 42);
        MiniTransformer a = new MiniTransformer(tiny());
        MiniTransformer b = new MiniTransformer(tiny());
        new Trainer(a, config, data).run(Progress.NONE, p -> { });
        new Trainer(b, config, data).run(Progress.NONE, p -> { });
        float[][] la = a.logits(SENTENCE.length > 16 ? java.util.Arrays.copyOf(SENTENCE, 16) : SENTENCE);
        float[][] lb = b.logits(java.util.Arrays.copyOf(SENTENCE, 16));
        assertEquals(0.0, Arrays2D.maxAbsDiff(la, lb));
    }

    @Test
    void cancellingStopsAtTheNextStep() {
        MiniTransformer model = new MiniTransformer(tiny());
        TokenWindows data = new TokenWindows(repeated(10), repeated(3), 16);
        TrainingConfig config = new TrainingConfig(1000, 4, 3e-3, 3e-4, 3, 0.1, 1.0, 500, 1, 42);
        boolean[] cancel = {false};
        Progress progress = new Progress() {
            @Override
            public void update(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return cancel[0];
            }
        };
        Trainer.Result result = new Trainer(model, config, data).run(progress, p -> cancel[0] = p.step() >= 5);
        assertTrue(result.cancelled());
        assertEquals(5, result.steps());
        assertTrue(Double.isFinite(result.finalValidationLoss()));
    }

    @Test
    void scheduleWarmsUpThenDecays() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 1e-4, 10, 110);
        assertEquals(1e-4, s.at(0), 1e-12);
        assertEquals(1e-3, s.at(9), 1e-12);
        assertEquals(5.5e-4, s.at(60), 1e-12, "half way through the decay: the mean of peak and minimum");
        assertEquals(1e-4, s.at(110), 1e-12);
    }

    @Test
    void perplexityAndBits() {
        assertEquals(Math.E, TrainingProgress.perplexity(1), 1e-12);
        assertEquals(1.0, TrainingProgress.bitsPerToken(Math.log(2)), 1e-12);
    }
}
