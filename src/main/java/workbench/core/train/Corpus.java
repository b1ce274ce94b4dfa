package workbench.core.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A training text with a fixed train/validation split: the last tenth (from the first line that
 * starts at or after 90% of the text) is held out for validation, the rest is for training. The
 * bundled corpus is eleven books of the King James Version, one verse per line; see
 * {@code assets/README.md} for where it comes from.
 */
public final class Corpus {

    /** Class-path location of the bundled corpus. */
    public static final String BUNDLED = "/assets/corpus/kjv.txt";

    /** Share of the text held out for validation. */
    public static final double VALIDATION_FRACTION = 0.1;

    private final String name;
    private final String text;
    private final int splitIndex;

    private Corpus(String name, String text) {
        this.name = name;
        this.text = text;
        this.splitIndex = splitIndex(text, VALIDATION_FRACTION);
    }

    /** A corpus over {@code text}, split as described above. */
    public static Corpus of(String name, String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("The corpus '" + name + "' is empty.");
        }
        return new Corpus(name, text);
    }

    /** The bundled King James text, read once from the class path. */
    public static Corpus bundled() {
        return Bundled.CORPUS;
    }

    /** Reads a UTF-8 text resource from the class path. */
    public static Corpus fromResource(String name, String resource) throws IOException {
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("The corpus " + resource + " is missing from the class path.");
            }
            return of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    public String name() {
        return name;
    }

    /** The whole text. */
    public String text() {
        return text;
    }

    /** Index of the first char of the validation part. */
    public int splitIndex() {
        return splitIndex;
    }

    /** The training part: everything before {@link #splitIndex()}. */
    public String trainText() {
        return text.substring(0, splitIndex);
    }

    /** The validation part: from {@link #splitIndex()} to the end. */
    public String validationText() {
        return text.substring(splitIndex);
    }

    /** The first whole lines of the text, up to about {@code chars} chars (at least one line). */
    public String excerpt(int chars) {
        if (chars >= text.length()) {
            return text;
        }
        int end = text.lastIndexOf('\n', chars);
        if (end <= 0) {
            end = text.indexOf('\n', chars);
        }
        return end < 0 ? text : text.substring(0, end + 1);
    }

    /**
     * Where the validation part starts: the first line start at or after {@code (1 - fraction)} of
     * the text, or exactly there when the text has no later line break.
     */
    static int splitIndex(String text, double fraction) {
        int cut = (int) Math.floor(text.length() * (1 - fraction));
        if (cut <= 0) {
            return 0;
        }
        if (text.charAt(cut - 1) == '\n') {
            return cut;
        }
        int newline = text.indexOf('\n', cut);
        if (newline >= 0 && newline + 1 < text.length()) {
            return newline + 1;
        }
        // No later line start: cut mid-line, but never between the two halves of a surrogate pair.
        return Character.isLowSurrogate(text.charAt(cut)) ? cut + 1 : cut;
    }

    private static final class Bundled {
        static final Corpus CORPUS = load();

        private static Corpus load() {
            try {
                return fromResource("King James Version (Genesis to 1 Kings)", BUNDLED);
            } catch (IOException missing) {
                throw new UncheckedIOException(missing);
            }
        }
    }
}
