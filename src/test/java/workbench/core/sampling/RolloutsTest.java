package workbench.core.sampling;

import org.junit.jupiter.api.Test;
import workbench.concurrent.Progress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RolloutsTest {

    private static final BigramTableModel MODEL = new BigramTableModel(new double[][]{
            {0, 0.6, 0.4, 0, 0},
            {0.3, 0, 0, 0.4, 0.3},
            {0, 0, 0, 0.9, 0.1},
            {0, 0, 0, 0, 1.0},
            {1.0, 0, 0, 0, 0}});

    @Test
    void rolloutIIsTheGeneratorWithSeedPlusI() {
        SamplingSettings s = SamplingSettings.DEFAULTS.withSeed(500);
        RolloutResult result = Rollouts.run(MODEL, new int[]{0}, s, 30, 4, Progress.NONE);
        assertEquals(30, result.count());
        int[] counts = new int[5];
        for (int i = 0; i < 30; i++) {
            Generator g = new Generator(MODEL, new int[]{0}, s.withSeed(500 + i).withMaxNewTokens(4));
            g.generateAll(Progress.NONE);
            assertArrayEquals(g.generated(), result.sequence(i), "rollout " + i);
            counts[g.generated()[0]]++;
        }
        assertArrayEquals(counts, result.firstTokenCounts());
        assertArrayEquals(new double[]{0, 0.6, 0.4, 0, 0}, result.firstTokenExpected(), 1e-6);
        double pa = counts[1] / 30.0;
        double pb = counts[2] / 30.0;
        assertEquals(-(pa * Math.log(pa) + pb * Math.log(pb)) / Math.log(2), result.firstTokenEntropy(), 1e-12);
        assertEquals(-(0.6 * Math.log(0.6) + 0.4 * Math.log(0.4)) / Math.log(2), result.expectedEntropy(), 1e-6);
    }

    @Test
    void theHistogramApproachesTheDistribution() {
        RolloutResult result = Rollouts.run(MODEL, new int[]{0}, SamplingSettings.DEFAULTS, 1000, 1, Progress.NONE);
        int a = result.firstTokenCounts()[1];
        // Binomial(1000, 0.6): the standard deviation is 15.5; 5 of them is 77.
        assertTrue(Math.abs(a - 600) < 77, "count of a: " + a);
        assertArrayEquals(new int[]{1, 2}, result.firstTokensByCount());
    }

    @Test
    void greedyRolloutsAreAllTheSame() {
        RolloutResult result = Rollouts.run(MODEL, new int[]{0},
                SamplingSettings.DEFAULTS.withMode(SamplingSettings.Mode.GREEDY), 20, 4, Progress.NONE);
        assertEquals(1, result.distinctSequences());
        assertEquals(0, result.firstTokenEntropy(), 0);
        assertEquals(20, result.firstTokenCounts()[1]);
        // a c d S repeated 20 times: 4 distinct unigrams of 80, 3 distinct bigrams (ac, cd, dS) of 60.
        assertEquals(4 / 80.0, result.distinct1(), 1e-15);
        assertEquals(3 / 60.0, result.distinct2(), 1e-15);
        assertEquals(1 / 20.0, result.distinct4(), 1e-15, "one 4-gram (acdS) per rollout, the same each time");
    }

    @Test
    void distinctNCountsWithinSequences() {
        int[][] sequences = {{1, 2, 1}, {1, 2}};
        assertEquals(2 / 5.0, Rollouts.distinctN(sequences, 1), 1e-15);
        assertEquals(2 / 3.0, Rollouts.distinctN(sequences, 2), 1e-15);   // (1,2) (2,1) (1,2)
        assertEquals(1.0, Rollouts.distinctN(sequences, 3), 1e-15);
        assertEquals(0, Rollouts.distinctN(sequences, 4), 0);
        assertThrows(IllegalArgumentException.class, () -> Rollouts.distinctN(sequences, 0));
    }

    @Test
    void aCachedModelAnswersSharedPrefixesOnce() {
        CachedModel cached = new CachedModel(MODEL, 100);
        Rollouts.run(cached, new int[]{0}, SamplingSettings.DEFAULTS, 50, 3, Progress.NONE);
        // The bigram model reads one token, so there are only 5 different contexts.
        assertTrue(cached.misses() <= 5, "misses " + cached.misses());
        assertEquals(150 - cached.misses(), cached.hits());
    }

    @Test
    void badCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Rollouts.run(MODEL, new int[]{0}, SamplingSettings.DEFAULTS, 0, 3, Progress.NONE));
        assertThrows(IllegalArgumentException.class, () -> Rollouts.run(MODEL, new int[]{0}, SamplingSettings.DEFAULTS, 5, 0, Progress.NONE));
    }
}
