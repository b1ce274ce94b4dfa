package workbench.core.tokenizer;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when text holds characters a tokenizer has no token for; the message names them. */
public final class UnencodableTextException extends IllegalArgumentException {

    private final List<String> characters;

    public UnencodableTextException(String tokenizer, List<String> characters) {
        super(tokenizer + " cannot encode " + describe(characters));
        this.characters = List.copyOf(characters);
    }

    /** The characters (as code-point strings) with no token, each listed once. */
    public List<String> characters() {
        return characters;
    }

    private static String describe(List<String> chars) {
        String listed = chars.stream().limit(12).map(UnencodableTextException::show).collect(Collectors.joining(", "));
        return (chars.size() == 1 ? "the character " : "the characters ") + listed
                + (chars.size() > 12 ? " and " + (chars.size() - 12) + " more" : "");
    }

    private static String show(String s) {
        int cp = s.codePointAt(0);
        return String.format("'%s' (U+%04X)", Character.isISOControl(cp) || Character.isWhitespace(cp) ? " " : s, cp);
    }
}
