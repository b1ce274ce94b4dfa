package workbench.ui.recurrent;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import workbench.core.train.SequenceExample;
import workbench.core.train.SyntheticTask;
import workbench.core.trace.GateKind;
import workbench.core.trace.GateSeries;
import workbench.core.trace.GateTrace;
import workbench.ui.common.ColorScale;
import workbench.ui.common.HeatmapCanvas;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One cell's trace for one input: the tokens with what was wanted and what the model predicted,
 * then heatmaps over time (columns = steps, rows = hidden units) of the hidden state and of every
 * gate the cell has.
 */
final class GatePanel extends VBox {

    static final String STRIP_ID = "recurrent-sequence-strip";
    static final String HIDDEN_HEATMAP_ID = "recurrent-heatmap-hidden";
    static final String PREDICTED_STYLE = "strip-predicted";
    static final String WRONG_STYLE = "strip-wrong";
    static final String RIGHT_STYLE = "strip-right";

    private final ThemeManager themes;
    private final GridPane strip = new GridPane();
    private final GridPane maps = new GridPane();
    private final Label empty = new Label();
    private final Map<GateKind, HeatmapCanvas> gateMaps = new EnumMap<>(GateKind.class);
    private HeatmapCanvas hiddenMap;

    GatePanel(ThemeManager themes) {
        this.themes = themes;
        getStyleClass().add("gate-panel");
        setSpacing(8);
        strip.setId(STRIP_ID);
        strip.getStyleClass().add("sequence-strip");
        ScrollPane stripScroll = new ScrollPane(strip);
        stripScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        stripScroll.prefViewportHeightProperty().bind(strip.heightProperty());
        stripScroll.setMinHeight(USE_PREF_SIZE);     // all four rows stay visible at every font size
        maps.setHgap(8);
        maps.setVgap(8);
        VBox.setVgrow(maps, Priority.ALWAYS);
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        getChildren().addAll(stripScroll, empty, maps);
        show(null, null, "Press Train: the three models are trained, then their gates for this input appear here.");
    }

    /** The heatmap of one gate, if the shown cell has it (for tests). */
    HeatmapCanvas heatmap(GateKind kind) {
        return gateMaps.get(kind);
    }

    HeatmapCanvas hiddenHeatmap() {
        return hiddenMap;
    }

    /**
     * Shows {@code trace}; {@code example} (may be null for a typed input) gives the wanted tokens.
     * With no trace, shows {@code message} instead.
     */
    void show(GateTrace trace, SequenceExample example, String message) {
        strip.getChildren().clear();
        maps.getChildren().clear();
        gateMaps.clear();
        hiddenMap = null;
        empty.setText(trace == null ? message : "");
        empty.setVisible(trace == null);
        empty.setManaged(trace == null);
        if (trace == null) {
            return;
        }
        List<String> columns = new ArrayList<>();
        for (int token : trace.tokens()) {
            columns.add(SyntheticTask.tokenizer().tokenText(token));
        }
        fillStrip(trace, example, columns);
        hiddenMap = heatmap(trace.hidden(), columns, ColorScale.DIVERGING, -1.0, 1.0);
        hiddenMap.setId(HIDDEN_HEATMAP_ID);
        List<VBox> all = new ArrayList<>();
        all.add(titled("Hidden state h", "what the layer above reads at each step", hiddenMap));
        for (GateSeries series : trace.gates()) {
            GateKind kind = series.kind();
            HeatmapCanvas map = heatmap(series.values(), columns,
                    kind.signed() ? ColorScale.DIVERGING : ColorScale.VIRIDIS,
                    kind.bounded() ? kind.lower() : null, kind.bounded() ? kind.upper() : null);
            map.setId("recurrent-heatmap-" + kind.name().toLowerCase(java.util.Locale.ROOT));
            gateMaps.put(kind, map);
            all.add(titled(kind.label(), kind.meaning(), map));
        }
        int perRow = all.size() <= 2 ? all.size() : (all.size() <= 4 ? 2 : 3);
        for (int i = 0; i < all.size(); i++) {
            VBox box = all.get(i);
            GridPane.setHgrow(box, Priority.ALWAYS);
            GridPane.setVgrow(box, Priority.ALWAYS);
            maps.add(box, i % perRow, i / perRow);
        }
    }

    private static VBox titled(String title, String meaning, HeatmapCanvas map) {
        Label heading = new Label(title);
        heading.getStyleClass().add("gate-title");
        Label hint = new Label(meaning);
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        VBox box = new VBox(2, heading, hint, map);
        VBox.setVgrow(map, Priority.ALWAYS);
        return box;
    }

    private HeatmapCanvas heatmap(float[][] values, List<String> columns, ColorScale scale, Double min, Double max) {
        HeatmapCanvas map = new HeatmapCanvas(themes);
        List<String> rows = new ArrayList<>();
        for (int u = 0; u < values.length; u++) {
            rows.add(String.valueOf(u));
        }
        map.setData(values, rows, columns);
        map.setTitles("hidden unit", "");
        map.setColorScale(scale);
        map.setRange(min, max);
        map.setValueFormat("%.3f");
        map.setPrefSize(360, 240);
        map.setMinSize(220, 160);
        return map;
    }

    /** Four rows: step, input token, wanted token (scored steps only), predicted token. */
    private void fillStrip(GateTrace trace, SequenceExample example, List<String> columns) {
        strip.add(rowLabel("step"), 0, 0);
        strip.add(rowLabel("input"), 0, 1);
        strip.add(rowLabel("wanted"), 0, 2);
        strip.add(rowLabel(trace.cell() + " predicts"), 0, 3);
        boolean known = example != null && java.util.Arrays.equals(example.input(), trace.tokens());
        for (int t = 0; t < trace.steps(); t++) {
            strip.add(cell(String.valueOf(t), "strip-step"), t + 1, 0);
            strip.add(cell(columns.get(t), "strip-input"), t + 1, 1);
            boolean scored = known && example.scored()[t];
            String wanted = scored ? SyntheticTask.tokenizer().tokenText(example.target()[t]) : "";
            strip.add(cell(wanted, "strip-wanted"), t + 1, 2);
            String predicted = SyntheticTask.tokenizer().tokenText(trace.predicted()[t]);
            Label p = cell(predicted, PREDICTED_STYLE);
            if (scored) {
                p.getStyleClass().add(trace.predicted()[t] == example.target()[t] ? RIGHT_STYLE : WRONG_STYLE);
            }
            strip.add(p, t + 1, 3);
        }
    }

    private static Label rowLabel(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("strip-row-label");
        label.setPadding(new Insets(0, 8, 0, 0));
        return label;
    }

    private static Label cell(String text, String style) {
        Label label = new Label(text);
        label.getStyleClass().addAll("strip-cell", style);
        return label;
    }

    /** The predicted-token labels, left to right (for tests). */
    List<String> predictedTexts() {
        List<String> out = new ArrayList<>();
        strip.getChildren().stream()
                .filter(n -> n.getStyleClass().contains(PREDICTED_STYLE))
                .forEach(n -> out.add(((Label) n).getText()));
        return out;
    }
}
