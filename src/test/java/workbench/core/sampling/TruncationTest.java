package workbench.core.sampling;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TruncationTest {

    @Test
    void topKKeepsTheKMostLikelyAndRenormalises() {
        Truncation.Cut cut = Truncation.topK(new double[]{0.1, 0.4, 0.2, 0.3}, 2);
        assertArrayEquals(new double[]{0, 4 / 7.0, 0, 3 / 7.0}, cut.probabilities(), 1e-15);
        assertEquals(2, cut.kept());
        assertArrayEquals(new int[]{1, 3}, cut.keptTokens());
        assertEquals(0.7, cut.keptMass(), 1e-15);
        assertTrue(cut.isKept(3));
        assertFalse(cut.isKept(2));
    }

    @Test
    void topKOneIsGreedy() {
        double[] p = {0.1, 0.4, 0.2, 0.3};
        assertArrayEquals(new double[]{0, 1, 0, 0}, Truncation.topK(p, 1).probabilities(), 0);
        assertEquals(Distributions.argmax(p), Truncation.topK(p, 1).keptTokens()[0]);
    }

    @Test
    void topKZeroOrLargerThanTheVocabularyCutsNothing() {
        double[] p = {0.1, 0.4, 0.2, 0.3};
        for (int k : new int[]{0, 4, 5, 1_000_000}) {
            Truncation.Cut cut = Truncation.topK(p, k);
            assertArrayEquals(p, cut.probabilities(), 1e-15, "k = " + k);
            assertEquals(4, cut.kept());
        }
    }

    @Test
    void topKBreaksTiesAtTheCutByLowerId() {
        double[] p = {0.3, 0.2, 0.3, 0.2};
        assertArrayEquals(new double[]{1, 0, 0, 0}, Truncation.topK(p, 1).probabilities(), 0);
        // Tokens 1 and 3 tie at 0.2 for the third place: token 1 stays, token 3 goes.
        assertArrayEquals(new double[]{0.375, 0.25, 0.375, 0}, Truncation.topK(p, 3).probabilities(), 1e-15);
    }

    @Test
    void topPKeepsTheSmallestSetThatReachesP() {
        double[] p = {0.2, 0.5, 0.3};
        Truncation.Cut cut = Truncation.topP(p, 0.8);   // 0.5 + 0.3 reaches 0.8 exactly
        assertArrayEquals(new int[]{1, 2}, cut.keptTokens());
        assertArrayEquals(new double[]{0, 0.625, 0.375}, cut.probabilities(), 1e-15);
        assertArrayEquals(new int[]{1, 2, 0}, Truncation.topP(p, 0.81).keptTokens());
        assertArrayEquals(new int[]{1}, Truncation.topP(p, 0.5).keptTokens());
        assertArrayEquals(new int[]{1}, Truncation.topP(p, 0.49).keptTokens());
        assertArrayEquals(new int[]{1, 2}, Truncation.topP(p, 0.51).keptTokens());
    }

    @Test
    void topPBreaksTiesAtTheBoundaryByLowerId() {
        double[] p = {0.2, 0.4, 0.2, 0.2};
        // After token 1 (0.4) any one of the tied tokens 0, 2, 3 reaches 0.5; the set stays at two
        // tokens and takes the lowest id, token 0.
        Truncation.Cut cut = Truncation.topP(p, 0.5);
        assertArrayEquals(new int[]{1, 0}, cut.keptTokens());
        assertArrayEquals(new double[]{1 / 3.0, 2 / 3.0, 0, 0}, cut.probabilities(), 1e-15);
        assertArrayEquals(new int[]{1, 0, 2}, Truncation.topP(p, 0.75).keptTokens());
    }

    @Test
    void topPCountsASumThatFallsShortByRoundingAsReached() {
        double[] tenths = new double[10];
        java.util.Arrays.fill(tenths, 0.1);
        // 0.1 added eight times is 0.7999999999999999 in doubles; it still reaches 0.8.
        assertEquals(8, Truncation.topP(tenths, 0.8).kept());
        assertEquals(3, Truncation.topP(tenths, 0.3).kept());
    }

    @Test
    void topPZeroKeepsOnlyTheMostLikelyAndTopPOneCutsNothing() {
        double[] p = {0.2, 0.5, 0.3, 0.0};
        assertArrayEquals(new double[]{0, 1, 0, 0}, Truncation.topP(p, 0).probabilities(), 0);
        Truncation.Cut all = Truncation.topP(p, 1);
        assertEquals(4, all.kept());
        assertArrayEquals(p, all.probabilities(), 1e-15);
    }

    @Test
    void badProbabilitiesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Truncation.topK(new double[0], 1));
        assertThrows(IllegalArgumentException.class, () -> Truncation.topP(new double[]{0.5, Double.NaN}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Truncation.topP(new double[]{0, 0}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Truncation.topP(new double[]{1}, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Truncation.topK(new double[]{1}, -1));
    }
}
