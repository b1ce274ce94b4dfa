package workbench.core.sampling;

import org.junit.jupiter.api.Test;
import workbench.core.tensor.Rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SamplerTest {

    private static final double[] QUARTERS = {0.25, 0.5, 0.25};

    @Test
    void sampleFollowsTheCumulativeDistributionWithHalfOpenSegments() {
        assertDraw(0, 0.0, 0.25, Sampler.sample(QUARTERS, 0.0));
        assertDraw(0, 0.0, 0.25, Sampler.sample(QUARTERS, 0.2499999));
        assertDraw(1, 0.25, 0.75, Sampler.sample(QUARTERS, 0.25));        // on the boundary: the token after it
        assertDraw(1, 0.25, 0.75, Sampler.sample(QUARTERS, 0.7499999));
        assertDraw(2, 0.75, 1.0, Sampler.sample(QUARTERS, 0.75));
        assertDraw(2, 0.75, 1.0, Sampler.sample(QUARTERS, 0.9999999));
        Draw one = Sampler.sample(QUARTERS, 1.0);                          // a coin of exactly 1: the last token
        assertDraw(2, 0.75, 1.0, one);
        assertEquals(1.0, one.point());
        assertEquals(0.6, Sampler.sample(QUARTERS, 0.6).point());
        assertEquals(0.5, Sampler.sample(QUARTERS, 0.6).probability());
    }

    @Test
    void tokensOfProbabilityZeroAreNeverDrawn() {
        double[] p = {0, 0.5, 0, 0.5, 0};
        assertEquals(1, Sampler.sample(p, 0.0).token());
        assertEquals(3, Sampler.sample(p, 0.5).token());
        assertEquals(3, Sampler.sample(p, 1.0).token());
    }

    @Test
    void unnormalisedWeightsScaleTheCoin() {
        Draw draw = Sampler.sample(new double[]{1, 3}, 0.25);   // point 0.25 x 4 = 1: the boundary
        assertEquals(1, draw.token());
        assertEquals(1.0, draw.point());
        assertEquals(1.0, draw.start());
        assertEquals(4.0, draw.end());
    }

    @Test
    void floatProbabilitiesGiveTheSameDraw() {
        assertEquals(1, Sampler.sample(new float[]{0.25f, 0.5f, 0.25f}, 0.25).token());
        assertEquals(2, Sampler.sample(new float[]{0.25f, 0.5f, 0.25f}, 0.75).token());
    }

    @Test
    void aGivenOrderLaysTheSegmentsOutInThatOrder() {
        Draw draw = Sampler.sample(QUARTERS, new int[]{1, 0, 2}, 0.6);
        assertEquals(0, draw.token());
        assertEquals(1, draw.rank());
        assertEquals(0.5, draw.start());
        assertEquals(0.75, draw.end());
    }

    @Test
    void badInputIsRejectedWithAMessage() {
        assertThrows(IllegalArgumentException.class, () -> Sampler.sample(new double[0], 0.5));
        assertThrows(IllegalArgumentException.class, () -> Sampler.sample((double[]) null, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Sampler.sample(new double[]{0, 0}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Sampler.sample(new double[]{-0.1, 1.1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Sampler.sample(new double[]{Double.NaN, 1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Sampler.sample(QUARTERS, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Sampler.sample(QUARTERS, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Sampler.sample(QUARTERS, -0.1));
    }

    @Test
    void stepRunsPenaltyTemperatureTopKTopPAndTheDrawInOrder() {
        float[] logits = {2, 1, 0, -1};
        SamplingSettings s = SamplingSettings.DEFAULTS.withRepetitionPenalty(2).withTopK(3).withTopP(0.8);
        SamplingStep step = Sampler.step(logits, new int[]{0}, s, 0.5, 0);
        // Penalty: token 0 was seen, 2 / 2 = 1. Logits 1, 1, 0, -1: tokens 0 and 1 tie, 0 ranks first.
        assertArrayEquals(new double[]{1, 1, 0, -1}, step.penalised(), 0);
        assertArrayEquals(new int[]{0, 1, 2, 3}, step.ranking());
        double e = Math.E;
        double z = 2 * e + 1 + 1 / e;
        assertArrayEquals(new double[]{e / z, e / z, 1 / z, 1 / e / z}, step.shaped(), 1e-15);
        // Top-k 3 keeps 0, 1, 2 (mass (2e + 1) / z); renormalised 0.4223, 0.4223, 0.1554: top-p 0.8
        // is reached by the first two (0.8446), so two remain at 1/2 each.
        assertEquals(3, step.topKKept());
        assertEquals(2, step.topPKept());
        assertEquals(2, step.kept());
        assertArrayEquals(new double[]{0.5, 0.5, 0, 0}, step.drawn(), 1e-15);
        assertEquals(2 * e / z, step.keptMass(), 1e-15);
        // The coin 0.5 falls on the boundary between token 0's [0, 0.5) and token 1's [0.5, 1).
        assertEquals(1, step.token());
        assertEquals(0.5, step.probability(), 1e-15);
        assertEquals(0.5, step.draw().start(), 1e-15);
        double[] model = Distributions.softmax(new double[]{2, 1, 0, -1});
        assertArrayEquals(model, step.model(), 1e-15);
        assertEquals(model[1], step.modelProbability(), 1e-15);
        assertArrayEquals(new int[]{0, 1}, step.keptTokens());
    }

    @Test
    void topAndRestSumTheRanksAsShown() {
        SamplingStep step = Sampler.step(new float[]{3, 0, 2, 1, -1}, new int[]{0},
                SamplingSettings.DEFAULTS.withTopK(2), 0.1, 0);
        var top = step.top(2);
        assertEquals(2, top.size());
        assertEquals(0, top.get(0).token());
        assertEquals(2, top.get(1).token());
        TokenShare rest = step.rest(2);
        assertEquals(3, rest.count());
        assertEquals(0, rest.kept());
        assertEquals(0, rest.drawn(), 0);
        double[] m = step.model();
        assertEquals(m[1] + m[3] + m[4], rest.model(), 1e-15);
        assertEquals(1.0, top.get(0).drawn() + top.get(1).drawn(), 1e-15);
        assertEquals(0, step.rest(5).count());
    }

    @Test
    void temperatureTowardsZeroEqualsGreedy() {
        Rng rng = new Rng(3);
        for (int trial = 0; trial < 40; trial++) {
            float[] logits = randomLogits(rng, 30);
            int greedy = Sampler.step(logits, new int[]{0}, SamplingSettings.DEFAULTS.withMode(SamplingSettings.Mode.GREEDY),
                    rng.nextDouble(), 0).token();
            for (double t : new double[]{0, 1e-4}) {
                double coin = rng.nextDouble();
                assertEquals(greedy, Sampler.step(logits, new int[]{0}, SamplingSettings.DEFAULTS.withTemperature(t), coin, 0)
                        .token(), "T = " + t + ", coin " + coin);
            }
        }
    }

    @Test
    void topKOneEqualsGreedyForEveryCoin() {
        Rng rng = new Rng(4);
        for (int trial = 0; trial < 40; trial++) {
            float[] logits = randomLogits(rng, 30);
            int greedy = Distributions.argmax(Distributions.toDouble(logits));
            SamplingStep step = Sampler.step(logits, new int[]{0}, SamplingSettings.DEFAULTS.withTopK(1).withTemperature(3),
                    rng.nextDouble(), 0);
            assertEquals(greedy, step.token());
            assertEquals(1.0, step.probability());
            assertEquals(1, step.kept());
        }
    }

    @Test
    void greedyIgnoresTheCoinAndKeepsOneToken() {
        float[] logits = {0.1f, 2.5f, 2.4f};
        for (double coin : new double[]{0, 0.5, 0.999}) {
            SamplingStep step = Sampler.step(logits, new int[]{2}, SamplingSettings.DEFAULTS.withMode(SamplingSettings.Mode.GREEDY), coin, 0);
            assertEquals(1, step.token());
            assertEquals(1, step.kept());
            assertArrayEquals(new double[]{0, 1, 0}, step.drawn(), 0);
        }
    }

    @Test
    void greedyFollowsThePenalisedLogits() {
        // Token 1 leads (2.5) but was seen: 2.5 / 1.2 = 2.083 < 2.4, so greedy takes token 2.
        SamplingStep step = Sampler.step(new float[]{0.1f, 2.5f, 2.4f}, new int[]{1},
                SamplingSettings.DEFAULTS.withMode(SamplingSettings.Mode.GREEDY).withRepetitionPenalty(1.2), 0.3, 0);
        assertEquals(2, step.token());
    }

    @Test
    void edgeSettingsGiveDefinedDistributions() {
        float[] logits = {1, 2, 3};
        SamplingStep hugeK = Sampler.step(logits, new int[]{0}, SamplingSettings.DEFAULTS.withTopK(1000), 0.3, 0);
        assertEquals(3, hugeK.kept());
        assertArrayEquals(hugeK.shaped(), hugeK.drawn(), 1e-15);
        SamplingStep pZero = Sampler.step(logits, new int[]{0}, SamplingSettings.DEFAULTS.withTopP(0), 0.99, 0);
        assertEquals(2, pZero.token());
        assertEquals(1, pZero.kept());
        SamplingStep tZero = Sampler.step(logits, new int[]{0}, SamplingSettings.DEFAULTS.withTemperature(0), 0.99, 0);
        assertEquals(2, tZero.token());
        assertArrayEquals(new double[]{0, 0, 1}, tZero.shaped(), 0);
        // Every knob at its edge at once: still one defined token.
        SamplingStep all = Sampler.step(logits, new int[]{0, 1, 2}, new SamplingSettings(SamplingSettings.Mode.RANDOM,
                0, 1000, 0, 10, 1, 0), 1.0, 0);
        assertEquals(2, all.token());
    }

    @Test
    void brokenModelOutputIsAClearError() {
        SamplingSettings s = SamplingSettings.DEFAULTS;
        assertEquals("the logit of token 1 is NaN: the model's output is broken", assertThrows(IllegalArgumentException.class,
                () -> Sampler.step(new float[]{0, Float.NaN}, new int[]{0}, s, 0.5, 0)).getMessage());
        assertEquals("every logit is -infinity: no token is possible", assertThrows(IllegalArgumentException.class,
                () -> Sampler.step(new float[]{Float.NEGATIVE_INFINITY}, new int[]{0}, s, 0.5, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sampler.step(new float[0], new int[]{0}, s, 0.5, 0));
    }

    private static float[] randomLogits(Rng rng, int v) {
        float[] logits = new float[v];
        for (int i = 0; i < v; i++) {
            logits[i] = (float) (rng.nextGaussian() * 2);
        }
        return logits;
    }

    private static void assertDraw(int token, double start, double end, Draw draw) {
        assertEquals(token, draw.token(), "token");
        assertEquals(start, draw.start(), 1e-15, "start");
        assertEquals(end, draw.end(), 1e-15, "end");
    }
}
