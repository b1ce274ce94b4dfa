package workbench.ui.tokenization;

/**
 * How a token reads on a chip: whitespace and invisible characters are made visible, so that
 * " the" and "the" look different. Space is {@code ·}, tab {@code →}, newline {@code ⏎}, carriage
 * return {@code ␍}, a no-break space {@code ⍽}, other spaces {@code ␣}; other control and format
 * characters show their code point; a token that starts with a combining mark gets a dotted circle
 * to sit on.
 */
public final class VisibleText {

    private VisibleText() {
    }

    public static String of(String token) {
        StringBuilder out = new StringBuilder(token.length() + 2);
        for (int i = 0; i < token.length(); ) {
            int cp = token.codePointAt(i);
            i += Character.charCount(cp);
            if (out.length() == 0 && isCombining(cp)) {
                out.append('◌');
            }
            switch (cp) {
                case ' ' -> out.append('·');
                case '\t' -> out.append('→');
                case '\n' -> out.append('⏎');
                case '\r' -> out.append('␍');
                case 0xA0 -> out.append('⍽');
                default -> {
                    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                        out.append('␣');
                    } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                        out.append(String.format("⟨U+%04X⟩", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isCombining(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
