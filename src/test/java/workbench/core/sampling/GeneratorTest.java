package workbench.core.sampling;

import org.junit.jupiter.api.Test;
import workbench.concurrent.Progress;
import workbench.core.tensor.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorTest {

    private final BigramCountModel genesis = BigramCountModel.genesis();

    private int[] prompt(String text) {
        return genesis.tokenizer().encode(text);
    }

    @Test
    void theSameSeedGivesTheSameTextTwice() {
        SamplingSettings s = SamplingSettings.DEFAULTS.withTemperature(1.2).withMaxNewTokens(80).withSeed(1234);
        int[] first = run(new Generator(genesis, prompt("And God"), s));
        int[] second = run(new Generator(genesis, prompt("And God"), s));
        assertArrayEquals(first, second);
        assertEquals(80, first.length);
        assertNotEquals(java.util.Arrays.toString(first),
                java.util.Arrays.toString(run(new Generator(genesis, prompt("And God"), s.withSeed(1235)))));
    }

    @Test
    void tokenIIsPickedByTheIthDrawOfTheSeededRng() {
        SamplingSettings s = SamplingSettings.DEFAULTS.withMaxNewTokens(12).withSeed(99);
        Generator generator = new Generator(genesis, prompt("the "), s);
        generator.generateAll(Progress.NONE);
        Rng rng = new Rng(99);
        List<Integer> text = new ArrayList<>();
        for (int t : prompt("the ")) {
            text.add(t);
        }
        for (SamplingStep step : generator.steps()) {
            double coin = rng.nextDouble();
            assertEquals(coin, step.coin());
            int[] sequence = text.stream().mapToInt(Integer::intValue).toArray();
            SamplingStep expected = Sampler.step(genesis.nextLogits(sequence), sequence, s, coin, step.index());
            assertEquals(expected.token(), step.token());
            text.add(step.token());
        }
    }

    @Test
    void greedyModeDrawsCoinsTooSoTheStreamStaysAligned() {
        SamplingSettings greedy = SamplingSettings.DEFAULTS.withMode(SamplingSettings.Mode.GREEDY).withMaxNewTokens(5).withSeed(8);
        Generator generator = new Generator(genesis, prompt("the"), greedy);
        generator.generateAll(Progress.NONE);
        Rng rng = new Rng(8);
        for (SamplingStep step : generator.steps()) {
            assertEquals(rng.nextDouble(), step.coin());
        }
    }

    @Test
    void greedyFollowsTheBigramCountsByHand() {
        // After 'G' the text has only "God" (x6): 'o' has the largest count.
        int g = genesis.tokenizer().encode("G")[0];
        int o = genesis.tokenizer().encode("o")[0];
        assertEquals(6, genesis.count(g, o));
        Generator generator = new Generator(genesis, prompt("G"),
                SamplingSettings.DEFAULTS.withMode(SamplingSettings.Mode.GREEDY).withMaxNewTokens(1));
        assertEquals(o, generator.next().token());
        assertFalse(generator.hasNext());
        assertThrows(NoSuchElementException.class, generator::next);
    }

    @Test
    void peekComputesTheNextTokenOnceAndNextReturnsIt() {
        Generator generator = new Generator(genesis, prompt("In"), SamplingSettings.DEFAULTS.withMaxNewTokens(3));
        SamplingStep peeked = generator.peek();
        assertSame(peeked, generator.peek());
        assertSame(peeked, generator.next());
        assertEquals(1, generator.size());
        assertEquals(peeked.token(), generator.generated()[0]);
        assertArrayEquals(prompt("In"), java.util.Arrays.copyOf(generator.tokens(), 2));
    }

    @Test
    void theModelReadsOnlyTheLatestContextLengthTokens() {
        List<int[]> contexts = new ArrayList<>();
        NextTokenModel recording = new NextTokenModel() {
            @Override
            public int vocabSize() {
                return 3;
            }

            @Override
            public int contextLength() {
                return 4;
            }

            @Override
            public float[] nextLogits(int[] context) {
                contexts.add(context.clone());
                return new float[]{0, 1, 0};
            }
        };
        Generator generator = new Generator(recording, new int[]{0, 2, 0, 2, 0, 2},
                SamplingSettings.DEFAULTS.withMode(SamplingSettings.Mode.GREEDY).withMaxNewTokens(2));
        generator.generateAll(Progress.NONE);
        assertArrayEquals(new int[]{2, 0, 2, 0, 2, 1, 1}, java.util.Arrays.copyOfRange(generator.tokens(), 1, 8));
        assertArrayEquals(new int[]{0, 2, 0, 2}, contexts.get(0));
        assertArrayEquals(new int[]{2, 0, 2, 1}, contexts.get(1));
    }

    @Test
    void cancelStopsTheGeneration() {
        Generator generator = new Generator(genesis, prompt("a"), SamplingSettings.DEFAULTS.withMaxNewTokens(50));
        generator.next();
        generator.cancel();
        assertFalse(generator.hasNext());
        assertTrue(generator.isCancelled());
        assertEquals(1, generator.steps().size());
        Progress cancelled = new Progress() {
            @Override
            public void update(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        Generator other = new Generator(genesis, prompt("a"), SamplingSettings.DEFAULTS.withMaxNewTokens(50));
        assertThrows(CancellationException.class, () -> other.generateAll(cancelled));
        assertEquals(0, other.size());
    }

    @Test
    void badPromptsAndBrokenModelsGiveClearMessages() {
        assertEquals("the prompt is empty: give it at least one token to continue", assertThrows(IllegalArgumentException.class,
                () -> new Generator(genesis, new int[0], SamplingSettings.DEFAULTS)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Generator(genesis, new int[]{9999}, SamplingSettings.DEFAULTS));
        assertThrows(IllegalArgumentException.class, () -> new Generator(null, new int[]{0}, SamplingSettings.DEFAULTS));
        NextTokenModel nan = new BigramTableModel(new double[][]{{Double.NaN, 1}, {0.5, 0.5}});
        Generator broken = new Generator(nan, new int[]{0}, SamplingSettings.DEFAULTS.withSeed(5));
        assertThrows(IllegalArgumentException.class, broken::next);
        assertEquals(0, broken.size());
        NextTokenModel wrongSize = new NextTokenModel() {
            @Override
            public int vocabSize() {
                return 3;
            }

            @Override
            public int contextLength() {
                return 2;
            }

            @Override
            public float[] nextLogits(int[] context) {
                return new float[2];
            }
        };
        assertEquals("the model returned 2 logits for a vocabulary of 3", assertThrows(IllegalArgumentException.class,
                () -> new Generator(wrongSize, new int[]{0}, SamplingSettings.DEFAULTS).next()).getMessage());
    }

    private static int[] run(Generator generator) {
        generator.generateAll(Progress.NONE);
        return generator.generated();
    }
}
