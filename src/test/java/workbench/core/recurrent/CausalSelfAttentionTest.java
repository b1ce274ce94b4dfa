package workbench.core.recurrent;

import org.junit.jupiter.api.Test;
import workbench.core.attention.NaiveAttention;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.Rng;
import workbench.core.trace.AttentionTrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CausalSelfAttentionTest {

    @Test
    void matchesTheNaiveOracle() {
        CausalSelfAttention layer = new CausalSelfAttention(8, 4);
        float[][] x = new Rng(9).gaussian(11, 8, 1.0);
        CausalSelfAttention.Result result = layer.forward(x);
        AttentionTrace oracle = NaiveAttention.trace(result.q(), result.k(), result.v(), NaiveAttention.causalMask(11));
        assertTrue(Arrays2D.maxAbsDiff(oracle.weights(), result.weights()) < 1e-5);
        assertTrue(Arrays2D.maxAbsDiff(oracle.output(), result.attended()) < 1e-5);
        for (int i = 0; i < 11; i++) {
            for (int j = i + 1; j < 11; j++) {
                assertEquals(0f, result.weights()[i][j], "query " + i + " must not see key " + j);
            }
        }
        assertEquals(1f, result.weights()[0][0], 1e-6f);
        assertEquals(4 * 8 * 8, layer.parameterCount());
    }

    @Test
    void rejectsEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> new CausalSelfAttention(4, 1).forwardOnly(0));
        assertThrows(IllegalArgumentException.class, () -> new CausalSelfAttention(0, 1));
    }
}
