package workbench.core.attention;

import org.junit.jupiter.api.Test;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.Rng;
import workbench.core.trace.AttentionTrace;
import workbench.core.trace.TileStep;
import workbench.core.trace.TiledTrace;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TiledAttentionTest {

    private static boolean[][] mask(int tq, int tk, boolean causal) {
        boolean[][] allowed = new boolean[tq][tk];
        for (int i = 0; i < tq; i++) {
            for (int j = 0; j < tk; j++) {
                allowed[i][j] = !causal || j <= i;
            }
        }
        return allowed;
    }

    @Test
    void equalsNaiveOverASweepOfSizesBlocksAndMasks() {
        Rng rng = new Rng(6);
        int cases = 0;
        for (int n : new int[]{1, 2, 5, 16, 33}) {
            for (int d : new int[]{1, 3, 8}) {
                float[][] q = rng.gaussian(n, d, 1.0);
                float[][] k = rng.gaussian(n, d, 1.0);
                float[][] v = rng.gaussian(n, d, 1.0);
                for (boolean causal : new boolean[]{false, true}) {
                    float[][] expected = NaiveAttention.attend(q, k, v, mask(n, n, causal));
                    for (int br : new int[]{1, 2, 4, 7, 64}) {
                        for (int bc : new int[]{1, 3, 8, 50}) {
                            TiledTrace t = TiledAttention.trace(q, k, v, causal, new BlockSizes(br, bc));
                            double diff = Arrays2D.maxAbsDiff(expected, t.output());
                            assertTrue(diff < 2e-6, "N=" + n + " d=" + d + " Br=" + br + " Bc=" + bc
                                    + " causal=" + causal + ": max |tiled - naive| = " + diff);
                            TiledTrace fast = TiledAttention.run(q, k, v, causal, new BlockSizes(br, bc));
                            assertEquals(0.0, Arrays2D.maxAbsDiff(t.output(), fast.output()));
                            assertTrue(fast.steps().isEmpty());
                            assertEquals(t.counts(), fast.counts());
                            cases++;
                        }
                    }
                }
            }
        }
        assertEquals(5 * 3 * 2 * 5 * 4, cases);
    }

    @Test
    void rectangularAttentionAndWideValues() {
        Rng rng = new Rng(11);
        float[][] q = rng.gaussian(7, 4, 1.0);
        float[][] k = rng.gaussian(11, 4, 1.0);
        float[][] v = rng.gaussian(11, 5, 1.0);
        for (boolean causal : new boolean[]{false, true}) {
            float[][] expected = NaiveAttention.attend(q, k, v, mask(7, 11, causal));
            TiledTrace t = TiledAttention.trace(q, k, v, causal, new BlockSizes(3, 4));
            assertTrue(Arrays2D.maxAbsDiff(expected, t.output()) < 2e-6);
        }
    }

    @Test
    void largeScoresStayFiniteAndExact() {
        // Scores near ±100: exp would overflow without the running max; the rescaling must keep it exact.
        Rng rng = new Rng(3);
        float[][] q = rng.gaussian(20, 4, 10.0);
        float[][] k = rng.gaussian(20, 4, 10.0);
        float[][] v = rng.gaussian(20, 4, 1.0);
        float[][] expected = NaiveAttention.attend(q, k, v, mask(20, 20, false));
        TiledTrace t = TiledAttention.trace(q, k, v, false, new BlockSizes(3, 2));
        assertTrue(Arrays2D.maxAbsDiff(expected, t.output()) < 1e-5);
        for (float[] row : t.output()) {
            for (float x : row) {
                assertTrue(Float.isFinite(x));
            }
        }
    }

    @Test
    void finalRunningMaxAndSumEqualTheNaiveRowStatistics() {
        Rng rng = new Rng(8);
        int n = 10;
        float[][] q = rng.gaussian(n, 3, 1.0);
        float[][] k = rng.gaussian(n, 3, 1.0);
        float[][] v = rng.gaussian(n, 3, 1.0);
        for (boolean causal : new boolean[]{false, true}) {
            AttentionTrace naive = NaiveAttention.trace(q, k, v, mask(n, n, causal));
            TiledTrace t = TiledAttention.trace(q, k, v, causal, new BlockSizes(3, 4));
            float[] m = new float[n];
            float[] l = new float[n];
            for (TileStep step : t.steps()) { // the last step that touches a row holds its final m and l
                for (int r = 0; r < step.rows(); r++) {
                    m[step.rowStart() + r] = step.maxAfter()[r];
                    l[step.rowStart() + r] = step.sumAfter()[r];
                }
            }
            assertArrayEquals(naive.rowMax(), m, 1e-6f);
            assertArrayEquals(naive.rowSum(), l, 1e-5f);
        }
    }

    @Test
    void stepsFollowAlgorithmOneOrderAndChainTheirState() {
        Rng rng = new Rng(1);
        float[][] q = rng.gaussian(5, 2, 1.0);
        float[][] k = rng.gaussian(5, 2, 1.0);
        float[][] v = rng.gaussian(5, 2, 1.0);
        TiledTrace t = TiledAttention.trace(q, k, v, false, new BlockSizes(2, 3));
        // Tr = ceil(5/2) = 3, Tc = ceil(5/3) = 2: key block outer, query block inner.
        assertEquals(3, t.queryBlocks());
        assertEquals(2, t.keyBlocks());
        List<TileStep> steps = t.steps();
        assertEquals(6, steps.size());
        int[][] order = {{0, 0}, {1, 0}, {2, 0}, {0, 1}, {1, 1}, {2, 1}};
        for (int s = 0; s < 6; s++) {
            assertEquals(order[s][0], steps.get(s).queryBlock());
            assertEquals(order[s][1], steps.get(s).keyBlock());
            assertEquals(s, steps.get(s).index());
        }
        TileStep ragged = steps.get(5); // rows 4..4, columns 3..4
        assertEquals(4, ragged.rowStart());
        assertEquals(1, ragged.rows());
        assertEquals(3, ragged.colStart());
        assertEquals(2, ragged.columns());
        // Before the first block m = -inf, l = 0, O = 0; afterwards each step starts where the last one for that block ended.
        assertEquals(Float.NEGATIVE_INFINITY, steps.get(0).maxBefore()[0]);
        assertEquals(0f, steps.get(0).sumBefore()[0]);
        assertArrayEquals(steps.get(0).maxAfter(), steps.get(3).maxBefore());
        assertArrayEquals(steps.get(0).sumAfter(), steps.get(3).sumBefore());
        assertArrayEquals(steps.get(0).outputAfter()[1], steps.get(3).outputBefore()[1]);
        // The block's own scores are q·k/sqrt(d).
        double dot = q[4][0] * k[4][0] + q[4][1] * k[4][1];
        assertEquals(dot / Math.sqrt(2), ragged.scores()[0][1], 1e-6);
    }

    @Test
    void causalSkipsBlocksAboveTheDiagonal() {
        Rng rng = new Rng(2);
        float[][] x = rng.gaussian(6, 2, 1.0);
        TiledTrace t = TiledAttention.trace(x, x, x, true, new BlockSizes(2, 2));
        // 3×3 blocks; the 3 above the diagonal are hidden by the mask: 6 steps remain.
        assertEquals(6, t.steps().size());
        for (TileStep s : t.steps()) {
            assertTrue(s.keyBlock() <= s.queryBlock());
        }
        TileStep diagonal = t.steps().get(0);
        assertTrue(diagonal.allowed()[1][0]);
        assertFalse(diagonal.allowed()[0][1]);
    }

    @Test
    void rejectsBadShapes() {
        float[][] q = new float[3][2];
        assertThrows(IllegalArgumentException.class, () -> TiledAttention.run(q, new float[3][3], new float[3][2], false,
                new BlockSizes(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> TiledAttention.run(new float[0][2], new float[0][2],
                new float[0][2], false, new BlockSizes(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new BlockSizes(0, 4));
    }
}
