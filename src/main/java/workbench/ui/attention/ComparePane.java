package workbench.ui.attention;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import workbench.core.model.MaskKind;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.LayerTrace;
import workbench.ui.common.ColorScale;
import workbench.ui.common.HeatmapCanvas;
import workbench.ui.common.ThemeManager;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The same prompt and head under a causal mask and under a bidirectional one, side by side: why a
 * decoder cannot look ahead and an encoder can.
 */
final class ComparePane implements AttentionPane {

    static final String CAPTION = "Left, the causal mask of a decoder (GPT): token i may look only at tokens 0…i, "
            + "because it is trained to predict token i + 1 and must not see it. Right, the bidirectional mask of an "
            + "encoder (BERT): every token sees the whole sentence, which suits filling in blanks and understanding, "
            + "not writing. This model was trained causal: with the bidirectional mask its queries meet keys from "
            + "later tokens that it never saw in training, so the right-hand map shows what its weights happen to do, "
            + "not a pattern it learned.";

    private final AttentionViewModel vm;
    private final VBox root;
    private final Label title = new Label();
    private final HeatmapCanvas causal;
    private final HeatmapCanvas bidirectional;

    ComparePane(AttentionViewModel vm, ThemeManager themes) {
        this.vm = vm;
        causal = heatmap(themes, AttentionPage.COMPARE_CAUSAL_ID);
        bidirectional = heatmap(themes, AttentionPage.COMPARE_BIDIRECTIONAL_ID);
        Label left = new Label("Causal mask (decoder)");
        Label right = new Label("Bidirectional mask (encoder)");
        left.getStyleClass().add("section-title");
        right.getStyleClass().add("section-title");
        VBox a = new VBox(4, left, causal);
        VBox b = new VBox(4, right, bidirectional);
        VBox.setVgrow(causal, Priority.ALWAYS);
        VBox.setVgrow(bidirectional, Priority.ALWAYS);
        HBox.setHgrow(a, Priority.ALWAYS);
        HBox.setHgrow(b, Priority.ALWAYS);
        a.setPrefWidth(10);
        b.setPrefWidth(10);
        HBox maps = new HBox(12, a, b);
        Label caption = new Label(CAPTION);
        caption.setWrapText(true);
        caption.getStyleClass().add("attention-explanation");
        caption.setId(AttentionPage.COMPARE_CAPTION_ID);
        title.getStyleClass().add("hint");
        root = new VBox(6, title, caption, maps);
        VBox.setVgrow(maps, Priority.ALWAYS);
    }

    private static HeatmapCanvas heatmap(ThemeManager themes, String id) {
        HeatmapCanvas canvas = new HeatmapCanvas(themes);
        canvas.setId(id);
        canvas.setColorScale(ColorScale.VIRIDIS);
        canvas.setRange(0.0, 1.0);
        canvas.setValueFormat("%.4f");
        canvas.setTitles("query", "key");
        return canvas;
    }

    HeatmapCanvas causal() {
        return causal;
    }

    HeatmapCanvas bidirectional() {
        return bidirectional;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void refresh() {
        AttentionAnalysis a = vm.analysis();
        int l = vm.layerProperty().get();
        int h = vm.headProperty().get();
        title.setText(a == null ? "" : String.format(Locale.ROOT, "Layer %d · head %d, the same prompt through both "
                + "masks (hatched cells are masked).", l, h));
        show(causal, a, a == null ? Optional.empty() : a.traceFor(MaskKind.CAUSAL), l, h);
        show(bidirectional, a, a == null ? Optional.empty() : a.traceFor(MaskKind.BIDIRECTIONAL), l, h);
    }

    private void show(HeatmapCanvas canvas, AttentionAnalysis a, Optional<ForwardTrace> trace, int l, int h) {
        if (a == null || trace.isEmpty()) {
            canvas.setEmptyMessage(a == null ? "Waiting for the model…" : "Computing…");
            canvas.show(new float[0][0], List.of(), List.of(), null, -1, -1);
            return;
        }
        LayerTrace layer = trace.get().layers().get(l);
        List<String> labels = a.labels();
        canvas.show(layer.weights()[h], labels, labels, HeatmapPane.masked(layer.allowed()), vm.effectiveQuery(), -1);
    }
}
