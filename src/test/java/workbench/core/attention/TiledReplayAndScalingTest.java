package workbench.core.attention;

import org.junit.jupiter.api.Test;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.Rng;
import workbench.core.trace.TiledTrace;

import java.util.OptionalLong;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TiledReplayAndScalingTest {

    @Test
    void replayStartsEmptyAndEndsAtTheOutput() {
        Rng rng = new Rng(12);
        float[][] q = rng.gaussian(6, 3, 1);
        float[][] k = rng.gaussian(6, 3, 1);
        float[][] v = rng.gaussian(6, 3, 1);
        TiledTrace t = TiledAttention.trace(q, k, v, true, new BlockSizes(2, 4));
        TiledReplay.State start = TiledReplay.after(t, 6, 0);
        assertEquals(Float.NEGATIVE_INFINITY, start.runningMax()[3]);
        assertFalse(start.visited()[0][0]);
        TiledReplay.State end = TiledReplay.after(t, 6, t.steps().size());
        assertEquals(0.0, Arrays2D.maxAbsDiff(t.output(), end.output()));
        // Causal, Br = 2, Bc = 4: rows 0-1 never load keys 4-5, so those cells stay unvisited.
        assertFalse(end.visited()[0][5]);
        assertTrue(end.visited()[5][5]);
        TiledReplay.State one = TiledReplay.after(t, 6, 1); // step 0 covers rows 0-1, keys 0-3
        assertTrue(one.visited()[1][3]);
        assertFalse(one.visited()[2][0]);
        assertArrayEquals(t.steps().get(0).outputAfter()[1], one.output()[1]);
        assertThrows(IllegalArgumentException.class, () -> TiledReplay.after(t, 6, t.steps().size() + 1));
    }

    @Test
    void scalingMeasuresBothPathsAndTheyAgree() {
        AttentionScaling.Point p = AttentionScaling.measure(200, 16, 1, () -> false);
        assertTrue(p.naive().ran() && p.tiled().ran(), p.naive().problem() + p.tiled().problem());
        assertEquals(200L * 200 * 4, p.naive().allocatedBytes());
        // Blocks clip to N = 200: scores 200·200, [V_j | 1] 200·17, [O | l] 200·17, three row maxima 3·200,
        // log-sum-exp 200.
        assertEquals(4L * (200 * 200 + 200 * 17 + 200 * 17 + 3 * 200 + 200), p.tiled().allocatedBytes());
        assertTrue(p.naive().millis() > 0 && p.tiled().millis() > 0);
        assertTrue(p.maxAbsDiff() < 1e-5, "max diff " + p.maxAbsDiff());
    }

    @Test
    void naiveIsNotAttemptedWhenTheMatrixWouldNotFit() {
        // N = 300 needs 300·300·4 = 360,000 bytes for the score matrix; pretend only 100 KB are free.
        AttentionScaling.Point p = AttentionScaling.measure(300, 8, 1, () -> false, () -> OptionalLong.of(100_000));
        assertFalse(p.naive().ran());
        assertTrue(p.naive().problem().startsWith("not run: the N×N matrix needs"), p.naive().problem());
        assertTrue(p.tiled().ran());
        assertTrue(Double.isNaN(p.maxAbsDiff()));
    }

    @Test
    void scalingStopsWhenCancelled() {
        assertThrows(CancellationException.class, () -> AttentionScaling.measure(64, 8, 1, () -> true));
    }
}
