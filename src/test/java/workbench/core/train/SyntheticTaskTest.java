package workbench.core.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import workbench.core.tensor.Rng;
import workbench.core.tokenizer.CharTokenizer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticTaskTest {

    private static final CharTokenizer TOK = SyntheticTask.tokenizer();

    @Test
    void vocabularyIsOneCharacterPerId() {
        assertEquals(16, TOK.vocabSize());
        assertEquals(".:?>()[]abcdefgh", TOK.decode(new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}));
        assertEquals(SyntheticTask.WRITE, TOK.encode(":")[0]);
        assertEquals(SyntheticTask.FIRST_LETTER + 2, TOK.encode("c")[0]);
    }

    /** Every scored target is the token its distance points back to (or, for brackets, that opener's closer). */
    @ParameterizedTest
    @EnumSource(SyntheticTask.class)
    void targetsPointBackByTheirDistance(SyntheticTask task) {
        Rng rng = new Rng(7);
        for (int d = task.minDistance(); d <= 40; d++) {
            for (int rep = 0; rep < 5; rep++) {
                SequenceExample e = task.generate(d, 4, rng);
                int[] in = e.input();
                assertEquals(task.length(d), e.length(), task + " d=" + d);
                assertTrue(e.scoredCount() > 0);
                int expectedMax = task == SyntheticTask.REVERSE ? 2 * Math.max(1, d / 2) : d;
                assertEquals(expectedMax, e.maxDistance(), task + " d=" + d);
                for (int t = 0; t < e.length(); t++) {
                    if (!e.scored()[t]) {
                        continue;
                    }
                    int source = in[t - e.distance()[t]];
                    int wanted = task == SyntheticTask.BRACKETS
                            ? (source == SyntheticTask.ROUND_OPEN ? SyntheticTask.ROUND_CLOSE : SyntheticTask.SQUARE_CLOSE)
                            : source;
                    assertEquals(wanted, e.target()[t], task + " " + TOK.decode(in) + " at " + t);
                    if (task != SyntheticTask.BRACKETS) {
                        assertTrue(source >= SyntheticTask.FIRST_LETTER && source < SyntheticTask.FIRST_LETTER + 4,
                                "the remembered token is a data letter");
                    }
                }
            }
        }
    }

    @Test
    void shapesOfEachTaskReadAsDocumented() {
        Rng rng = new Rng(1);
        assertTrue(TOK.decode(SyntheticTask.COPY.generate(4, 4, rng).input()).matches("[a-d]{3}:\\.{3}"));
        assertTrue(TOK.decode(SyntheticTask.REVERSE.generate(6, 4, rng).input()).matches("[a-d]{3}:\\.{3}"));
        assertTrue(TOK.decode(SyntheticTask.DELAYED_COPY.generate(6, 4, rng).input()).matches("[a-d]{3}\\.{3}:{3}"));
        assertTrue(TOK.decode(SyntheticTask.FIRST_TOKEN.generate(5, 4, rng).input()).matches("[a-d]{5}\\?"));
        assertTrue(TOK.decode(SyntheticTask.BRACKETS.generate(6, 4, rng).input()).matches("[(\\[][a-d()\\[\\]>]{5}>"));

        SequenceExample reverse = SyntheticTask.REVERSE.generate(6, 4, new Rng(3));
        int[] in = reverse.input();
        assertArrayEquals(new int[]{0, 0, 0, 0, in[2], in[1], in[0]}, reverse.target());
        assertArrayEquals(new int[]{0, 0, 0, 0, 2, 4, 6}, reverse.distance());
    }

    /** A stack walk: every '>' closes the innermost open bracket, and all are closed at the end. */
    @Test
    void bracketSequencesAreBalanced() {
        Rng rng = new Rng(11);
        for (int rep = 0; rep < 300; rep++) {
            int d = 1 + rng.nextInt(40);
            SequenceExample e = SyntheticTask.BRACKETS.generate(d, 4, rng);
            Deque<Integer> open = new ArrayDeque<>();
            int[] in = e.input();
            for (int t = 0; t < in.length; t++) {
                if (in[t] == SyntheticTask.ROUND_OPEN || in[t] == SyntheticTask.SQUARE_OPEN) {
                    open.push(t);
                    assertTrue(open.size() <= 1 + SyntheticTask.MAX_INNER_DEPTH, "nesting stays shallow");
                } else if (in[t] == SyntheticTask.CLOSE) {
                    assertFalse(open.isEmpty(), "nothing to close at " + t + " in " + TOK.decode(in));
                    assertEquals(t - open.pop(), e.distance()[t]);
                    assertTrue(e.scored()[t]);
                } else {
                    assertFalse(e.scored()[t]);
                }
            }
            assertTrue(open.isEmpty(), "unclosed brackets in " + TOK.decode(in));
            assertEquals(d, e.distance()[d], "the outer pair spans the whole distance");
        }
    }

    @Test
    void sameSeedSameData() {
        SyntheticTaskSpec spec = new SyntheticTaskSpec(SyntheticTask.DELAYED_COPY, 20, 4);
        SequenceBatch a = spec.batch(8, new Rng(5));
        SequenceBatch b = spec.batch(8, new Rng(5));
        SequenceBatch c = spec.batch(8, new Rng(6));
        assertTrue(java.util.Arrays.deepEquals(a.inputs(), b.inputs()));
        assertTrue(java.util.Arrays.deepEquals(a.targets(), b.targets()));
        assertFalse(java.util.Arrays.deepEquals(a.inputs(), c.inputs()));
    }

    @Test
    void batchesDrawEveryDistanceInRange() {
        SyntheticTaskSpec spec = new SyntheticTaskSpec(SyntheticTask.FIRST_TOKEN, 12, 3);
        SequenceBatch batch = spec.batch(600, new Rng(2));
        int[] seen = new int[13];
        for (int[] row : batch.distance()) {
            for (int d : row) {
                seen[d]++;
            }
        }
        for (int d = 1; d <= 12; d++) {
            assertTrue(seen[d] > 20, "distance " + d + " drawn " + seen[d] + " times");
        }
        assertEquals(spec.maxLength(), batch.length(), "padded to the longest example");
    }

    @Test
    void sweepHasOneBatchPerDistance() {
        SyntheticTaskSpec spec = new SyntheticTaskSpec(SyntheticTask.COPY, 6, 4);
        List<SequenceBatch> sweep = spec.sweep(3, new Rng(1));
        assertEquals(5, sweep.size());
        for (int i = 0; i < sweep.size(); i++) {
            int d = 2 + i;
            assertEquals(3, sweep.get(i).size());
            assertEquals(SyntheticTask.COPY.length(d), sweep.get(i).length());
            for (int[] row : sweep.get(i).distance()) {
                for (int x : row) {
                    assertTrue(x == 0 || x == d);
                }
            }
        }
    }

    @Test
    void paddingAddsOnlyUnscoredBlanks() {
        SequenceBatch batch = new SyntheticTaskSpec(SyntheticTask.FIRST_TOKEN, 3, 2).batch(4, new Rng(1));
        SequenceBatch padded = batch.padTo(10, SyntheticTask.BLANK);
        assertEquals(10, padded.length());
        assertEquals(batch.scoredCount(), padded.scoredCount());
        for (int b = 0; b < 4; b++) {
            for (int t = batch.length(); t < 10; t++) {
                assertEquals(SyntheticTask.BLANK, padded.inputs()[b][t]);
                assertFalse(padded.scored()[b][t]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> padded.padTo(3, 0));
    }

    @Test
    void badSettingsAreExplained() {
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticTaskSpec(SyntheticTask.COPY, 65, 4));
        assertTrue(far.getMessage().contains("between 2 and 64"), far.getMessage());
        IllegalArgumentException near = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticTaskSpec(SyntheticTask.DELAYED_COPY, 3, 4));
        assertTrue(near.getMessage().contains("between 4 and 64"), near.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SyntheticTaskSpec(SyntheticTask.COPY, 10, 9));
        assertThrows(IllegalArgumentException.class, () -> SyntheticTask.COPY.generate(1, 4, new Rng(1)));
        assertEquals(0.25, new SyntheticTaskSpec(SyntheticTask.COPY, 10, 4).chanceAccuracy());
        assertEquals(0.5, new SyntheticTaskSpec(SyntheticTask.BRACKETS, 10, 4).chanceAccuracy());
        assertNotEquals(null, SequenceExample.nextToken(new int[]{1, 2, 3}));
    }

    @Test
    void nextTokenExampleShiftsByOne() {
        SequenceExample e = SequenceExample.nextToken(new int[]{5, 6, 7, 8});
        assertArrayEquals(new int[]{5, 6, 7}, e.input());
        assertArrayEquals(new int[]{6, 7, 8}, e.target());
        assertEquals(3, e.scoredCount());
        assertThrows(IllegalArgumentException.class, () -> SequenceExample.nextToken(new int[]{1}));
    }

    @Test
    void scoresAddUp() {
        SequenceScore a = new SequenceScore(2.0, 4, 3, new int[]{0, 2, 2}, new int[]{0, 2, 1});
        SequenceScore b = new SequenceScore(1.0, 2, 0, new int[]{0, 0, 0, 2}, new int[]{0, 0, 0, 0});
        SequenceScore sum = a.plus(b);
        assertEquals(0.5, sum.meanLoss(), 1e-12);
        assertEquals(0.5, sum.accuracy(), 1e-12);
        assertEquals(1.0, sum.accuracyAt(1), 0.0);
        assertEquals(0.5, sum.accuracyAt(2), 0.0);
        assertEquals(0.0, sum.accuracyAt(3), 0.0);
        assertTrue(Double.isNaN(sum.accuracyAt(4)));
        assertTrue(Double.isNaN(SequenceScore.empty().meanLoss()));
    }

    /** As a {@link SequenceTask}: every batch padded to the longest example, one test batch per distance. */
    @Test
    void servesTheLabPaddedBatches() {
        SyntheticTaskSpec spec = new SyntheticTaskSpec(SyntheticTask.BRACKETS, 10, 4);
        SequenceBatch train = spec.trainingBatch(7, new Rng(4));
        assertEquals(7, train.size());
        assertEquals(11, train.length(), "BRACKETS at d = 10 is 11 tokens");
        List<SequenceBatch> test = spec.testBatches(new Rng(5));
        assertEquals(10, test.size(), "distances 1..10");
        for (SequenceBatch b : test) {
            assertEquals(SyntheticTaskSpec.TEST_PER_DISTANCE, b.size());
            assertEquals(11, b.length());
        }
        assertEquals(spec.example(3, 42), spec.example(3, 42));
        assertNotEquals(spec.example(3, 42), spec.example(4, 42));
        assertEquals(10, spec.example(3, 42).maxDistance());
        assertTrue(spec.hasDistances());
        assertEquals("chance", spec.baselineName());
        assertEquals(0.5, spec.baselineAccuracy());
    }
}
