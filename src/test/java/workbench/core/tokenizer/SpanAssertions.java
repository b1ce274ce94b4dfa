package workbench.core.tokenizer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that token spans cover a text exactly, in order, overlapping only inside one character. */
final class SpanAssertions {

    private SpanAssertions() {
    }

    static void assertCoversExactly(String text, List<TokenSpan> spans) {
        if (text.isEmpty()) {
            assertTrue(spans.isEmpty(), "no tokens for empty text");
            return;
        }
        assertEquals(0, spans.get(0).start(), "first token starts at 0");
        assertEquals(text.length(), spans.get(spans.size() - 1).end(), "last token ends at the end");
        for (int i = 0; i < spans.size(); i++) {
            TokenSpan s = spans.get(i);
            assertTrue(s.start() < s.end(), "token " + i + " covers at least one char: " + s);
            if (i == 0) {
                continue;
            }
            TokenSpan prev = spans.get(i - 1);
            assertTrue(s.end() >= prev.end(), "ends never go back at token " + i);
            if (s.start() != prev.end()) {
                // Overlap allowed only when both hold bytes of the same single character.
                assertTrue(s.start() < prev.end(), "no gap before token " + i + ": " + prev + " then " + s);
                int cp = text.codePointAt(s.start());
                assertEquals(s.start() + Character.charCount(cp), prev.end(),
                        "tokens " + (i - 1) + " and " + i + " share exactly one character");
            }
        }
    }
}
