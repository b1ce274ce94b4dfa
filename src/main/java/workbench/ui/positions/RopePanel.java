package workbench.ui.positions;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import workbench.core.trace.RopeTrace;
import workbench.ui.common.ColorScale;
import workbench.ui.common.HeatmapCanvas;
import workbench.ui.common.ThemeManager;

import java.util.List;
import java.util.Locale;

/** The RoPE tab: the dial of one pair, the score matrix, the score by offset, and a read-out. */
final class RopePanel extends GridPane {

    final RopeDialCanvas dial;
    final HeatmapCanvas scores;
    final LinePlotCanvas offsetPlot;
    final Label readout = new Label();
    private RopeTrace shown;

    RopePanel(ThemeManager themes) {
        dial = new RopeDialCanvas(themes);
        scores = new HeatmapCanvas(themes);
        offsetPlot = new LinePlotCanvas(themes);
        dial.setId(PositionsPage.ROPE_DIAL_ID);
        scores.setId(PositionsPage.ROPE_SCORES_ID);
        scores.setColorScale(ColorScale.DIVERGING);
        scores.setTitles("query position m", "key position n");
        offsetPlot.setId(PositionsPage.ROPE_OFFSET_ID);
        offsetPlot.setXLabel("offset m − n");
        readout.setId(PositionsPage.ROPE_READOUT_ID);
        readout.setWrapText(true);
        readout.getStyleClass().add("rope-readout");
        setHgap(8);
        setVgap(8);
        setPadding(new Insets(6));
        add(SinusoidalPanel.panel("One pair of q and k, turned by position", dial), 0, 0);
        add(SinusoidalPanel.panel("Score q(m)·k(n): the same along every diagonal", scores), 1, 0);
        add(SinusoidalPanel.panel("The score as a function of the offset alone", offsetPlot), 0, 1);
        add(readout, 1, 1);
        getColumnConstraints().addAll(SinusoidalPanel.half(), SinusoidalPanel.half());
        getRowConstraints().addAll(SinusoidalPanel.rows(64), SinusoidalPanel.rows(36));
    }

    /**
     * Shows a trace. The score matrix and the offset curve are handed over only when they are new
     * (another q, k, T or base), since moving m, n or the pair leaves them as they are.
     */
    void show(RopeTrace trace) {
        boolean newScores = shown == null || shown.scores() != trace.scores();
        int t = trace.positions();
        if (newScores) {
            List<String> labels = SinusoidalPanel.indexLabels(t);
            scores.setData(trace.scores(), labels, labels);
            float[] offsets = new float[2 * t - 1];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = i - (t - 1);
            }
            offsetPlot.setData(offsets, List.of(new LinePlotCanvas.Series("q·k at offset m − n", trace.byOffset())), 1,
                    trace.offset());
        } else if (shown.offset() != trace.offset()) {
            offsetPlot.setMarker(trace.offset());
        }
        if (newScores || shown.queryPosition() != trace.queryPosition() || shown.keyPosition() != trace.keyPosition()) {
            scores.select(trace.queryPosition(), trace.keyPosition());
        }
        dial.setTrace(trace);
        readout.setText(String.format(Locale.ROOT, "q(m)·k(n) at m = %d, n = %d: %.4f (offset %d).%n"
                        + "Along any diagonal of the score matrix the values differ by at most %.1e — rounding "
                        + "only: RoPE turns q and k by their own positions, so their dot product sees only m − n.",
                trace.queryPosition(), trace.keyPosition(), trace.score(), trace.offset(), trace.diagonalSpread()));
        shown = trace;
    }
}
