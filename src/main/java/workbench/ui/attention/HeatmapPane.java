package workbench.ui.attention;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import workbench.core.attention.HeadStatistics;
import workbench.core.model.MaskKind;
import workbench.core.trace.LayerTrace;
import workbench.ui.common.ColorScale;
import workbench.ui.common.HeatmapCanvas;
import workbench.ui.common.ThemeManager;

import java.util.List;
import java.util.Locale;

/** The chosen head's attention weights: query tokens as rows, key tokens as columns. */
final class HeatmapPane implements AttentionPane {

    private final AttentionViewModel vm;
    private final VBox root;
    private final Label title = new Label();
    private final Label summary = new Label();
    private final HeatmapCanvas heatmap;

    HeatmapPane(AttentionViewModel vm, ThemeManager themes) {
        this.vm = vm;
        heatmap = new HeatmapCanvas(themes);
        heatmap.setId(AttentionPage.HEATMAP_ID);
        heatmap.setColorScale(ColorScale.VIRIDIS);
        heatmap.setRange(0.0, 1.0);
        heatmap.setTitles("query (attends from)", "key (attends to)");
        heatmap.setValueFormat("%.4f");
        heatmap.setEmptyMessage("Waiting for the model…");
        heatmap.setOnCellClicked((row, column) -> vm.queryProperty().set(row));
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        summary.getStyleClass().add("hint");
        summary.setWrapText(true);
        summary.setId(AttentionPage.HEAD_SUMMARY_ID);
        root = new VBox(4, title, summary, heatmap);
        VBox.setVgrow(heatmap, Priority.ALWAYS);
    }

    HeatmapCanvas heatmap() {
        return heatmap;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void refresh() {
        AttentionAnalysis a = vm.analysis();
        if (a == null) {
            title.setText("");
            summary.setText("");
            heatmap.show(new float[0][0], List.of(), List.of(), null, -1, -1);
            return;
        }
        int l = vm.layerProperty().get();
        int h = vm.headProperty().get();
        LayerTrace layer = a.layer(l);
        List<String> labels = a.labels();
        title.setText(String.format(Locale.ROOT, "Layer %d · head %d%s — each row is one token's attention; rows sum to 1",
                l, h, a.isSwitchedOff(l, h) ? " (switched off)" : ""));
        HeadStatistics s = a.statistics(l, h);
        summary.setText(describe(s) + (a.mask() == MaskKind.CAUSAL
                ? "  Hatched cells are masked: under the causal mask a token cannot look ahead."
                : "  Bidirectional mask: every token sees every other."));
        heatmap.show(layer.weights()[h], labels, labels, masked(layer.allowed()), vm.effectiveQuery(), -1);
    }

    static String describe(HeadStatistics s) {
        return String.format(Locale.ROOT, "Entropy %.2f bits · mean distance %.1f tokens · → first %.0f%% · "
                        + "→ previous %.0f%% · → self %.0f%%%s%s.", s.entropyBits(), s.meanDistance(), 100 * s.firstToken(),
                100 * s.previousToken(), 100 * s.selfToken(),
                s.wordStartRows() == 0 ? "" : String.format(Locale.ROOT, " · → word start %.0f%%", 100 * s.wordStart()),
                s.inductionRows() == 0 ? "" : String.format(Locale.ROOT, " · induction %.0f%%", 100 * s.induction()));
    }

    static boolean[][] masked(boolean[][] allowed) {
        boolean[][] out = new boolean[allowed.length][];
        for (int i = 0; i < allowed.length; i++) {
            out[i] = new boolean[allowed[i].length];
            for (int j = 0; j < allowed[i].length; j++) {
                out[i][j] = !allowed[i][j];
            }
        }
        return out;
    }
}
