package workbench.core.tokenizer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenStatsTest {

    @Test
    void countsCodePointsAndWhitespaceSeparatedWords() {
        TokenStats s = TokenStats.of("  hello\tworld 👍🏽\n", 6);
        assertEquals(17, s.characters());  // 2 + 5 + 1 + 5 + 1 + 2 (emoji + skin tone) + 1
        assertEquals(3, s.words());
        assertEquals(2.0, s.tokensPerWord(), 1e-12);
        TokenStats empty = TokenStats.of("", 0);
        assertEquals(0, empty.words());
        assertEquals(0, empty.tokensPerWord());
        assertEquals(1, TokenStats.of("a\u3000", 1).words(), "ideographic space separates words");
    }

    @Test
    void characterVocabularyNamesWhatItCannotEncode() {
        CharTokenizer abc = CharTokenizer.fromText("abc ");
        Tokenization ok = Tokenization.of(abc, "cab a");
        assertNull(ok.problem());
        assertEquals(5, ok.tokenCount());
        assertEquals(2, ok.stats().words());
        Tokenization bad = Tokenization.of(abc, "cab 👍");
        assertEquals(0, bad.tokenCount());
        assertTrue(bad.problem().contains("U+1F44D"), bad.problem());
    }
}
