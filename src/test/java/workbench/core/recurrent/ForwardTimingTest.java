package workbench.core.recurrent;

import org.junit.jupiter.api.Test;
import workbench.core.train.SyntheticTask;
import workbench.core.train.SyntheticTaskSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only the shape and parameter counts are asserted: speed is measured with JMH, not unit tests. */
class ForwardTimingTest {

    @Test
    void timesEveryModelAtEveryLength() {
        ComparisonSettings settings = new ComparisonSettings(new SyntheticTaskSpec(SyntheticTask.COPY, 4, 4), 4, 8, 1,
                1, 0.01, 1);
        ForwardTiming.Result result = ForwardTiming.measure(settings, new int[]{4, 200}, 1, TrainingMonitor.NONE);
        assertEquals(4, result.series().size());
        // V = 16, E = 4, H = 8: embedding 64, output 8*16 + 16 = 144
        assertEquals(64 + (4 + 8) * 8 + 8 + 144, result.series().get(0).parameterCount(), "RNN: Wx, Wh, b");
        assertEquals(64 + (4 + 8) * 32 + 32 + 144, result.series().get(1).parameterCount(), "LSTM: four blocks");
        assertEquals(64 + (4 + 8) * 24 + 24 + 8 + 144, result.series().get(2).parameterCount(), "GRU: three, bh_n");
        ForwardTiming.Series transformer = result.series().get(3);
        assertEquals(Architecture.TRANSFORMER, transformer.architecture());
        assertEquals(settings.transformerConfig().parameterCount(), transformer.parameterCount());
        assertEquals(200, result.transformer().contextLength(), "the context grows to the longest timed length");
        assertEquals(settings.transformerConfig().dModel(), result.transformer().dModel());
        assertTrue(result.series().get(0).sequential());
        assertFalse(transformer.sequential());
        assertEquals(TransformerSequenceModel.LAYERS, transformer.layers());
        for (ForwardTiming.Series s : result.series()) {
            assertEquals(2, s.millis().length);
            for (double ms : s.millis()) {
                assertTrue(ms > 0 && Double.isFinite(ms), s.label() + " " + ms);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> ForwardTiming.measure(settings, new int[]{0}, 1, TrainingMonitor.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> ForwardTiming.measure(settings, new int[]{ForwardTiming.MAX_LENGTH + 1}, 1, TrainingMonitor.NONE));
    }
}
