package workbench.core.train;

import org.junit.jupiter.api.Test;
import workbench.core.tensor.Rng;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusTaskTest {

    /** 20 lines "line k: abcab\n"; the validation part is the last 10 %, from a line start. */
    private static final Corpus SMALL = Corpus.of("small", lines());

    private static String lines() {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 20; k++) {
            b.append("line ").append((char) ('a' + k % 3)).append(": abcab\n");
        }
        return b.toString();
    }

    @Test
    void windowsPredictTheNextCharacterEverywhere() {
        CorpusTask task = new CorpusTask(SMALL, 6);
        assertEquals(6, task.maxLength());
        assertFalse(task.hasDistances());
        SequenceBatch batch = task.trainingBatch(5, new Rng(3));
        assertEquals(5, batch.size());
        assertEquals(6, batch.length());
        String train = SMALL.trainText();
        for (int b = 0; b < 5; b++) {
            String in = task.tokenizer().decode(batch.inputs()[b]);
            String out = task.tokenizer().decode(batch.targets()[b]);
            assertEquals(in.substring(1), out.substring(0, 5), "targets are the inputs shifted by one");
            assertTrue(train.contains(in + out.charAt(5)), "a window of the training text: " + in);
            for (int t = 0; t < 6; t++) {
                assertTrue(batch.scored()[b][t]);
                assertEquals(1, batch.distance()[b][t]);
            }
        }
    }

    @Test
    void testWindowsTileTheValidationText() {
        CorpusTask task = new CorpusTask(SMALL, 4);
        String validation = SMALL.validationText();
        List<SequenceBatch> test = task.testBatches(new Rng(1));
        assertEquals(test.size(), task.testBatches(new Rng(99)).size(), "the same windows whatever the rng");
        StringBuilder read = new StringBuilder();
        for (SequenceBatch b : test) {
            for (int[] row : b.inputs()) {
                read.append(task.tokenizer().decode(row));
            }
        }
        int windows = (validation.length() - 1) / 4;
        assertEquals(validation.substring(0, 4 * windows), read.toString());
        SequenceExample second = task.example(1, 0);
        assertEquals(validation.substring(4, 8), task.tokenizer().decode(second.input()));
        assertEquals(validation.substring(5, 9), task.tokenizer().decode(second.target()));
        assertArrayEquals(task.example(1, 0).input(), task.example(1 + windows, 7).input(), "wraps around");
    }

    /** The baseline always guesses the training text's commonest character; its accuracy is counted by hand. */
    @Test
    void baselineIsTheCommonestCharacter() {
        CorpusTask task = new CorpusTask(SMALL, 4);
        // training text: per line 'line x: abcab\n' -> 'a' 2-3 times, ' ' twice, 'b' twice...: count them
        String train = SMALL.trainText();
        char best = 0;
        long bestCount = -1;
        for (char c : train.toCharArray()) {
            long n = train.chars().filter(x -> x == c).count();
            if (n > bestCount || (n == bestCount && c < best)) {
                best = c;
                bestCount = n;
            }
        }
        int hits = 0;
        int count = 0;
        for (SequenceBatch b : task.testBatches(null)) {
            for (int[] row : b.targets()) {
                for (int id : row) {
                    hits += task.tokenizer().decode(new int[]{id}).charAt(0) == best ? 1 : 0;
                    count++;
                }
            }
        }
        assertEquals((double) hits / count, task.baselineAccuracy(), 1e-12);
        assertEquals("always '" + best + "'", task.baselineName());
    }

    @Test
    void rejectsWindowsThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> new CorpusTask(SMALL, 1));
        assertThrows(IllegalArgumentException.class, () -> new CorpusTask(SMALL, 500));
    }

    @Test
    void bundledTextIsSixtyTwoCharacters() {
        CorpusTask task = CorpusTask.bundled();
        assertEquals(62, task.vocabSize());
        assertEquals("always a space", task.baselineName());
        assertEquals(CorpusTask.TEST_BATCHES, task.testBatches(null).size());
        assertTrue(task.baselineAccuracy() > 0.1 && task.baselineAccuracy() < 0.3, "" + task.baselineAccuracy());
    }
}
