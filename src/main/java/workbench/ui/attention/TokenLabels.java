package workbench.ui.attention;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Token texts as axis labels. The bundled model reads characters, so a space or a line break is a
 * token of its own and must be seen: space becomes ␣, a line break ↵, a tab ⇥, other invisible
 * characters their code point.
 */
final class TokenLabels {

    private TokenLabels() {
    }

    static String visible(String token) {
        if (token == null || token.isEmpty()) {
            return "∅";
        }
        StringBuilder out = new StringBuilder();
        token.codePoints().forEach(cp -> {
            switch (cp) {
                case ' ' -> out.append('␣');
                case '\n' -> out.append('↵');
                case '\r' -> out.append('␍');
                case '\t' -> out.append('⇥');
                default -> {
                    if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                            || (Character.isWhitespace(cp) && cp != ' ')) {
                        out.append(String.format(Locale.ROOT, "U+%04X", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }

    static List<String> visible(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            out.add(visible(token));
        }
        return out;
    }

    /** "3 ‘e’": a token with its position, for read-outs where the same character occurs twice. */
    static String withPosition(List<String> tokens, int position) {
        return position + " ‘" + visible(tokens.get(position)) + "’";
    }
}
