package workbench.ui.sampling;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import workbench.core.sampling.Draw;
import workbench.core.sampling.SamplingStep;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The random draw made visible: the tokens that can be drawn laid end to end on [0, 1], most
 * likely first, each as wide as its renormalised probability, and the coin as a marker. The token
 * whose segment the coin lands in is the one chosen.
 */
public final class CumulativeBarCanvas extends CanvasPane {

    private SamplingStep step;
    private IntFunction<String> labels = id -> Integer.toString(id);
    private double barLeft;
    private double barWidth;

    public CumulativeBarCanvas(ThemeManager themes) {
        super(themes);
        getStyleClass().add("cumulative-bar");
    }

    @Override
    protected double computePrefHeight(double width) {
        return 96;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 80;
    }

    public void setStep(SamplingStep value, IntFunction<String> tokenLabels) {
        this.step = value;
        this.labels = tokenLabels;
        redraw();
    }

    public SamplingStep step() {
        return step;
    }

    /** Where the coin marker is drawn, in layout x; NaN when nothing is shown. */
    public double markerX() {
        return step == null ? Double.NaN : barLeft + barWidth * step.draw().point();
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        if (step == null) {
            return;
        }
        Theme theme = theme();
        double fs = theme.fontSize(11);
        barLeft = 12 + fs * 3.6;
        barWidth = Math.max(10, width - barLeft - 24);
        double barTop = fs * 2.6;
        double barH = Math.max(18, Math.min(height - barTop - fs * 2.2, fs * 3));
        int[] kept = step.keptTokens();
        double[] drawn = step.drawn();
        double x = barLeft;
        Color a = theme.accent().deriveColor(0, 1, 1, 0.8);
        Color b = theme.accent().deriveColor(0, 0.55, 1.15, 0.55);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < kept.length; r++) {
            double w = barWidth * drawn[kept[r]];
            g.setFill(r % 2 == 0 ? a : b);
            g.fillRect(x, barTop, w, barH);
            g.setStroke(theme.background());
            g.setLineWidth(1);
            g.strokeLine(x + w, barTop, x + w, barTop + barH);
            String label = TokenLabels.shortened(labels.apply(kept[r]), 4);
            Font font = Font.font("Monospaced", FontWeight.BOLD, fs * 1.1);
            if (w > NextTokenBarsCanvas.textWidth(label, font) + 4) {
                g.setFont(font);
                g.setFill(r % 2 == 0 ? Color.WHITE : theme.foreground());
                g.fillText(label, x + w / 2, barTop + barH / 2);
            }
            x += w;
        }
        g.setStroke(theme.foreground());
        g.setLineWidth(theme.lineScale());
        g.strokeRect(barLeft, barTop, barWidth, barH);
        // Axis ticks at quarters.
        g.setFont(Font.font(fs * 0.9));
        g.setFill(theme.foreground());
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i <= 4; i++) {
            double tx = barLeft + barWidth * i / 4;
            g.strokeLine(tx, barTop + barH, tx, barTop + barH + 4);
            g.fillText(i == 0 ? "0" : i == 4 ? "1" : String.format(Locale.ROOT, "%.2f", i / 4.0), tx, barTop + barH + 5);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("cum. p", barLeft - 6, barTop + barH / 2);
        drawMarker(g, theme, barTop, barH, fs);
    }

    private void drawMarker(GraphicsContext g, Theme theme, double barTop, double barH, double fs) {
        Draw draw = step.draw();
        double mx = barLeft + barWidth * draw.point();
        // Highlight the chosen segment.
        g.setStroke(theme.foreground());
        g.setLineWidth(3 * theme.lineScale());
        g.strokeRect(barLeft + barWidth * draw.start(), barTop, barWidth * draw.probability(), barH);
        g.setStroke(NextTokenBarsCanvas.CUT_COLOUR);
        g.setLineWidth(2.5 * theme.lineScale());
        g.strokeLine(mx, barTop - 4, mx, barTop + barH + 4);
        double s = fs * 0.6;
        g.setFill(NextTokenBarsCanvas.CUT_COLOUR);
        g.fillPolygon(new double[]{mx - s, mx + s, mx}, new double[]{barTop - 4 - s * 1.4, barTop - 4 - s * 1.4, barTop - 4}, 3);
        String text = step.settings().greedy()
                ? String.format(Locale.ROOT, "greedy: '%s' (the coin %.3f does not matter)", labels.apply(step.token()), step.coin())
                : String.format(Locale.ROOT, "coin %.3f \u2192 '%s' (segment %.3f\u2013%.3f)", step.coin(),
                labels.apply(step.token()), draw.start(), draw.end());
        Font font = Font.font(null, FontWeight.BOLD, fs);
        g.setFont(font);
        g.setFill(theme.foreground());
        g.setTextBaseline(VPos.BOTTOM);
        double w = NextTokenBarsCanvas.textWidth(text, font);
        double tx = Math.max(barLeft, Math.min(mx - w / 2, barLeft + barWidth - w));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(text, tx, barTop - 4 - s * 1.6);
    }
}
