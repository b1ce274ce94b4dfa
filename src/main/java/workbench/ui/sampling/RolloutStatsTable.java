package workbench.ui.sampling;

import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import workbench.core.sampling.RolloutResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The rollouts' numbers as a small table, this run above the one before so that two settings can
 * be compared column by column, with a few of the rollouts as examples underneath.
 */
final class RolloutStatsTable extends VBox {

    static final String CELL_CLASS = "sampling-stats-cell";
    static final String HEADER_CLASS = "sampling-stats-header";

    /** Column headings, each with what it measures. */
    static final List<String[]> COLUMNS = List.of(
            new String[]{"", ""},
            new String[]{"settings", "temperature and the cuts that are on (top-k, top-p, repetition penalty)"},
            new String[]{"first-token\nentropy, bits", "entropy of the histogram of first tokens above: "
                    + "0 = always the same token, higher = more spread"},
            new String[]{"distribution\nentropy, bits", "entropy of the distribution the first token is drawn from: "
                    + "what the histogram's entropy approaches with many rollouts"},
            new String[]{"distinct-2", "different 2-token pieces / all 2-token pieces, over every rollout"},
            new String[]{"distinct-4", "different 4-token pieces / all 4-token pieces; for characters, about a "
                    + "short word: low = the same phrases again and again"},
            new String[]{"different\nrollouts", "how many of the rollouts differ from all the others"});

    private final GridPane grid = new GridPane();
    private final Label heading = new Label();
    private final Label examples = new Label();
    private final List<List<String>> rows = new ArrayList<>();

    RolloutStatsTable() {
        super(4);
        getStyleClass().add("sampling-stats");
        grid.setHgap(18);
        grid.setVgap(2);
        heading.getStyleClass().add("value-readout");
        examples.getStyleClass().add("value-readout");
        examples.setWrapText(true);
        for (int c = 0; c < COLUMNS.size(); c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setHalignment(c < 2 ? HPos.LEFT : HPos.RIGHT);
            grid.getColumnConstraints().add(column);
        }
        getChildren().setAll(heading, grid, examples);
        show(null, null, id -> "");
    }

    /** Shows {@code now} and, below it, {@code before} (either may be null). */
    void show(RolloutResult now, RolloutResult before, IntFunction<String> texts) {
        grid.getChildren().clear();
        rows.clear();
        boolean any = now != null;
        setVisible(any);
        setManaged(any);
        if (!any) {
            heading.setText("");
            examples.setText("");
            return;
        }
        heading.setText(String.format(Locale.ROOT, "%d rollouts of %d tokens, seeds %d to %d:", now.count(), now.length(),
                now.settings().seed(), now.settings().seed() + now.count() - 1));
        for (int c = 0; c < COLUMNS.size(); c++) {
            Label header = new Label(COLUMNS.get(c)[0]);
            header.getStyleClass().add(HEADER_CLASS);
            header.setMinWidth(Region.USE_PREF_SIZE);
            GridPane.setValignment(header, VPos.BOTTOM);
            if (!COLUMNS.get(c)[1].isEmpty()) {
                header.setTooltip(new Tooltip(COLUMNS.get(c)[1]));
            }
            grid.add(header, c, 0);
        }
        addRow("Now", now);
        if (before != null) {
            addRow("Before", before);
        }
        StringBuilder text = new StringBuilder("For example:");
        for (int i = 0; i < Math.min(3, now.count()); i++) {
            text.append(String.format(Locale.ROOT, "%n  seed %d: \"%s\"", now.settings().seed() + i,
                    SamplingTexts.text(now.sequence(i), texts)));
        }
        examples.setText(text.toString());
    }

    private void addRow(String name, RolloutResult r) {
        List<String> cells = List.of(name, SamplingTexts.brief(r.settings()),
                String.format(Locale.ROOT, "%.2f", r.firstTokenEntropy()),
                String.format(Locale.ROOT, "%.2f", r.expectedEntropy()),
                String.format(Locale.ROOT, "%.3f", r.distinct2()),
                String.format(Locale.ROOT, "%.3f", r.distinct4()),
                r.distinctSequences() + " of " + r.count());
        int row = rows.size() + 1;
        for (int c = 0; c < cells.size(); c++) {
            Label cell = new Label(cells.get(c));
            cell.getStyleClass().addAll(CELL_CLASS, "value-readout");
            cell.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(cell, c, row);
        }
        rows.add(cells);
    }

    /** The table's rows as shown ("Now", then "Before" if there is one), cell texts in column order. */
    List<List<String>> rows() {
        return List.copyOf(rows);
    }

    String heading() {
        return heading.getText();
    }

    String examples() {
        return examples.getText();
    }
}
