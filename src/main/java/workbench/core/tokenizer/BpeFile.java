package workbench.core.tokenizer;

import workbench.core.io.AtomicFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text format of a saved {@link BpeTokenizer}, UTF-8, one item per line:
 * <pre>
 * workbench-bpe 1                 format name and version
 * name Model BPE (KJV)            the tokenizer's display name (rest of the line)
 * pieces gpt2                     how text is split before merging ({@link WordSplitter})
 * merges 512                      how many merge lines follow
 * 32 116 51234  # " t"            left id, right id, training count; creates token 256 + line index
 * …
 * </pre>
 * Tokens 0..255 are the bytes and are not listed. Everything after {@code #} is a comment (the
 * merged token's text, for people reading the file); blank lines are ignored.
 */
public final class BpeFile {

    public static final String MAGIC = "workbench-bpe";
    public static final int VERSION = 1;
    public static final String PIECES = "gpt2";

    private BpeFile() {
    }

    /** Writes the tokenizer atomically (temp file, then move). */
    public static void write(BpeTokenizer tokenizer, Path file) throws IOException {
        AtomicFiles.write(file, stream -> {
            Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            out.write(MAGIC + " " + VERSION + "\n");
            out.write("name " + tokenizer.name().replace('\n', ' ').replace('#', '-') + "\n");
            out.write("pieces " + PIECES + "\n");
            out.write("merges " + tokenizer.merges().size() + "\n");
            for (BpeMerge m : tokenizer.merges()) {
                String shown = tokenizer.tokenText(m.token()).replace("\n", "\\n").replace("\r", "\\r");
                out.write(m.left() + " " + m.right() + " " + m.count() + "  # \"" + shown + "\"\n");
            }
            out.flush();
        });
    }

    public static BpeTokenizer read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException missing) {
            throw new IOException("There is no tokenizer file " + file + ".", missing);
        }
    }

    /**
     * Reads a tokenizer; any problem is an {@link IOException} naming the source and line.
     *
     * @param source the file name for messages
     */
    public static BpeTokenizer read(InputStream in, String source) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Lines lines = new Lines(reader, source);
        String[] magic = lines.next("the header line").split(" ");
        if (magic.length != 2 || !magic[0].equals(MAGIC)) {
            throw lines.problem("is not a workbench BPE file (it should start with '" + MAGIC + " " + VERSION + "')");
        }
        if (!magic[1].equals(String.valueOf(VERSION))) {
            throw lines.problem("has format version " + magic[1] + "; this build reads version " + VERSION);
        }
        String name = lines.value("name");
        String pieces = lines.value("pieces");
        if (!pieces.equals(PIECES)) {
            throw lines.problem("splits text as '" + pieces + "'; only '" + PIECES + "' is known");
        }
        int count = lines.number(lines.value("merges"), "merge count");
        List<BpeMerge> merges = new ArrayList<>(Math.min(count, BpeTrainer.MAX_MERGES));
        for (int i = 0; i < count; i++) {
            String[] parts = lines.next("merge " + (i + 1) + " of " + count).split("\\s+");
            if (parts.length != 3) {
                throw lines.problem("should hold 'left right count'");
            }
            int token = BpeTokenizer.BYTE_TOKENS + i;
            int left = lines.number(parts[0], "left id");
            int right = lines.number(parts[1], "right id");
            long trained = lines.number(parts[2], "count");
            if (left >= token || right >= token) {
                throw lines.problem("merges token " + Math.max(left, right) + ", which does not exist before token " + token);
            }
            merges.add(new BpeMerge(left, right, token, trained));
        }
        if (lines.nextOrNull() != null) {
            throw lines.problem("has more lines than its " + count + " merges");
        }
        try {
            return new BpeTokenizer(name, merges);
        } catch (IllegalArgumentException bad) {
            throw new IOException(source + ": " + bad.getMessage(), bad);
        }
    }

    /** Reads content lines (comments and blank lines skipped) and words problems with a line number. */
    private static final class Lines {
        private final BufferedReader reader;
        private final String source;
        private int number;

        Lines(BufferedReader reader, String source) {
            this.reader = reader;
            this.source = source;
        }

        String nextOrNull() throws IOException {
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                int hash = line.indexOf('#');
                String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!content.isEmpty()) {
                    return content;
                }
            }
            return null;
        }

        String next(String what) throws IOException {
            String line = nextOrNull();
            if (line == null) {
                throw new IOException(source + " ends early: " + what + " is missing (the file may be truncated)");
            }
            return line;
        }

        String value(String key) throws IOException {
            String line = next("the '" + key + "' line");
            if (!line.startsWith(key + " ")) {
                throw problem("should start with '" + key + " '");
            }
            return line.substring(key.length() + 1).strip();
        }

        int number(String text, String what) throws IOException {
            try {
                int value = Integer.parseInt(text);
                if (value < 0) {
                    throw problem("has a negative " + what);
                }
                return value;
            } catch (NumberFormatException notANumber) {
                throw problem("has '" + text + "' where the " + what + " should be a whole number");
            }
        }

        IOException problem(String what) {
            return new IOException(source + ", line " + number + ": " + what);
        }
    }
}
