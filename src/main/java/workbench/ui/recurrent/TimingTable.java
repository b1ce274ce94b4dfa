package workbench.ui.recurrent;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import workbench.core.recurrent.ForwardTiming;

import java.util.Locale;

/** Parameters, sequential steps and measured time at the shortest and longest length, per layer. */
final class TimingTable extends GridPane {

    static final String ID = "recurrent-timing-table";

    TimingTable() {
        setId(ID);
        getStyleClass().add("summary-table");
        setHgap(18);
        setVgap(4);
        setMinWidth(USE_PREF_SIZE);
        show(null);
    }

    /** The id of the label holding a layer's time at the longest length, for tests. */
    static String longestId(int row) {
        return "timing-longest-" + row;
    }

    void show(ForwardTiming.Result result) {
        getChildren().clear();
        getColumnConstraints().clear();
        String first = result == null ? "shortest T" : "T = " + result.lengths()[0];
        String last = result == null ? "longest T" : "T = " + result.lengths()[result.lengths().length - 1];
        String[] headers = {"Layer", "Parameters", "Sequential steps", "ms at " + first, "ms at " + last};
        for (int c = 0; c < headers.length; c++) {
            Label h = new Label(headers[c]);
            h.getStyleClass().add("summary-header");
            add(h, c, 0);
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHalignment(c == 0 ? HPos.LEFT : HPos.RIGHT);
            getColumnConstraints().add(cc);
        }
        if (result == null) {
            Label hint = new Label("Press Measure to time one forward pass at T = 8 ... 512.");
            hint.getStyleClass().add("hint");
            add(hint, 0, 1, headers.length, 1);
            return;
        }
        int row = 1;
        for (ForwardTiming.Series s : result.series()) {
            double[] ms = s.millis();
            Label longest = new Label(String.format(Locale.ROOT, "%.3f", ms[ms.length - 1]));
            longest.setId(longestId(row - 1));
            add(new Label(s.label()), 0, row);
            add(new Label(String.format(Locale.ROOT, "%,d", s.parameterCount())), 1, row);
            add(new Label(s.sequential() ? "T" : "1"), 2, row);
            add(new Label(String.format(Locale.ROOT, "%.3f", ms[0])), 3, row);
            add(longest, 4, row);
            row++;
        }
        Label note = new Label("Width H = " + result.width() + "; median of " + RecurrentViewModel.TIMING_REPEATS
                + " runs each, measured on this computer.");
        note.getStyleClass().add("hint");
        note.setMinWidth(USE_PREF_SIZE);
        add(note, 0, row, headers.length, 1);
    }
}
