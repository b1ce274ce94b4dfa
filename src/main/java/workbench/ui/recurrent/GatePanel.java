package workbench.ui.recurrent;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import workbench.core.train.SequenceExample;
import workbench.core.tokenizer.CharTokenizer;
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
    static final String TRANSFORMER_PREDICTED_STYLE = "strip-transformer-predicted";
    static final String WRONG_STYLE = "strip-wrong";
    static final String RIGHT_STYLE = "strip-right";
    /** Width a gate map needs to stay readable at normal text size. */
    static final double MAP_WIDTH = 200;

    private final ThemeManager themes;
    private final GridPane strip = new GridPane();
    private final GridPane maps = new GridPane();
    private final Label empty = new Label();
    private final Map<GateKind, HeatmapCanvas> gateMaps = new EnumMap<>(GateKind.class);
    private HeatmapCanvas hiddenMap;
    private final List<VBox> boxes = new ArrayList<>();
    private double viewportWidth;
    private double viewportHeight;
    private int arrangedPerRow;
    private int steps;
    private int units;

    GatePanel(ThemeManager themes) {
        this.themes = themes;
        getStyleClass().add("gate-panel");
        setSpacing(8);
        strip.setId(STRIP_ID);
        strip.getStyleClass().add("sequence-strip");
        ScrollPane stripScroll = new ScrollPane(strip);
        stripScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        stripScroll.prefViewportHeightProperty().bind(strip.heightProperty());
        stripScroll.setMinHeight(USE_PREF_SIZE);     // every row stays visible at every font size
        maps.setHgap(8);
        maps.setVgap(8);
        // The maps shrink with the window down to a readable size, then scroll (large fonts, small screens).
        ScrollPane mapScroll = new ScrollPane(maps);
        mapScroll.setFitToWidth(true);
        mapScroll.setFitToHeight(true);
        mapScroll.getStyleClass().add("gate-maps");
        VBox.setVgrow(mapScroll, Priority.ALWAYS);
        mapScroll.viewportBoundsProperty().addListener((obs, old, now) -> {
            viewportWidth = now.getWidth();
            viewportHeight = now.getHeight();
            arrange();
        });
        themes.themeProperty().addListener((obs, old, now) -> arrange());
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        getChildren().addAll(stripScroll, empty, mapScroll);
        show(null, null, null, null, "Press Train: the models are trained, then their gates for this input appear here.");
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
    void show(GateTrace trace, SequenceExample example, CharTokenizer tokenizer, int[] transformerPredicted,
              String message) {
        strip.getChildren().clear();
        maps.getChildren().clear();
        boxes.clear();
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
            columns.add(TokenText.visible(tokenizer.tokenText(token)));
        }
        fillStrip(trace, example, tokenizer, transformerPredicted, columns);
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
        boxes.clear();
        boxes.addAll(all);
        steps = trace.steps();
        units = trace.hidden().length;
        arrangedPerRow = 0;
        arrange();
    }

    /**
     * As many maps to a row (at most three, each at least a readable width) as give the largest
     * cells in the visible area: a long input needs wide maps, many hidden units tall ones. A map
     * never gets smaller than its minimum size; what does not fit then scrolls.
     */
    private void arrange() {
        if (boxes.isEmpty()) {
            return;
        }
        double scale = themes.theme().fontScale();
        double readable = MAP_WIDTH * scale;
        int fit = viewportWidth <= 0 ? 3 : (int) Math.max(1, Math.floor(viewportWidth / readable));
        int perRow = Math.min(fit, Math.min(3, boxes.size()));
        if (viewportWidth > 0 && viewportHeight > 0) {
            double bestCell = -1;
            for (int p = 1; p <= Math.min(fit, Math.min(3, boxes.size())); p++) {
                int rows = (boxes.size() + p - 1) / p;
                // Labels, colour bar and titles take roughly this much around each map's cells.
                double across = (viewportWidth / p - 110 * scale) / Math.max(1, steps);
                double down = (viewportHeight / rows - 90 * scale) / Math.max(1, units);
                double cell = Math.min(across, down);
                if (cell > bestCell + 0.25) {
                    bestCell = cell;
                    perRow = p;
                }
            }
        }
        if (perRow == arrangedPerRow) {
            return;
        }
        arrangedPerRow = perRow;
        maps.getChildren().clear();
        for (int i = 0; i < boxes.size(); i++) {
            VBox box = boxes.get(i);
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
        hint.setMinHeight(USE_PREF_SIZE);
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
        map.setPrefSize(300, 240);
        // tall enough for a few pixels per hidden unit, so that a large font cannot squeeze the cells away
        map.setMinSize(200, Math.max(180, Math.min(360, 60 + 5 * values.length)));
        return map;
    }

    /**
     * Rows: step, input token, wanted token (scored steps only), the cell's prediction, and the
     * transformer's prediction when it has read the same input.
     */
    private void fillStrip(GateTrace trace, SequenceExample example, CharTokenizer tokenizer, int[] transformer,
                           List<String> columns) {
        strip.add(rowLabel("step"), 0, 0);
        strip.add(rowLabel("input"), 0, 1);
        strip.add(rowLabel("wanted"), 0, 2);
        strip.add(rowLabel(trace.cell() + " predicts"), 0, 3);
        boolean both = transformer != null && transformer.length == trace.steps();
        if (both) {
            strip.add(rowLabel("Transformer predicts"), 0, 4);
        }
        boolean known = example != null && java.util.Arrays.equals(example.input(), trace.tokens());
        for (int t = 0; t < trace.steps(); t++) {
            strip.add(cell(String.valueOf(t), "strip-step"), t + 1, 0);
            strip.add(cell(columns.get(t), "strip-input"), t + 1, 1);
            boolean scored = known && example.scored()[t];
            String wanted = scored ? TokenText.visible(tokenizer.tokenText(example.target()[t])) : "";
            strip.add(cell(wanted, "strip-wanted"), t + 1, 2);
            String predicted = TokenText.visible(tokenizer.tokenText(trace.predicted()[t]));
            strip.add(prediction(predicted, trace.predicted()[t], scored ? example.target()[t] : -1,
                    PREDICTED_STYLE), t + 1, 3);
            if (both) {
                strip.add(prediction(TokenText.visible(tokenizer.tokenText(transformer[t])), transformer[t],
                        scored ? example.target()[t] : -1, TRANSFORMER_PREDICTED_STYLE), t + 1, 4);
            }
        }
    }

    /** A predicted token, green when it is the wanted one and red when not ({@code wanted} -1: not scored). */
    private static Label prediction(String text, int predicted, int wanted, String style) {
        Label p = cell(text, style);
        if (wanted >= 0) {
            p.getStyleClass().add(predicted == wanted ? RIGHT_STYLE : WRONG_STYLE);
        }
        return p;
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

    /** The predicted-token labels of one row ({@link #PREDICTED_STYLE} or the transformer's), left to right (for tests). */
    List<String> predictedTexts(String style) {
        List<String> out = new ArrayList<>();
        strip.getChildren().stream()
                .filter(n -> n.getStyleClass().contains(style))
                .forEach(n -> out.add(((Label) n).getText()));
        return out;
    }
}
