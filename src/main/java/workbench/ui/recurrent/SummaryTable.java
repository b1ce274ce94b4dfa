package workbench.ui.recurrent;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import workbench.core.model.TransformerConfig;
import workbench.core.recurrent.Architecture;
import workbench.core.recurrent.ComparisonResult;
import workbench.core.recurrent.ModelOutcome;

import java.util.Locale;

/** One row per model: parameters, final losses, test accuracy and cost per step; then the transformer's shape. */
final class SummaryTable extends VBox {

    static final String ID = "recurrent-summary";
    static final String SHAPE_ID = "recurrent-summary-shape";
    static final String[] HEADERS = {"Model", "Parameters", "Train loss", "Test loss", "Test accuracy", "ms / step"};
    static final String[] KEYS = {"model", "parameters", "train-loss", "test-loss", "accuracy", "ms"};

    private final GridPane grid = new GridPane();
    private final Label shape = new Label();

    SummaryTable() {
        setId(ID);
        setSpacing(6);
        grid.getStyleClass().add("summary-table");
        grid.setHgap(18);
        grid.setVgap(4);
        grid.setMinWidth(USE_PREF_SIZE);
        shape.setId(SHAPE_ID);
        shape.getStyleClass().add("hint");
        shape.setWrapText(true);
        shape.setMinHeight(USE_PREF_SIZE);
        getChildren().addAll(grid, shape);
        for (int c = 0; c < HEADERS.length; c++) {
            Label h = new Label(HEADERS[c]);
            h.getStyleClass().add("summary-header");
            grid.add(h, c, 0);
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHalignment(c == 0 ? HPos.LEFT : HPos.RIGHT);
            grid.getColumnConstraints().add(cc);
        }
        show(null);
    }

    /** The id of the label in a model's row and a column key, for tests: "summary-LSTM-accuracy". */
    static String cellId(Architecture model, String key) {
        return "summary-" + model.name() + "-" + key;
    }

    void show(ComparisonResult result) {
        grid.getChildren().removeIf(n -> GridPane.getRowIndex(n) != null && GridPane.getRowIndex(n) > 0);
        int row = 1;
        for (Architecture model : RecurrentCharts.MODELS) {
            ModelOutcome o = result == null ? null : result.outcome(model).orElse(null);
            String[] values = o == null
                    ? new String[]{model.label(), "", "", "", "", ""}
                    : new String[]{model.label(), String.format(Locale.ROOT, "%,d", o.parameterCount()),
                            format(o.finalTrainLoss()), format(o.test().meanLoss()),
                            String.format(Locale.ROOT, "%.1f %%", 100 * o.test().accuracy()),
                            String.format(Locale.ROOT, "%.1f", o.millisPerStep())};
            for (int c = 0; c < values.length; c++) {
                Label v = new Label(values[c]);
                v.setId(cellId(model, KEYS[c]));
                v.getStyleClass().addAll("summary-value", "series-" + model.name().toLowerCase(Locale.ROOT));
                grid.add(v, c, row);
            }
            row++;
        }
        shape.setText(result == null
                ? "The transformer is made as wide as brings its parameter count closest to the LSTM's."
                : shape(result.transformer()));
    }

    /** The transformer's shape in one sentence. */
    static String shape(TransformerConfig c) {
        return String.format(Locale.ROOT, "Transformer: %d layers of %d heads, width d = %d, feed-forward %d, %s "
                        + "positions, causal mask, output tied to the embeddings: the width whose parameter count is "
                        + "closest to the LSTM's.", c.layers(), c.heads(), c.dModel(), c.ffnWidth(),
                c.positional() == workbench.core.model.PositionalKind.ROPE ? "rotary (RoPE)"
                        : c.positional().name().toLowerCase(Locale.ROOT));
    }

    static String format(double nats) {
        return Double.isNaN(nats) ? "—" : String.format(Locale.ROOT, "%.3f", nats);
    }
}
