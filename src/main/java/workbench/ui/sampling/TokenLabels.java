package workbench.ui.sampling;

/**
 * How a token reads on a bar, a chip or a tree node: invisible characters get a visible stand-in
 * (a space is an open box ␣, a line break an arrow), and long tokens are shortened.
 */
public final class TokenLabels {

    private TokenLabels() {
    }

    /** {@code text} with spaces, line breaks, tabs and other control characters made visible. */
    public static String visible(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case ' ' -> out.append('\u2423');
                case '\n' -> out.append('\u21B5');
                case '\r' -> out.append("\\r");
                case '\t' -> out.append('\u2192');
                default -> {
                    if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                        out.append(String.format("U+%04X", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.length() == 0 ? "\u2205" : out.toString();
    }

    /** {@link #visible} cut to at most {@code max} code points, with an ellipsis when cut. */
    public static String shortened(String text, int max) {
        String v = visible(text);
        if (v.codePointCount(0, v.length()) <= max) {
            return v;
        }
        return v.substring(0, v.offsetByCodePoints(0, Math.max(1, max - 1))) + "\u2026";
    }
}
