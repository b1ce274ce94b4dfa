package workbench.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Small data files on the class path (GPUs, published models): comma-separated, one record a
 * line, '#' starts a comment line, the last field may contain commas. Errors name the file and line.
 */
public final class CsvResource {

    /** Turns one record's fields into a value; may throw IllegalArgumentException for a bad field. */
    @FunctionalInterface
    public interface RowParser<T> {
        T parse(String[] fields);
    }

    private CsvResource() {
    }

    /** Reads every record of {@code resource}, which must have exactly {@code fields} fields. */
    public static <T> List<T> read(String resource, int fields, RowParser<T> parser) {
        try (InputStream in = CsvResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), resource, fields, parser);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    public static <T> List<T> parse(BufferedReader reader, String name, int fields, RowParser<T> parser) throws IOException {
        List<T> rows = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", fields);
            if (f.length != fields) {
                throw new IOException("line " + number + " of " + name + " has " + f.length + " fields, expected " + fields);
            }
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].trim();
            }
            try {
                rows.add(parser.parse(f));
            } catch (IllegalArgumentException bad) {
                throw new IOException("line " + number + " of " + name + ": " + bad.getMessage());
            }
        }
        return List.copyOf(rows);
    }
}
