package workbench.core.sampling;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepetitionPenaltyTest {

    private static final double NINF = Double.NEGATIVE_INFINITY;

    @Test
    void dividesPositiveAndMultipliesNegativeLogitsOfSeenTokens() {
        double[] logits = {2.0, -1.0, 0.5, 0.0, NINF, 3.0};
        double[] out = RepetitionPenalty.apply(logits, new int[]{0, 1, 1, 3, 4}, 2.0);
        // Seen: 0 (2 / 2 = 1), 1 (-1 x 2 = -2, once though it occurs twice), 3 (0 stays 0), 4 (-inf stays).
        assertArrayEquals(new double[]{1.0, -2.0, 0.5, 0.0, NINF, 3.0}, out, 0);
        assertArrayEquals(new double[]{2.0, -1.0, 0.5, 0.0, NINF, 3.0}, logits, 0, "input unchanged");
    }

    @Test
    void bothDirectionsMakeTheTokenLessLikely() {
        double[] logits = {1.5, -0.5, 0.2};
        for (int seen = 0; seen < 2; seen++) {
            double before = Distributions.softmax(logits)[seen];
            double after = Distributions.softmax(RepetitionPenalty.apply(logits, new int[]{seen}, 1.3))[seen];
            assertTrue(after < before, "token " + seen + ": " + before + " -> " + after);
        }
    }

    @Test
    void penaltyOneChangesNothing() {
        double[] logits = {2.0, -1.0, 0.5};
        assertArrayEquals(logits, RepetitionPenalty.apply(logits, new int[]{0, 1, 2}, 1.0), 0);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RepetitionPenalty.apply(new double[]{1}, new int[]{1}, 2));
        assertThrows(IllegalArgumentException.class, () -> RepetitionPenalty.apply(new double[]{1}, new int[]{0}, 0));
        assertThrows(IllegalArgumentException.class, () -> RepetitionPenalty.apply(new double[]{1}, new int[]{0}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RepetitionPenalty.apply(new double[0], new int[0], 2));
    }
}
