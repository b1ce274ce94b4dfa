package workbench.core.recurrent;

import org.junit.jupiter.api.Test;
import workbench.core.model.MaskKind;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.tensor.Rng;
import workbench.core.train.SequenceBatch;
import workbench.core.train.SequenceScore;
import workbench.core.train.SyntheticTask;
import workbench.core.train.SyntheticTaskSpec;
import workbench.core.trace.ForwardTrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformerSequenceModelTest {

    private static final TransformerConfig SMALL = new TransformerConfig(16, 16, 8, 2, 2, 2, 32, PositionalKind.ROPE,
            MaskKind.CAUSAL, true, 5);

    /**
     * The lab's default LSTM (V = 16, E = 16, H = 32) has 7,056 parameters. Per width d the
     * transformer has V d + 2 (12 d^2 + 4 d) + 2 d: 3,768 at d = 12, 6,560 at d = 16, 10,120 at d = 20.
     */
    @Test
    void shapeIsTheWidthWithTheParameterCountClosestToTheLstms() {
        SyntheticTaskSpec task = new SyntheticTaskSpec(SyntheticTask.BRACKETS, 24, 4);
        ComparisonSettings settings = ComparisonSettings.defaults(task);
        assertEquals(7056, settings.config(CellKind.LSTM).parameterCount());
        TransformerConfig shape = settings.transformerConfig();
        assertEquals(16, shape.dModel());
        assertEquals(64, shape.ffnWidth());
        assertEquals(2, shape.layers());
        assertEquals(2, shape.heads());
        assertEquals(PositionalKind.ROPE, shape.positional());
        assertEquals(MaskKind.CAUSAL, shape.mask());
        assertEquals(TransformerSequenceModel.CONTEXT, shape.contextLength());
        assertEquals(6560, new TransformerSequenceModel(shape).parameterCount());
        assertEquals(3768, TransformerSequenceModel.shape(16, 128, 3768, 1).parameterCount());
        assertEquals(10120, TransformerSequenceModel.shape(16, 128, 9000, 1).parameterCount(), "9000 is nearer 10,120");
    }

    /** Loss and accuracy from the batched pass equal those worked out from each sequence's own logits. */
    @Test
    void scoreMatchesEachSequencesOwnLogits() {
        TransformerSequenceModel model = new TransformerSequenceModel(SMALL);
        SequenceBatch batch = new SyntheticTaskSpec(SyntheticTask.COPY, 5, 4).trainingBatch(3, new Rng(2));
        SequenceScore score = model.score(batch);
        double lossSum = 0;
        int correct = 0;
        int scored = 0;
        for (int b = 0; b < batch.size(); b++) {
            float[][] logits = model.model().logits(batch.inputs()[b]);            // (T, V)
            for (int t = 0; t < batch.length(); t++) {
                if (!batch.scored()[b][t]) {
                    continue;
                }
                double sumExp = 0;
                int arg = 0;
                for (int v = 0; v < logits[t].length; v++) {
                    sumExp += Math.exp(logits[t][v]);
                    arg = logits[t][v] > logits[t][arg] ? v : arg;
                }
                lossSum += Math.log(sumExp) - logits[t][batch.targets()[b][t]];
                correct += arg == batch.targets()[b][t] ? 1 : 0;
                scored++;
            }
        }
        assertEquals(batch.scoredCount(), score.scored());
        assertEquals(scored, score.scored());
        assertEquals(lossSum, score.lossSum(), 1e-4);
        assertEquals(correct, score.correct());
        double trained = model.lossAndGradients(batch);
        assertEquals(score.meanLoss(), trained, 1e-5, "the training loss is the same mean over scored positions");
    }

    /** Gradients are replaced, not added to, so that each step starts from the current batch only. */
    @Test
    void lossAndGradientsReplacesTheGradients() {
        TransformerSequenceModel model = new TransformerSequenceModel(SMALL);
        SequenceBatch batch = new SyntheticTaskSpec(SyntheticTask.FIRST_TOKEN, 6, 3).trainingBatch(4, new Rng(1));
        model.lossAndGradients(batch);
        float[] first = model.parameters().flatGrad().toFloatVector();
        model.lossAndGradients(batch);
        float[] second = model.parameters().flatGrad().toFloatVector();
        assertArrayEquals(first, second, 1e-7f);
        assertTrue(model.parameters().flatGrad().norm2Number().doubleValue() > 0);
    }

    @Test
    void predictedIsTheArgmaxOfEachRowOfLogits() {
        TransformerSequenceModel model = new TransformerSequenceModel(SMALL.withSeed(9));
        int[] tokens = {8, 9, 4, 3, 10, 1, 0, 0};
        ForwardTrace trace = model.trace(tokens, String::valueOf);
        float[][] logits = model.model().logits(tokens);
        int[] predicted = TransformerSequenceModel.predicted(trace);
        assertEquals(tokens.length, predicted.length);
        for (int t = 0; t < tokens.length; t++) {
            assertArrayEquals(logits[t], trace.logits()[t], 1e-5f);
            for (float l : logits[t]) {
                assertTrue(l <= logits[t][predicted[t]]);
            }
        }
        assertEquals(0f, trace.layers().get(0).weights()[1][2][5], "query 2 cannot see key 5 (causal)");
        assertNotEquals(0f, trace.layers().get(0).weights()[1][5][2]);
    }

    @Test
    void refusesAModelThatSeesTheFuture() {
        assertThrows(IllegalArgumentException.class,
                () -> new TransformerSequenceModel(SMALL.withMask(MaskKind.BIDIRECTIONAL)));
    }
}
