package workbench.core.attention;

import org.junit.jupiter.api.Test;
import workbench.core.trace.AttentionTrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NaiveAttentionTest {

    /**
     * Three tokens, d = 2 (scale 1/sqrt 2), causal. Hand computation:
     * q0 = (1,0), q1 = (0,1), q2 = (1,1); k0 = (1,0), k1 = (0,2), k2 = (1,1); v = rows (1,0), (0,1), (1,1).
     * Row 0 sees only k0: weights (1, 0, 0), output (1, 0).
     * Row 1 dots: q1·k0 = 0, q1·k1 = 2 -> scores 0, 2/sqrt2 = 1.41421; masked k2.
     *   softmax: e^0 = 1, e^1.41421 = 4.11325 -> weights 1/5.11325 = 0.195570, 0.804430; output (0.195570, 0.804430).
     * Row 2 dots: 1, 2, 2 -> scores 0.707107, 1.414214, 1.414214; max 1.414214;
     *   exp(shifted): 0.493069, 1, 1; sum 2.493069 -> weights 0.197776, 0.401112, 0.401112;
     *   output = 0.197776*(1,0) + 0.401112*(0,1) + 0.401112*(1,1) = (0.598888, 0.802224).
     */
    @Test
    void handComputedThreeTokens() {
        float[][] q = {{1, 0}, {0, 1}, {1, 1}};
        float[][] k = {{1, 0}, {0, 2}, {1, 1}};
        float[][] v = {{1, 0}, {0, 1}, {1, 1}};
        AttentionTrace trace = NaiveAttention.trace(q, k, v, NaiveAttention.causalMask(3));
        assertEquals(1 / Math.sqrt(2), trace.scale(), 1e-12);
        assertArrayEquals(new float[]{1, 0, 0}, trace.weights()[0], 1e-6f);
        assertArrayEquals(new float[]{0.195570f, 0.804430f, 0}, trace.weights()[1], 1e-5f);
        assertArrayEquals(new float[]{0.197776f, 0.401112f, 0.401112f}, trace.weights()[2], 1e-5f);
        assertArrayEquals(new float[]{1, 0}, trace.output()[0], 1e-6f);
        assertArrayEquals(new float[]{0.195570f, 0.804430f}, trace.output()[1], 1e-5f);
        assertArrayEquals(new float[]{0.598888f, 0.802224f}, trace.output()[2], 1e-5f);
        assertArrayEquals(new float[]{1, 2, 2}, trace.dots()[2], 1e-6f);
        assertEquals(1.414214f, trace.rowMax()[2], 1e-5f);
        assertEquals(2.493069f, trace.rowSum()[2], 1e-5f);
        assertEquals(0f, trace.shiftedExp()[1][2], 0f, "masked entries are 0 after exp");
    }

    @Test
    void rowsSumToOneAndMaskedAreZero() {
        float[][] q = {{3, -1}, {0.5f, 2}, {-2, 1}, {1, 1}};
        AttentionTrace trace = NaiveAttention.trace(q, q, q, NaiveAttention.causalMask(4));
        for (int i = 0; i < 4; i++) {
            double sum = 0;
            for (int j = 0; j < 4; j++) {
                sum += trace.weights()[i][j];
                if (j > i) {
                    assertEquals(0f, trace.weights()[i][j]);
                }
            }
            assertEquals(1.0, sum, 1e-6);
        }
    }

    @Test
    void largeScoresDoNotOverflow() {
        float[][] q = {{1000, 0}, {0, 1000}};
        float[][] k = {{1000, 0}, {0, 1000}};
        AttentionTrace trace = NaiveAttention.trace(q, k, k, NaiveAttention.fullMask(2, 2));
        assertEquals(1f, trace.weights()[0][0], 1e-6f);
        assertEquals(0f, trace.weights()[0][1], 1e-6f);
    }
}
