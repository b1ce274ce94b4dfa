package workbench.core.recurrent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only the shape and parameter counts are asserted: speed is measured with JMH, not unit tests. */
class ForwardTimingTest {

    @Test
    void measuresEveryLayerAtEveryLength() {
        int d = 8;
        ForwardTiming.Result result = ForwardTiming.measure(d, new int[]{4, 8}, 1, 1, TrainingMonitor.NONE);
        assertEquals(4, result.series().size());
        assertEquals(2 * d * d + d, result.series().get(0).parameterCount(), "RNN: Wx, Wh, b");
        assertEquals(8 * d * d + 4 * d, result.series().get(1).parameterCount(), "LSTM: four blocks");
        assertEquals(6 * d * d + 4 * d, result.series().get(2).parameterCount(), "GRU: three blocks and bh_n");
        assertEquals(4 * d * d, result.series().get(3).parameterCount(), "attention: Wq, Wk, Wv, Wo");
        assertTrue(result.series().get(0).sequential());
        assertFalse(result.series().get(3).sequential());
        for (ForwardTiming.Series s : result.series()) {
            assertEquals(2, s.millis().length);
            for (double ms : s.millis()) {
                assertTrue(ms > 0 && Double.isFinite(ms), s.label() + " " + ms);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> ForwardTiming.measure(d, new int[]{0}, 1, 1, TrainingMonitor.NONE));
    }
}
