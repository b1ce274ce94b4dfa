package workbench.ui.embeddings;

import workbench.core.embedding.EmbeddingProjection;

import java.util.Locale;

/**
 * Finds a point by how a lesson or a test names it: "#12" is point 12, "space", "newline" and
 * "tab" (or the visible marks ·, ⏎ and →) are those characters, anything else is the token's text.
 * In a prompt the first position holding the token is taken.
 */
final class TokenNames {

    private TokenNames() {
    }

    /** The point named {@code name}, or -1 when none matches. */
    static int find(EmbeddingProjection p, String name) {
        if (name.startsWith("#") && name.length() > 1) {
            try {
                int index = Integer.parseInt(name.substring(1).trim());
                return index >= 0 && index < p.size() ? index : -1;
            } catch (NumberFormatException notANumber) {
                // not an index: look it up as text below
            }
        }
        String text = switch (name.toLowerCase(Locale.ROOT)) {
            case "space", "·" -> " ";
            case "newline", "\\n", "⏎" -> "\n";
            case "tab", "\\t", "→" -> "\t";
            default -> name;
        };
        return p.labels().indexOf(text);
    }
}
