package workbench.core.memory;

import org.junit.jupiter.api.Test;
import workbench.core.tokenizer.CharTokenizer;
import workbench.core.train.Batch;
import workbench.core.train.Corpus;
import workbench.core.train.TokenWindows;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationSampleTest {

    /** 100 lines "line NN" → validation part = the last 10 lines, 8 chars each = 80 chars. */
    private static Corpus corpus() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append(String.format("line %02d\n", i));
        }
        return Corpus.of("lines", text.toString());
    }

    @Test
    void takesEvenlySpacedTiledWindows() {
        Corpus corpus = corpus();
        CharTokenizer chars = CharTokenizer.fromText(corpus.text());
        assertEquals(80, corpus.validationText().length());
        int[] ids = chars.encode(corpus.validationText());
        // Windows of 4 tile 80 tokens into (80 - 1) / 4 = 19 windows; 5 taken at 0, 3, 7, 11, 15 (i x 19 / 5).
        ValidationSample sample = ValidationSample.of(chars, corpus, 4, 5, 2);
        assertEquals(19, sample.availableWindows());
        assertEquals(5, sample.windows());
        assertEquals(80, sample.validationTokens());
        assertEquals(20, sample.predictedTokens());
        assertEquals(List.of(2, 2, 1), sample.batches().stream().map(Batch::size).toList());
        int[] starts = {0, 3, 7, 11, 15};
        int k = 0;
        for (Batch batch : sample.batches()) {
            for (int b = 0; b < batch.size(); b++, k++) {
                int s = starts[k] * 4;
                assertArrayEquals(java.util.Arrays.copyOfRange(ids, s, s + 4), batch.inputs()[b]);
                assertArrayEquals(java.util.Arrays.copyOfRange(ids, s + 1, s + 5), batch.targets()[b]);
            }
        }
    }

    @Test
    void allWindowsAreTheTrainersValidationWindows() {
        Corpus corpus = corpus();
        CharTokenizer chars = CharTokenizer.fromText(corpus.text());
        int[] ids = chars.encode(corpus.validationText());
        ValidationSample all = ValidationSample.of(chars, corpus, 4, 1000, 19);
        Batch trainers = new TokenWindows(ids, ids, 4).validationBatches(19, 1).get(0);
        assertEquals(1, all.batches().size());
        assertArrayEquals(trainers.inputs(), all.batches().get(0).inputs());
        assertArrayEquals(trainers.targets(), all.batches().get(0).targets());
    }

    @Test
    void refusesWhatItCannotMeasure() {
        Corpus corpus = corpus();
        CharTokenizer digitsOnly = CharTokenizer.fromText("0123456789");
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> ValidationSample.of(digitsOnly, corpus, 4, 5, 2));
        assertTrue(foreign.getMessage().contains("cannot read the corpus"), foreign.getMessage());
        CharTokenizer chars = CharTokenizer.fromText(corpus.text());
        assertThrows(IllegalArgumentException.class, () -> ValidationSample.of(chars, corpus, 80, 5, 2));
        assertThrows(IllegalArgumentException.class, () -> ValidationSample.of(chars, corpus, 4, 0, 2));
    }
}
