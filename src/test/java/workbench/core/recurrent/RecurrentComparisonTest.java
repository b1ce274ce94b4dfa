package workbench.core.recurrent;

import org.junit.jupiter.api.Test;
import workbench.core.train.SequenceScore;
import workbench.core.train.SyntheticTask;
import workbench.core.train.SyntheticTaskSpec;

import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecurrentComparisonTest {

    /**
     * Remembering the first token across up to 40 random letters: with the same small budget
     * (150 steps of 16 sequences, H = 16, seed 42) the LSTM learns it and the simple RNN stays at
     * chance (1/4), because the RNN's gradient from the answer back to the first token vanishes.
     */
    @Test
    void lstmBeatsTheSimpleRnnOnALongDelay() {
        SyntheticTaskSpec task = new SyntheticTaskSpec(SyntheticTask.FIRST_TOKEN, 40, 4);
        ComparisonSettings settings = new ComparisonSettings(task, 16, 16, 150, 16, 0.02, 42);
        RecurrentComparison comparison = new RecurrentComparison(settings, List.of(Architecture.RNN, Architecture.LSTM));
        ComparisonResult result = comparison.train(TrainingMonitor.NONE);
        SequenceScore rnn = result.outcome(CellKind.RNN).orElseThrow().test();
        SequenceScore lstm = result.outcome(CellKind.LSTM).orElseThrow().test();
        assertTrue(lstm.accuracy() > 0.8, "LSTM accuracy " + lstm.accuracy());
        assertTrue(rnn.accuracy() < 0.5, "RNN accuracy " + rnn.accuracy());
        assertTrue(lstm.meanLoss() < rnn.meanLoss() - 0.5, "LSTM " + lstm.meanLoss() + " vs RNN " + rnn.meanLoss());
        assertTrue(longRange(lstm) > 0.8 && longRange(rnn) < 0.5, "at distances 30..40");
        assertEquals(150, comparison.log(CellKind.LSTM).size());
        assertEquals(150, comparison.log(CellKind.RNN).size());
        assertEquals(task.maxDistance() + 1, result.probe().length());
    }

    @Test
    void cancellingStopsBetweenSteps() {
        SyntheticTaskSpec task = new SyntheticTaskSpec(SyntheticTask.COPY, 4, 4);
        ComparisonSettings settings = new ComparisonSettings(task, 4, 4, 50, 4, 0.01, 1);
        RecurrentComparison comparison = RecurrentComparison.all(settings);
        TrainingMonitor stopAfterThree = new TrainingMonitor() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return comparison.log(CellKind.GRU).size() >= 3;
            }
        };
        assertThrows(CancellationException.class, () -> comparison.train(stopAfterThree));
        for (Architecture model : Architecture.values()) {
            assertEquals(3, comparison.log(model).size(), model.label());
        }
        assertEquals(3, comparison.stepsDone());
    }

    @Test
    void sameSeedSameCurves() {
        SyntheticTaskSpec task = new SyntheticTaskSpec(SyntheticTask.REVERSE, 6, 3);
        ComparisonSettings settings = new ComparisonSettings(task, 4, 6, 5, 4, 0.01, 7);
        RecurrentComparison a = new RecurrentComparison(settings, List.of(Architecture.GRU));
        RecurrentComparison b = new RecurrentComparison(settings, List.of(Architecture.GRU));
        a.train(TrainingMonitor.NONE);
        b.train(TrainingMonitor.NONE);
        float[] la = a.log(CellKind.GRU).rawSince(0);
        float[] lb = b.log(CellKind.GRU).rawSince(0);
        for (int i = 0; i < la.length; i++) {
            assertEquals(la[i], lb[i], 1e-5f);
        }
    }

    /**
     * The transformer is trained by the same loop on the same batches: alone, or after a recurrent
     * model in the same run, it sees the same data and so follows the same loss curve; its
     * outcome has no gradient flow, the recurrent one has.
     */
    @Test
    void theTransformerTrainsOnTheSameBatches() {
        SyntheticTaskSpec task = new SyntheticTaskSpec(SyntheticTask.FIRST_TOKEN, 6, 3);
        ComparisonSettings settings = new ComparisonSettings(task, 4, 8, 4, 4, 0.01, 3);
        RecurrentComparison alone = new RecurrentComparison(settings, List.of(Architecture.TRANSFORMER));
        RecurrentComparison pair = new RecurrentComparison(settings, List.of(Architecture.RNN, Architecture.TRANSFORMER));
        ComparisonResult aloneResult = alone.train(TrainingMonitor.NONE);
        ComparisonResult pairResult = pair.train(TrainingMonitor.NONE);
        assertArrayEquals(alone.log(Architecture.TRANSFORMER).rawSince(0), pair.log(Architecture.TRANSFORMER).rawSince(0),
                1e-6f);
        ModelOutcome t = pairResult.outcome(Architecture.TRANSFORMER).orElseThrow();
        assertTrue(t.gradientFlow().isEmpty());
        assertTrue(pairResult.outcome(CellKind.RNN).orElseThrow().gradientFlow().isPresent());
        assertEquals(settings.transformerConfig().parameterCount(), t.parameterCount());
        assertEquals(aloneResult.outcome(Architecture.TRANSFORMER).orElseThrow().test().meanLoss(), t.test().meanLoss(),
                1e-6);
        assertEquals(task.maxDistance() * SyntheticTaskSpec.TEST_PER_DISTANCE, t.test().scored(),
                "one answer per example, every distance 1..6");
        assertEquals(settings.transformerConfig(), pairResult.transformer());
    }

    private static double longRange(SequenceScore score) {
        int count = 0;
        int correct = 0;
        for (int d = 30; d <= 40; d++) {
            count += score.countByDistance()[d];
            correct += score.correctByDistance()[d];
        }
        return (double) correct / count;
    }
}
