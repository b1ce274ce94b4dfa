package workbench.core.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusTest {

    @Test
    void bundledCorpusIsPlainKjvTextOneVersePerLine() {
        Corpus kjv = Corpus.bundled();
        String text = kjv.text();
        assertTrue(text.length() >= 1_000_000 && text.length() <= 1_500_000, "size " + text.length());
        assertTrue(text.startsWith("In the beginning God created the heaven and the earth.\n"));
        assertTrue(text.endsWith("according to all that his father had done.\n"));
        assertFalse(text.chars().anyMatch(Character::isDigit), "verse references are stripped");
        assertFalse(text.contains("\n\n"), "no blank lines or chapter headings");
        assertTrue(text.chars().allMatch(c -> c < 128), "plain ASCII English");
        assertSame(kjv, Corpus.bundled());
    }

    @Test
    void holdsOutTheLastTenthFromALineStart() {
        Corpus kjv = Corpus.bundled();
        int split = kjv.splitIndex();
        assertEquals('\n', kjv.text().charAt(split - 1));
        int cut = (int) Math.floor(kjv.text().length() * 0.9);
        assertTrue(split >= cut && split - cut < 1000, "split " + split + " near " + cut);
        assertEquals(kjv.text(), kjv.trainText() + kjv.validationText());
        assertEquals(split, Corpus.of("again", kjv.text()).splitIndex(), "deterministic");
    }

    @Test
    void splitsSmallTexts() {
        Corpus c = Corpus.of("ten lines", "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n");
        // 20 chars, 90% = 18 -> "9\n" is the validation line.
        assertEquals("9\n", c.validationText());
        Corpus oneLine = Corpus.of("one line", "abcdefghij");
        assertEquals("j", oneLine.validationText());
        assertEquals("0\n1\n", c.excerpt(4));
        assertThrows(IllegalArgumentException.class, () -> Corpus.of("empty", ""));
    }
}
