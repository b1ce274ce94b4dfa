package workbench.core.sampling;

import org.junit.jupiter.api.Test;
import workbench.core.tensor.Rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemperatureTest {

    private static final double[] LOG_123 = {Math.log(1), Math.log(2), Math.log(3)};

    @Test
    void temperatureOneIsTheSoftmax() {
        assertArrayEquals(new double[]{1 / 6.0, 2 / 6.0, 3 / 6.0}, Temperature.apply(LOG_123, 1), 1e-15);
    }

    @Test
    void temperatureHalfSquaresTheOdds() {
        // z / 0.5 = 2 ln k = ln k^2: probabilities 1 : 4 : 9
        assertArrayEquals(new double[]{1 / 14.0, 4 / 14.0, 9 / 14.0}, Temperature.apply(LOG_123, 0.5), 1e-15);
    }

    @Test
    void temperatureTwoTakesSquareRoots() {
        double sum = 1 + Math.sqrt(2) + Math.sqrt(3);
        assertArrayEquals(new double[]{1 / sum, Math.sqrt(2) / sum, Math.sqrt(3) / sum},
                Temperature.apply(LOG_123, 2), 1e-15);
    }

    @Test
    void temperatureZeroPutsEverythingOnTheLargestLogit() {
        assertArrayEquals(new double[]{0, 0, 1}, Temperature.apply(LOG_123, 0), 0);
    }

    @Test
    void temperatureZeroSharesEquallyBetweenTiedMaxima() {
        assertArrayEquals(new double[]{0, 0.5, 0, 0.5}, Temperature.apply(new double[]{1, 3, 2, 3}, 0), 0);
    }

    @Test
    void temperatureTowardsZeroApproachesArgmax() {
        Rng rng = new Rng(7);
        for (int trial = 0; trial < 50; trial++) {
            double[] logits = new double[20];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = rng.nextGaussian() * 3;
            }
            int argmax = Distributions.argmax(logits);
            double[] cold = Temperature.apply(logits, 1e-6);
            assertEquals(1.0, cold[argmax], 1e-9);
            assertArrayEquals(Temperature.apply(logits, 0), cold, 1e-9);
        }
    }

    @Test
    void tinyTemperatureAndHugeLogitsNeverOverflow() {
        double[] p = Temperature.apply(new double[]{1000, 999, -1000}, 1e-300);
        assertArrayEquals(new double[]{1, 0, 0}, p, 0);
        double[] q = Temperature.apply(new double[]{1000, 999}, 1);
        assertEquals(1 / (1 + Math.exp(-1)), q[0], 1e-15);
    }

    @Test
    void highTemperatureFlattensTowardsUniform() {
        double[] hot = Temperature.apply(LOG_123, 5);
        assertTrue(hot[2] - hot[0] < Temperature.apply(LOG_123, 1)[2] - Temperature.apply(LOG_123, 1)[0]);
        assertEquals(Math.pow(3, 0.2) / (1 + Math.pow(2, 0.2) + Math.pow(3, 0.2)), hot[2], 1e-15);
    }

    @Test
    void minusInfinityIsAnImpossibleToken() {
        double ninf = Double.NEGATIVE_INFINITY;
        assertArrayEquals(new double[]{0.5, 0, 0.5}, Temperature.apply(new double[]{0, ninf, 0}, 0.7), 1e-15);
        assertArrayEquals(new double[]{1, 0}, Temperature.apply(new double[]{0, ninf}, 0), 0);
    }

    @Test
    void edgeInputsAreRejectedWithAClearMessage() {
        assertEquals("the vocabulary is empty: there is no token to choose from",
                assertThrows(IllegalArgumentException.class, () -> Temperature.apply(new double[0], 1)).getMessage());
        assertEquals("every logit is -infinity: no token is possible",
                assertThrows(IllegalArgumentException.class, () -> Temperature.apply(
                        new double[]{Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, 1)).getMessage());
        assertEquals("the logit of token 1 is NaN: the model's output is broken",
                assertThrows(IllegalArgumentException.class, () -> Temperature.apply(new double[]{0, Double.NaN}, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Temperature.apply(new double[]{0, Double.POSITIVE_INFINITY}, 1));
        assertThrows(IllegalArgumentException.class, () -> Temperature.apply(LOG_123, -0.1));
        assertThrows(IllegalArgumentException.class, () -> Temperature.apply(LOG_123, Double.NaN));
    }
}
