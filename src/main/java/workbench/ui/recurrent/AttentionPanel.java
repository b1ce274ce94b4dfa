package workbench.ui.recurrent;

import javafx.beans.property.IntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.LayerTrace;
import workbench.ui.common.ColorScale;
import workbench.ui.common.HeatmapCanvas;
import workbench.ui.common.ThemeManager;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The transformer's attention map for the same input as the gate heatmaps: for one layer and
 * head, how much each position (row) reads from each earlier position (column). Where a recurrent
 * cell must carry a token forward step by step, attention reaches back in one hop.
 */
final class AttentionPanel extends VBox {

    static final String ID = "recurrent-attention";
    static final String HEATMAP_ID = "recurrent-attention-heatmap";
    static final String LAYER_ID = "recurrent-attention-layer";
    static final String HEAD_ID = "recurrent-attention-head";

    private final HeatmapCanvas map;
    private final ChoiceBox<Integer> layer = new ChoiceBox<>();
    private final ChoiceBox<Integer> head = new ChoiceBox<>();
    private final Label caption = new Label();
    private final IntegerProperty layerIndex;
    private final IntegerProperty headIndex;
    private ForwardTrace trace;

    AttentionPanel(ThemeManager themes, IntegerProperty layerIndex, IntegerProperty headIndex) {
        this.layerIndex = layerIndex;
        this.headIndex = headIndex;
        setId(ID);
        getStyleClass().add("attention-panel");
        setSpacing(6);
        Label title = new Label("Transformer attention");
        title.getStyleClass().add("gate-title");
        Label hint = new Label("Row = the position predicting the next token; column = an earlier position it "
                + "reads. Each row sums to 1; hatched cells are the future, hidden by the causal mask.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        layer.setId(LAYER_ID);
        head.setId(HEAD_ID);
        layer.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                layerIndex.set(now);
            }
        });
        head.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                headIndex.set(now);
            }
        });
        layerIndex.addListener((obs, old, now) -> redraw());
        headIndex.addListener((obs, old, now) -> redraw());
        HBox pickers = new HBox(8, new Label("Layer"), layer, new Label("Head"), head);
        pickers.setAlignment(Pos.CENTER_LEFT);
        map = new HeatmapCanvas(themes);
        map.setId(HEATMAP_ID);
        map.setColorScale(ColorScale.VIRIDIS);
        map.setRange(0.0, 1.0);
        map.setValueFormat("%.3f");
        map.setTitles("query (reads)", "key (is read)");
        map.setEmptyMessage("Press Train: the transformer's attention for this input appears here.");
        map.setPrefSize(380, 380);
        map.setMinSize(220, 220);
        caption.getStyleClass().add("hint");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        VBox.setVgrow(map, Priority.ALWAYS);
        getChildren().addAll(title, hint, pickers, caption, map);
        show(null);
    }

    /** Shows the transformer's trace of the chosen input, or an empty map. */
    void show(ForwardTrace value) {
        trace = value;
        int layers = value == null ? 0 : value.layers().size();
        int heads = value == null ? 0 : value.layers().get(0).heads();
        List<Integer> layerItems = IntStream.range(0, layers).boxed().toList();
        List<Integer> headItems = IntStream.range(0, heads).boxed().toList();
        if (!layer.getItems().equals(layerItems)) {
            layer.getItems().setAll(layerItems);
        }
        if (!head.getItems().equals(headItems)) {
            head.getItems().setAll(headItems);
        }
        if (value != null) {
            layerIndex.set(Math.min(layerIndex.get(), layers - 1));
            headIndex.set(Math.min(headIndex.get(), heads - 1));
        }
        redraw();
    }

    private void redraw() {
        if (trace == null) {
            map.setData(new float[0][0], List.of(), List.of());
            caption.setText("");
            layer.setDisable(true);
            head.setDisable(true);
            return;
        }
        int l = Math.max(0, Math.min(layerIndex.get(), trace.layers().size() - 1));
        LayerTrace lt = trace.layers().get(l);
        int h = Math.max(0, Math.min(headIndex.get(), lt.heads() - 1));
        layer.setDisable(false);
        head.setDisable(false);
        layer.setValue(l);
        head.setValue(h);
        boolean[][] allowed = lt.allowed();
        boolean[][] hidden = new boolean[allowed.length][];
        for (int i = 0; i < allowed.length; i++) {
            hidden[i] = new boolean[allowed[i].length];
            for (int j = 0; j < allowed[i].length; j++) {
                hidden[i][j] = !allowed[i][j];
            }
        }
        map.setData(lt.weights()[h], trace.tokens(), trace.tokens());
        map.setMask(hidden);
        caption.setText("Layer " + l + ", head " + h + " of " + trace.layers().size() + " x " + lt.heads()
                + ", over " + trace.length() + " tokens.");
    }

    /** The matrix on screen (for tests). */
    HeatmapCanvas heatmap() {
        return map;
    }
}
