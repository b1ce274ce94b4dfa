package workbench.ui.recurrent;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import workbench.core.recurrent.ForwardTiming;

import java.util.Locale;

/** Parameters, steps run one after another, and measured time at the shortest and longest length, per model. */
final class TimingTable extends VBox {

    static final String ID = "recurrent-timing-table";

    private final GridPane grid = new GridPane();
    private final Label note = new Label();

    TimingTable() {
        setId(ID);
        setSpacing(6);
        grid.getStyleClass().add("summary-table");
        grid.setHgap(18);
        grid.setVgap(4);
        grid.setMinWidth(USE_PREF_SIZE);
        note.getStyleClass().add("hint");
        note.setWrapText(true);
        note.setMinHeight(USE_PREF_SIZE);
        getChildren().addAll(grid, note);
        show(null);
    }

    private void add(javafx.scene.Node node, int column, int row) {
        grid.add(node, column, row);
    }

    /** The id of the label holding a model's time at the longest length, for tests. */
    static String longestId(int row) {
        return "timing-longest-" + row;
    }

    /** The id of the label holding a model's parameter count, for tests. */
    static String parametersId(int row) {
        return "timing-parameters-" + row;
    }

    void show(ForwardTiming.Result result) {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        String first = result == null ? "shortest T" : "T = " + result.lengths()[0];
        String last = result == null ? "longest T" : "T = " + result.lengths()[result.lengths().length - 1];
        String[] headers = {"Model", "Parameters", "Steps one after another", "ms at " + first, "ms at " + last};
        for (int c = 0; c < headers.length; c++) {
            Label h = new Label(headers[c]);
            h.getStyleClass().add("summary-header");
            add(h, c, 0);
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHalignment(c == 0 ? HPos.LEFT : HPos.RIGHT);
            grid.getColumnConstraints().add(cc);
        }
        if (result == null) {
            note.setText("Press Measure to time one forward pass of each model at T = 8 ... 512.");
            return;
        }
        int row = 1;
        for (ForwardTiming.Series s : result.series()) {
            double[] ms = s.millis();
            String style = "series-" + s.architecture().name().toLowerCase(Locale.ROOT);
            Label name = new Label(s.label());
            Label parameters = new Label(String.format(Locale.ROOT, "%,d", s.parameterCount()));
            parameters.setId(parametersId(row - 1));
            Label longest = new Label(String.format(Locale.ROOT, "%.3f", ms[ms.length - 1]));
            longest.setId(longestId(row - 1));
            Label sequential = new Label(s.sequential() ? "T" : s.layers() + " (one per layer)");
            Label shortest = new Label(String.format(Locale.ROOT, "%.3f", ms[0]));
            for (Label l : new Label[]{name, parameters, sequential, shortest, longest}) {
                l.getStyleClass().addAll("summary-value", style);
            }
            add(name, 0, row);
            add(parameters, 1, row);
            add(sequential, 2, row);
            add(shortest, 3, row);
            add(longest, 4, row);
            row++;
        }
        note.setText("Each model as trained here (hidden size H = " + result.settings().hiddenSize()
                + ", transformer width d = " + result.transformer().dModel() + "), one sequence: the fastest of "
                + RecurrentViewModel.TIMING_REPEATS + " runs after warm-up runs, measured on this computer (other "
                + "programs running at the same time can only slow a run down).");
    }
}
