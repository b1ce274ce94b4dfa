package workbench.core.tokenizer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenKindTest {

    @Test
    void classesCharactersAndLongerTokensByTheirFirstVisibleCharacter() {
        assertEquals(TokenKind.WHITESPACE, TokenKind.of(" "));
        assertEquals(TokenKind.WHITESPACE, TokenKind.of("\n"));
        assertEquals(TokenKind.VOWEL, TokenKind.of("e"));
        assertEquals(TokenKind.CONSONANT, TokenKind.of("t"));
        assertEquals(TokenKind.CAPITAL, TokenKind.of("A"));
        assertEquals(TokenKind.PUNCTUATION, TokenKind.of(";"));
        assertEquals(TokenKind.PUNCTUATION, TokenKind.of("("));
        assertEquals(TokenKind.DIGIT, TokenKind.of("7"));
        assertEquals(TokenKind.CONSONANT, TokenKind.of(" the"));
        assertEquals(TokenKind.OTHER, TokenKind.of("😀"));
        assertEquals(TokenKind.OTHER, TokenKind.of(""));
    }
}
