package workbench.core.tokenizer;

/**
 * A coarse class of a token by how it reads, for colouring points in an embedding plot: a
 * character model learns to put vowels near vowels and capitals near capitals, and the colours
 * make that visible. A longer token is classed by its first character that is not a space.
 */
public enum TokenKind {
    WHITESPACE("space / newline"),
    VOWEL("vowel"),
    CONSONANT("consonant"),
    CAPITAL("capital"),
    DIGIT("digit"),
    PUNCTUATION("punctuation"),
    OTHER("other");

    private final String label;

    TokenKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static TokenKind of(String token) {
        for (int i = 0; i < token.length(); ) {
            int cp = token.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                continue;
            }
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                return CAPITAL;
            }
            if (Character.isLetter(cp)) {
                return "aeiouAEIOU".indexOf(Character.toLowerCase(cp)) >= 0 ? VOWEL : CONSONANT;
            }
            if (Character.isDigit(cp)) {
                return DIGIT;
            }
            int type = Character.getType(cp);
            boolean punctuation = type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                    || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                    || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                    || type == Character.OTHER_PUNCTUATION;
            return punctuation ? PUNCTUATION : OTHER;
        }
        return token.isEmpty() ? OTHER : WHITESPACE;
    }

    @Override
    public String toString() {
        return label;
    }
}
