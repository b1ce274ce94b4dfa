package workbench.core.recurrent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingLogTest {

    @Test
    void smoothingIsABiasCorrectedMovingAverage() {
        TrainingLog log = new TrainingLog(3);
        assertTrue(Double.isNaN(log.lastSmoothed()));
        log.append(2.0);
        log.append(1.0);
        log.append(1.0);
        assertArrayEquals(new float[]{2f, 1f, 1f}, log.rawSince(0));
        // ema = 0.1*2 = 0.2 ; 0.9*0.2 + 0.1 = 0.28 ; 0.9*0.28 + 0.1 = 0.352
        // corrected by 1 - 0.9^n: 0.2/0.1 = 2 ; 0.28/0.19 ; 0.352/0.271
        assertEquals(2.0, log.smoothedSince(0)[0], 1e-6);
        assertEquals(0.28 / 0.19, log.smoothedSince(0)[1], 1e-6);
        assertEquals(0.352 / 0.271, log.lastSmoothed(), 1e-6);
        assertArrayEquals(new float[]{1f}, log.rawSince(2));
        assertEquals(0, log.rawSince(5).length);
        assertThrows(IllegalStateException.class, () -> log.append(1));
    }
}
