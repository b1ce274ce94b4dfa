package workbench.core.recurrent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import workbench.core.tensor.Rng;
import workbench.core.train.SequenceBatch;
import workbench.core.train.SequenceScore;
import workbench.core.train.SyntheticTask;
import workbench.core.train.SyntheticTaskSpec;
import workbench.core.trace.GateKind;
import workbench.core.trace.GateSeries;
import workbench.core.trace.GateTrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecurrentModelTest {

    private static final SyntheticTaskSpec SPEC = new SyntheticTaskSpec(SyntheticTask.BRACKETS, 8, 4);

    private static RecurrentModel model(CellKind kind) {
        return new RecurrentModel(new RecurrentConfig(kind, SPEC.vocabSize(), 6, 8, 3));
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void parameterCountMatchesTheFormula(CellKind kind) {
        RecurrentModel model = model(kind);
        long cell = switch (kind) {
            case RNN -> (6 + 8) * 8 + 8;
            case LSTM -> (6 + 8) * 32 + 32;
            case GRU -> (6 + 8) * 24 + 24 + 8;
        };
        assertEquals(16 * 6 + cell + 8 * 16 + 16, model.parameterCount());
        assertEquals(model.parameterCount(), model.config().parameterCount());
    }

    /** Padding at the end cannot change a left-to-right model's loss or predictions. */
    @ParameterizedTest
    @EnumSource(CellKind.class)
    void paddingDoesNotChangeTheLoss(CellKind kind) {
        RecurrentModel model = model(kind);
        SequenceBatch batch = SPEC.batch(5, new Rng(1));
        double loss = model.loss(batch);
        double padded = model.loss(batch.padTo(batch.length() + 7, SyntheticTask.BLANK));
        assertEquals(loss, padded, 1e-6);
        SequenceScore score = model.score(batch);
        assertEquals(loss, score.meanLoss(), 1e-6);
        assertEquals(batch.scoredCount(), score.scored());
        assertEquals(loss, model.lossAndGradients(batch), 1e-6);
    }

    /** An untrained model's loss is near ln V: its logits start small. */
    @Test
    void untrainedLossIsNearUniform() {
        double loss = model(CellKind.LSTM).loss(SPEC.batch(16, new Rng(2)));
        assertEquals(Math.log(16), loss, 0.6);
    }

    @Test
    void lstmTraceObeysItsEquations() {
        GateTrace trace = model(CellKind.LSTM).trace(SyntheticTask.tokenizer().encode("(a[b>>c"));
        float[][] i = gate(trace, GateKind.INPUT);
        float[][] f = gate(trace, GateKind.FORGET);
        float[][] o = gate(trace, GateKind.OUTPUT);
        float[][] g = gate(trace, GateKind.CANDIDATE);
        float[][] c = gate(trace, GateKind.CELL);
        for (int u = 0; u < trace.units(); u++) {
            for (int t = 0; t < trace.steps(); t++) {
                double previous = t == 0 ? 0 : c[u][t - 1];
                assertEquals(f[u][t] * previous + i[u][t] * g[u][t], c[u][t], 1e-5, "c_t");
                assertEquals(o[u][t] * Math.tanh(c[u][t]), trace.hidden()[u][t], 1e-5, "h_t");
                assertTrue(f[u][t] > 0 && f[u][t] < 1);
            }
        }
    }

    @Test
    void gruTraceObeysItsEquations() {
        GateTrace trace = model(CellKind.GRU).trace(SyntheticTask.tokenizer().encode("abc...:::"));
        float[][] z = gate(trace, GateKind.UPDATE);
        float[][] n = gate(trace, GateKind.CANDIDATE);
        float[][] h = trace.hidden();
        for (int u = 0; u < trace.units(); u++) {
            for (int t = 0; t < trace.steps(); t++) {
                double previous = t == 0 ? 0 : h[u][t - 1];
                assertEquals((1 - z[u][t]) * n[u][t] + z[u][t] * previous, h[u][t], 1e-5);
            }
        }
        assertEquals(3, trace.gates().size());
    }

    @Test
    void traceCarriesProbabilitiesAndPredictions() {
        int[] tokens = SyntheticTask.tokenizer().encode("abca?");
        RecurrentModel model = model(CellKind.RNN);
        GateTrace trace = model.trace(tokens);
        assertEquals(0, trace.gates().size());
        assertEquals(8, trace.units());
        float[][] logits = model.logits(tokens);
        for (int t = 0; t < tokens.length; t++) {
            double sum = 0;
            int best = 0;
            for (int v = 0; v < 16; v++) {
                sum += trace.probabilities()[t][v];
                best = logits[t][v] > logits[t][best] ? v : best;
            }
            assertEquals(1.0, sum, 1e-5);
            assertEquals(best, trace.predicted()[t]);
        }
        assertArrayEquals(tokens, trace.tokens());
    }

    @Test
    void badInputIsExplained() {
        RecurrentModel model = model(CellKind.GRU);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> model.trace(new int[0]));
        assertTrue(empty.getMessage().contains("empty"));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> model.trace(new int[]{1, 99}));
        assertTrue(outside.getMessage().contains("outside the vocabulary"));
        assertThrows(IllegalArgumentException.class, () -> model.gradientFlow(new int[]{1, 2}, 2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RecurrentConfig(CellKind.LSTM, 16, 8, 100_000, 1));
    }

    private static float[][] gate(GateTrace trace, GateKind kind) {
        return trace.gate(kind).map(GateSeries::values).orElseThrow();
    }
}
