package workbench.ui.flash;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import workbench.core.trace.TileStep;
import workbench.ui.common.ColorScale;
import workbench.ui.common.HeatmapCanvas;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The current step up close: what it loaded, the block's scores, the running max m and sum l
 * of each of its rows before and after, and the partial output rows it wrote back.
 */
final class StepDetailPane extends VBox {

    static final String STEP_TEXT_ID = "flash-step-text";
    static final String SCORES_ID = "flash-block-scores";
    static final String ROWS_ID = "flash-row-stats";
    static final String OUTPUT_ID = "flash-partial-output";
    static final String RESCALED_CLASS = "flash-rescaled";

    /** One row of the current block, as the table shows it. */
    record RowStat(int query, String maxBefore, String maxAfter, String sumBefore, String sumAfter, String factor,
                   boolean rescaled) {
    }

    private final Label stepText = new Label();
    private final HeatmapCanvas scores;
    private final HeatmapCanvas output;
    private final TableView<RowStat> rows = new TableView<>();

    StepDetailPane(ThemeManager themes) {
        getStyleClass().add("flash-step-detail");
        stepText.setId(STEP_TEXT_ID);
        stepText.setWrapText(true);
        stepText.getStyleClass().add("flash-step-text");
        stepText.setMinHeight(Region.USE_PREF_SIZE);
        scores = new HeatmapCanvas(themes);
        scores.setId(SCORES_ID);
        scores.setColorScale(ColorScale.DIVERGING);
        scores.setTitles("query", "key");
        scores.setEmptyMessage("No block yet");
        output = new HeatmapCanvas(themes);
        output.setId(OUTPUT_ID);
        output.setColorScale(ColorScale.DIVERGING);
        output.setTitles("query", "O row (partial)");
        output.setEmptyMessage("No block yet");
        rows.setId(ROWS_ID);
        rows.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        rows.setPlaceholder(new Label("No block yet"));
        rows.getColumns().setAll(List.of(
                column("query", s -> Integer.toString(s.query())),
                column("m", RowStat::maxBefore),
                column("m′", RowStat::maxAfter),
                column("l", RowStat::sumBefore),
                column("l′", RowStat::sumAfter),
                column("factor", RowStat::factor)));
        rows.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(RowStat item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove(RESCALED_CLASS);
                if (!empty && item != null && item.rescaled()) {
                    getStyleClass().add(RESCALED_CLASS);
                }
            }
        });
        scores.setMinSize(160, 150);
        output.setMinSize(160, 150);
        rows.setMinWidth(300);
        HBox.setHgrow(scores, Priority.ALWAYS);
        HBox.setHgrow(output, Priority.ALWAYS);
        Label caption = new Label("Each row's running max and sum before (m, l) and after (m′, l′) this block. "
                + "Highlighted rows found a larger max: their old l and O were multiplied by the factor e^(m − m′).");
        caption.setWrapText(true);
        caption.getStyleClass().add("hint");
        caption.setMinHeight(Region.USE_PREF_SIZE);
        VBox table = new VBox(4, caption, rows);
        VBox.setVgrow(rows, Priority.ALWAYS);
        HBox.setHgrow(table, Priority.SOMETIMES);
        table.maxWidthProperty().bind(Bindings.createDoubleBinding(
                () -> 480 * themes.theme().fontScale(), themes.themeProperty()));
        table.minWidthProperty().bind(Bindings.createDoubleBinding(
                () -> 380 * themes.theme().fontScale(), themes.themeProperty()));
        HBox boxes = new HBox(8, scores, table, output);
        VBox.setVgrow(boxes, Priority.ALWAYS);
        setSpacing(6);
        getChildren().addAll(stepText, boxes);
    }

    void show(FlashFrame frame) {
        stepText.setText(describe(frame));
        TileStep step = frame.current();
        if (step == null) {
            scores.setData(new float[0][0], List.of(), List.of());
            output.setData(new float[0][0], List.of(), List.of());
            rows.setItems(FXCollections.observableArrayList());
            return;
        }
        List<String> labels = frame.result().input().labels();
        boolean[][] hidden = new boolean[step.rows()][step.columns()];
        for (int r = 0; r < step.rows(); r++) {
            for (int c = 0; c < step.columns(); c++) {
                hidden[r][c] = !step.allowed()[r][c];
            }
        }
        scores.setMask(hidden);
        scores.setData(step.scores(), labels.subList(step.rowStart(), step.rowEnd()),
                labels.subList(step.colStart(), step.colEnd()));
        double range = MatrixPainter.maxAbs(frame.result().tiled().output());
        output.setRange(-range, range);
        List<String> dims = new ArrayList<>();
        for (int c = 0; c < step.outputAfter()[0].length; c++) {
            dims.add(Integer.toString(c));
        }
        output.setData(step.outputAfter(), labels.subList(step.rowStart(), step.rowEnd()), dims);
        List<RowStat> stats = new ArrayList<>();
        for (int r = 0; r < step.rows(); r++) {
            stats.add(new RowStat(step.rowStart() + r, number(step.maxBefore()[r]), number(step.maxAfter()[r]),
                    number(step.sumBefore()[r]), number(step.sumAfter()[r]), number(step.rescaleFactor(r)),
                    step.rescaled(r)));
        }
        rows.setItems(FXCollections.observableArrayList(stats));
    }

    /** The sentence above the block: what is in fast memory and what happened to the rows. */
    static String describe(FlashFrame frame) {
        FlashResult result = frame.result();
        int n = result.length();
        int br = result.tiled().blockRows();
        int bc = result.tiled().blockCols();
        TileStep step = frame.current();
        if (step == null) {
            return String.format(Locale.ROOT, "Before the first step: slow memory holds O = 0, l = 0, m = −∞. "
                            + "N = %d, Br = %d, Bc = %d: %d × %d blocks, %d of them computed%s.", n, br, bc,
                    result.tiled().queryBlocks(), result.tiled().keyBlocks(), frame.stepCount(),
                    result.causal() ? " (the causal mask hides the others)" : "");
        }
        String i = MatrixPainter.sub(step.queryBlock() + 1);
        String j = MatrixPainter.sub(step.keyBlock() + 1);
        int grew = 0;
        int first = 0;
        for (int r = 0; r < step.rows(); r++) {
            if (step.rescaled(r)) {
                grew++;
            }
            if (step.maxBefore()[r] == Float.NEGATIVE_INFINITY) {
                first++;
            }
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Step %d of %d: K%s, V%s (keys %d–%d) and Q%s, O%s, m%s, l%s (queries %d–%d) are in fast memory. ",
                frame.stepsDone(), frame.stepCount(), j, j, step.colStart(), step.colEnd() - 1, i, i, i, i,
                step.rowStart(), step.rowEnd() - 1));
        if (first == step.rows()) {
            text.append("This is the first block for these rows: m and l start from it.");
        } else {
            text.append(String.format(Locale.ROOT, "The max grew in %d of %d rows; their l and O were rescaled by "
                    + "e^(m − m′) before this block was added.", grew, step.rows()));
        }
        if (frame.stepsDone() == frame.stepCount()) {
            text.append(String.format(Locale.ROOT, " Done: O equals standard attention (largest difference %.1e)",
                    result.maxDifference()));
            text.append(result.input().hasReference() ? String.format(Locale.ROOT, " and %s (%.1e).",
                    result.input().referenceName(), result.referenceDifference()) : ".");
        }
        return text.toString();
    }

    static String number(double value) {
        if (value == Double.NEGATIVE_INFINITY) {
            return "−∞";
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static TableColumn<RowStat, String> column(String title, Function<RowStat, String> value) {
        TableColumn<RowStat, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }
}
