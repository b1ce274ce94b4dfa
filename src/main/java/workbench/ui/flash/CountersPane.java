package workbench.ui.flash;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import workbench.core.attention.AttentionComplexity;
import workbench.core.trace.IoCounts;
import workbench.ui.common.CsvTable;
import workbench.ui.common.MemorySizeFormat;

import java.util.List;
import java.util.Locale;

/**
 * The counters of both algorithms side by side, as the implementations counted them while they
 * ran, with the paper's bounds for the same N, d and M underneath.
 */
final class CountersPane extends GridPane {

    static final String ID_PREFIX = "flash-counter-";
    static final String STANDARD = "standard";
    static final String FLASH = "flash";

    /** The rows, in order: key (for node ids) and label. */
    static final List<String[]> ROWS = List.of(
            new String[]{"reads", "Slow-memory reads"},
            new String[]{"writes", "Slow-memory writes"},
            new String[]{"accesses", "Reads + writes"},
            new String[]{"bound", "Paper's bound"},
            new String[]{"peak", "Peak extra memory"},
            new String[]{"flops", "FLOPs"});

    static final String VERDICT_ID = ID_PREFIX + "verdict";

    private final Label[][] cells = new Label[ROWS.size()][2];
    private final Label verdict = new Label();

    CountersPane() {
        getStyleClass().add("flash-counters");
        // In a short window the tab scrolls; squeezed, the two-line bounds and the verdict were cut off.
        setMinHeight(Region.USE_PREF_SIZE);
        setHgap(18);
        setVgap(4);
        ColumnConstraints first = new ColumnConstraints();
        first.setHalignment(HPos.LEFT);
        ColumnConstraints rest = new ColumnConstraints();
        rest.setHgrow(Priority.ALWAYS);
        getColumnConstraints().setAll(first, rest, rest);
        add(header(""), 0, 0);
        add(header("Standard attention (Algorithm 0)"), 1, 0);
        add(header("FlashAttention (Algorithm 1)"), 2, 0);
        for (int r = 0; r < ROWS.size(); r++) {
            Label name = new Label(ROWS.get(r)[1]);
            name.getStyleClass().add("flash-counter-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            add(name, 0, r + 1);
            for (int c = 0; c < 2; c++) {
                Label value = new Label("…");
                value.setId(ID_PREFIX + ROWS.get(r)[0] + "-" + (c == 0 ? STANDARD : FLASH));
                // The bounds are formulas: a proportional font keeps Θ from looking like a zero.
                value.getStyleClass().add(ROWS.get(r)[0].equals("bound") ? "flash-bound" : "value-readout");
                cells[r][c] = value;
                add(value, c + 1, r + 1);
            }
        }
        Label note = new Label("Counted by the implementations as they ran; bytes of 4-byte floats, 1 KB = 1024 bytes. "
                + "The bounds drop constant factors: compare how they grow with N and M, not their size.");
        note.getStyleClass().add("hint");
        note.setWrapText(true);
        verdict.setId(VERDICT_ID);
        verdict.setWrapText(true);
        verdict.getStyleClass().add("flash-verdict");
        add(verdict, 0, ROWS.size() + 1, 3, 1);
        add(note, 0, ROWS.size() + 2, 3, 1);
    }

    void show(FlashResult result) {
        List<String[]> values = texts(result);
        for (int r = 0; r < ROWS.size(); r++) {
            cells[r][0].setText(values.get(r)[0]);
            cells[r][1].setText(values.get(r)[1]);
        }
        verdict.setText(verdict(result));
    }

    /** One sentence comparing the two algorithms' slow-memory traffic, from the counts. */
    static String verdict(FlashResult result) {
        long standard = result.standard().counts().slowAccessBytes();
        long flash = result.tiled().counts().slowAccessBytes();
        int n = result.length();
        if (flash * 10 < standard * 9) {
            return String.format(Locale.ROOT, "FlashAttention moved %.1f× fewer bytes to and from slow memory.",
                    (double) standard / flash);
        }
        return String.format(Locale.ROOT, "At N = %d FlashAttention saves little or nothing (%s against %s): each "
                        + "block of queries reads K and V again, and the N × N matrix it never writes is only %s floats. "
                        + "The saving grows with N: see the Scaling tab.", n, MemorySizeFormat.bytes(flash),
                MemorySizeFormat.bytes(standard), MemorySizeFormat.count((long) n * n));
    }

    /** The text of every cell: [row][standard, flash]. Tests compare against these. */
    static List<String[]> texts(FlashResult result) {
        IoCounts standard = result.standard().counts();
        IoCounts flash = result.tiled().counts();
        int n = result.length();
        int d = result.width();
        String standardBound = String.format(Locale.ROOT, "%s%n= %d·%d + %d² = %s floats",
                AttentionComplexity.STANDARD_FORMULA, n, d, n, MemorySizeFormat.approx(result.standardOrder()));
        String flashBound = String.format(Locale.ROOT, "%s%n= %d²·%d²/%s = %s floats",
                AttentionComplexity.FLASH_FORMULA, n, d, MemorySizeFormat.count(result.fastMemoryFloats()),
                MemorySizeFormat.approx(result.flashOrder()));
        return List.of(
                new String[]{bytes(standard.slowReadBytes()), bytes(flash.slowReadBytes())},
                new String[]{bytes(standard.slowWriteBytes()), bytes(flash.slowWriteBytes())},
                new String[]{bytesAndFloats(standard.slowAccessBytes()), bytesAndFloats(flash.slowAccessBytes())},
                new String[]{standardBound, flashBound},
                new String[]{bytes(standard.peakExtraBytes()), bytes(flash.peakExtraBytes())},
                new String[]{MemorySizeFormat.count(standard.flops()), MemorySizeFormat.count(flash.flops())});
    }

    /** The same figures as a CSV table, exact numbers rather than rounded text. */
    static CsvTable table(FlashResult result) {
        IoCounts s = result.standard().counts();
        IoCounts f = result.tiled().counts();
        return CsvTable.builder("quantity", "standard", "flashattention", "unit")
                .row("slow_memory_reads", s.slowReadBytes(), f.slowReadBytes(), "bytes")
                .row("slow_memory_writes", s.slowWriteBytes(), f.slowWriteBytes(), "bytes")
                .row("slow_memory_accesses", s.slowAccessBytes(), f.slowAccessBytes(), "bytes")
                .row("paper_bound", result.standardOrder(), result.flashOrder(), "floats")
                .row("peak_extra_memory", s.peakExtraBytes(), f.peakExtraBytes(), "bytes")
                .row("flops", s.flops(), f.flops(), "operations")
                .row("n", result.length(), result.length(), "tokens")
                .row("d", result.width(), result.width(), "")
                .row("fast_memory", result.fastMemoryBytes(), result.fastMemoryBytes(), "bytes")
                .row("block_rows_br", "", result.tiled().blockRows(), "")
                .row("block_cols_bc", "", result.tiled().blockCols(), "")
                .build();
    }

    private static String bytes(long value) {
        return MemorySizeFormat.bytes(value);
    }

    private static String bytesAndFloats(long value) {
        return MemorySizeFormat.bytes(value) + " (" + MemorySizeFormat.count(value / Float.BYTES) + " floats)";
    }

    private static Label header(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }
}
