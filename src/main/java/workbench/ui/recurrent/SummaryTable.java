package workbench.ui.recurrent;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import workbench.core.recurrent.CellKind;
import workbench.core.recurrent.CellOutcome;
import workbench.core.recurrent.ComparisonResult;

import java.util.Locale;

/** One row per cell: parameters, final losses, test accuracy and cost per step; then the transformer's row. */
final class SummaryTable extends GridPane {

    static final String ID = "recurrent-summary";
    static final String[] HEADERS = {"Model", "Parameters", "Train loss", "Test loss", "Test accuracy", "ms / step"};
    static final String[] KEYS = {"model", "parameters", "train-loss", "test-loss", "accuracy", "ms"};

    SummaryTable() {
        setId(ID);
        getStyleClass().add("summary-table");
        setHgap(18);
        setVgap(4);
        setMinWidth(USE_PREF_SIZE);
        for (int c = 0; c < HEADERS.length; c++) {
            Label h = new Label(HEADERS[c]);
            h.getStyleClass().add("summary-header");
            add(h, c, 0);
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHalignment(c == 0 ? HPos.LEFT : HPos.RIGHT);
            getColumnConstraints().add(cc);
        }
        show(null);
    }

    /** The id of the label in a cell's row and a column key, for tests: "summary-LSTM-accuracy". */
    static String cellId(CellKind cell, String key) {
        return "summary-" + cell.name() + "-" + key;
    }

    void show(ComparisonResult result) {
        getChildren().removeIf(n -> GridPane.getRowIndex(n) != null && GridPane.getRowIndex(n) > 0);
        int row = 1;
        for (CellKind cell : RecurrentCharts.ORDER) {
            CellOutcome o = result == null ? null : result.outcome(cell).orElse(null);
            String[] values = o == null
                    ? new String[]{cell.label(), "", "", "", "", ""}
                    : new String[]{cell.label(), String.format(Locale.ROOT, "%,d", o.parameterCount()),
                            format(o.finalTrainLoss()), format(o.test().meanLoss()),
                            String.format(Locale.ROOT, "%.1f %%", 100 * o.test().accuracy()),
                            String.format(Locale.ROOT, "%.1f", o.millisPerStep())};
            for (int c = 0; c < values.length; c++) {
                Label v = new Label(values[c]);
                v.setId(cellId(cell, KEYS[c]));
                v.getStyleClass().addAll("summary-value", "series-" + cell.name().toLowerCase(Locale.ROOT));
                add(v, c, row);
            }
            row++;
        }
        Label transformer = new Label("Transformer");
        transformer.getStyleClass().add("summary-value");
        Label missing = new Label("not trained here yet — needs the transformer engine");
        missing.getStyleClass().add("hint");
        add(transformer, 0, row);
        add(missing, 1, row, HEADERS.length - 1, 1);
    }

    static String format(double nats) {
        return Double.isNaN(nats) ? "—" : String.format(Locale.ROOT, "%.3f", nats);
    }
}
