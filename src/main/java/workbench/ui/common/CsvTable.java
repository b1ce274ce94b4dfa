package workbench.ui.common;

import workbench.core.io.AtomicFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A table of numbers (and labels) as a lab exports it: one header row and data rows. */
public record CsvTable(List<String> header, List<List<String>> rows) {

    public static final CsvTable EMPTY = new CsvTable(List.of(), List.of());

    public CsvTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    public boolean isEmpty() {
        return header.isEmpty() || rows.isEmpty();
    }

    /** A builder that collects rows; values are formatted with {@link String#valueOf}. */
    public static Builder builder(String... header) {
        return new Builder(List.of(header));
    }

    /**
     * A matrix with labelled rows and columns: the first header cell names the row labels,
     * for example an attention map with query tokens as rows and key tokens as columns.
     */
    public static CsvTable matrix(String corner, List<String> rowLabels, List<String> columnLabels, float[][] values) {
        List<String> header = new ArrayList<>();
        header.add(corner);
        header.addAll(columnLabels);
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < values.length; r++) {
            List<String> row = new ArrayList<>();
            row.add(r < rowLabels.size() ? rowLabels.get(r) : String.valueOf(r));
            for (float v : values[r]) {
                row.add(Float.toString(v));
            }
            rows.add(row);
        }
        return new CsvTable(header, rows);
    }

    /** Writes the table as UTF-8 CSV, atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, stream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            writeRow(out, header);
            for (List<String> row : rows) {
                writeRow(out, row);
            }
            out.flush();
        });
    }

    private static void writeRow(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** RFC 4180 quoting: cells holding a comma, quote or line break are quoted, quotes doubled. */
    static String quote(String cell) {
        String text = cell == null ? "" : cell;
        boolean needsQuotes = text.contains(",") || text.contains("\"") || text.contains("\n")
                || text.contains("\r") || !text.equals(text.strip());
        return needsQuotes ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    public static final class Builder {
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();

        private Builder(List<String> header) {
            this.header = header;
        }

        public Builder row(Object... cells) {
            List<String> row = new ArrayList<>(cells.length);
            for (Object cell : cells) {
                row.add(String.valueOf(cell));
            }
            rows.add(row);
            return this;
        }

        public CsvTable build() {
            return new CsvTable(header, rows);
        }
    }
}
