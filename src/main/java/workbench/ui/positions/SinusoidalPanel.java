package workbench.ui.positions;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import workbench.core.trace.SinusoidalTrace;
import workbench.ui.common.ColorScale;
import workbench.ui.common.HeatmapCanvas;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Sinusoidal tab: the encoding table, the similarity of positions, and a few dimensions as waves. */
final class SinusoidalPanel extends GridPane {

    final HeatmapCanvas encoding;
    final HeatmapCanvas similarity;
    final LinePlotCanvas waves;

    SinusoidalPanel(ThemeManager themes) {
        encoding = new HeatmapCanvas(themes);
        similarity = new HeatmapCanvas(themes);
        waves = new LinePlotCanvas(themes);
        encoding.setId(PositionsPage.ENCODING_ID);
        encoding.setColorScale(ColorScale.DIVERGING);
        encoding.setRange(-1.0, 1.0);
        encoding.setTitles("position", "dimension");
        similarity.setId(PositionsPage.SIMILARITY_ID);
        similarity.setColorScale(ColorScale.DIVERGING);
        similarity.setTitles("position", "position");
        waves.setId(PositionsPage.WAVES_ID);
        waves.setXLabel("position (dots at whole positions)");
        waves.setEmptyMessage("Type dimensions to draw, for example 0, 8, 16.");
        setHgap(8);
        setVgap(8);
        setPadding(new Insets(6));
        add(panel("Encoding table: PE[position, dimension]", encoding), 0, 0);
        add(panel("Similarity of positions: nearby positions look alike", similarity), 1, 0);
        add(panel("A few dimensions as waves: each pair turns at its own speed", waves), 0, 1, 2, 1);
        getColumnConstraints().addAll(half(), half());
        getRowConstraints().addAll(rows(62), rows(38));
    }

    void show(SinusoidalTrace trace) {
        List<String> positions = indexLabels(trace.positions());
        encoding.setData(trace.table(), positions, indexLabels(trace.d()));
        similarity.setData(trace.similarity(), positions, positions);
        List<LinePlotCanvas.Series> lines = new ArrayList<>();
        for (int w = 0; w < trace.dims().length; w++) {
            int dim = trace.dims()[w];
            double wavelength = trace.wavelengths()[w];
            lines.add(new LinePlotCanvas.Series(String.format(Locale.ROOT, "dim %d: %s, wavelength %s", dim,
                    dim % 2 == 0 ? "sin" : "cos", wavelength >= 100 ? String.format(Locale.ROOT, "%,.0f", wavelength)
                            : String.format(Locale.ROOT, "%.1f", wavelength)), trace.waves()[w]));
        }
        waves.setData(trace.sampleAt(), lines, 1);
    }

    /** A titled box around one view, used by both tabs. */
    static VBox panel(String title, Node content) {
        Label t = new Label(title);
        t.getStyleClass().add("panel-title");
        t.setWrapText(true);
        t.setMinHeight(Label.USE_PREF_SIZE);
        VBox box = new VBox(4, t, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.setMinSize(0, 0);
        return box;
    }

    static ColumnConstraints half() {
        ColumnConstraints c = new ColumnConstraints();
        c.setPercentWidth(50);
        c.setHgrow(Priority.ALWAYS);
        return c;
    }

    static RowConstraints rows(double percent) {
        RowConstraints r = new RowConstraints();
        r.setPercentHeight(percent);
        r.setVgrow(Priority.ALWAYS);
        return r;
    }

    static List<String> indexLabels(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(String.valueOf(i));
        }
        return out;
    }
}
