package workbench.ui.sampling;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import workbench.core.sampling.RolloutResult;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The first tokens of many rollouts as a histogram: for each token that came first, the share of
 * rollouts that began with it (bar) beside the probability it was drawn with (tick). With more
 * rollouts the bars close in on the ticks.
 */
public final class RolloutHistogramCanvas extends CanvasPane {

    public static final int MAX_BARS = 24;

    private RolloutResult result;
    private IntFunction<String> labels = id -> Integer.toString(id);
    private String emptyMessage = "";

    public RolloutHistogramCanvas(ThemeManager themes) {
        super(themes);
        getStyleClass().add("rollout-histogram");
    }

    public void setResult(RolloutResult value, IntFunction<String> tokenLabels) {
        this.result = value;
        this.labels = tokenLabels;
        redraw();
    }

    public void setEmptyMessage(String message) {
        this.emptyMessage = message == null ? "" : message;
        redraw();
    }

    public RolloutResult result() {
        return result;
    }

    /** The tokens drawn as bars, most frequent first. */
    public int[] barTokens() {
        if (result == null) {
            return new int[0];
        }
        int[] all = result.firstTokensByCount();
        return Arrays.copyOf(all, Math.min(all.length, MAX_BARS));
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        Theme theme = theme();
        double fs = theme.fontSize(11);
        if (result == null) {
            g.setFill(theme.foreground().deriveColor(0, 1, 1, 0.7));
            g.setFont(Font.font(fs * 1.2));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(emptyMessage, width / 2, height / 2);
            return;
        }
        int[] tokens = barTokens();
        double[] expected = result.firstTokenExpected();
        double max = 0;
        for (int t : tokens) {
            max = Math.max(max, Math.max(result.firstTokenFrequency(t), expected[t]));
        }
        double yMax = NextTokenBarsCanvas.niceMax(max);
        double left = 12 + fs * 3.6;
        double top = fs * 2.4;
        double bottom = fs * 2.2;
        double plotW = Math.max(10, width - left - 10);
        double plotH = Math.max(10, height - top - bottom);
        double slot = plotW / Math.max(tokens.length, 8);
        g.setFont(Font.font(fs * 0.9));
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i <= 4; i++) {
            double y = top + plotH - plotH * i / 4;
            g.setStroke(theme.grid().deriveColor(0, 1, 1, i == 0 ? 1 : 0.5));
            g.strokeLine(left, y, left + plotW, y);
            g.setFill(theme.foreground());
            g.fillText(NextTokenBarsCanvas.percent(yMax * i / 4), left - 4, y);
        }
        legend(g, theme, left, fs);
        double base = top + plotH;
        for (int i = 0; i < tokens.length; i++) {
            int t = tokens[i];
            double x = left + i * slot;
            double bw = slot * 0.66;
            double bx = x + (slot - bw) / 2;
            double h = plotH * result.firstTokenFrequency(t) / yMax;
            g.setFill(theme.accent().deriveColor(0, 1, 1, 0.75));
            g.fillRect(bx, base - h, bw, h);
            double ye = base - plotH * expected[t] / yMax;
            g.setStroke(theme.foreground());
            g.setLineWidth(3 * theme.lineScale());
            g.strokeLine(bx - 2, ye, bx + bw + 2, ye);
            g.setFill(theme.foreground());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.BOTTOM);
            g.setFont(Font.font(fs * 0.85));
            g.fillText(Integer.toString(result.firstTokenCounts()[t]), x + slot / 2, Math.min(base - h, ye) - 3);
            g.setTextBaseline(VPos.TOP);
            g.setFont(Font.font("Monospaced", FontWeight.BOLD, fs * 1.15));
            g.fillText(TokenLabels.shortened(labels.apply(t), 6), x + slot / 2, base + 3);
        }
    }

    private void legend(GraphicsContext g, Theme theme, double left, double fs) {
        double y = fs * 0.3;
        double box = fs * 0.95;
        g.setFont(Font.font(fs * 0.95));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFill(theme.accent().deriveColor(0, 1, 1, 0.75));
        g.fillRect(left, y, box, box);
        g.setFill(theme.foreground());
        String a = "share of the " + result.count() + " rollouts that began with the token (count above)";
        g.fillText(a, left + box + 4, y);
        double x = left + box + 4 + NextTokenBarsCanvas.textWidth(a, g.getFont()) + 16;
        g.setStroke(theme.foreground());
        g.setLineWidth(3 * theme.lineScale());
        g.strokeLine(x, y + box / 2, x + box * 1.4, y + box / 2);
        g.fillText("probability it is drawn with", x + box * 1.4 + 4, y);
    }
}
