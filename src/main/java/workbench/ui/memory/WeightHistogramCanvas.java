package workbench.ui.memory;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import workbench.core.memory.Histogram;
import workbench.core.memory.NumberText;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.ThemeManager;

import java.util.Locale;

/**
 * The values of one weight matrix before (filled bars) and after a variant (an outline over the
 * same bins), on a linear count axis shared by both, so that the spikes of a coarse grid show
 * at their true height.
 */
final class WeightHistogramCanvas extends CanvasPane {

    private static final Color BEFORE = Color.web("#56B4E9");
    private static final Color AFTER = Color.web("#D55E00");

    private Histogram before;
    private Histogram after;
    private String title = "";
    private String afterLabel = "";
    private String empty = "Press Quantize and measure to see the weights before and after.";

    WeightHistogramCanvas(ThemeManager themes) {
        super(themes);
    }

    void show(String heading, Histogram original, Histogram stored, String storedLabel) {
        title = heading;
        before = original;
        after = stored;
        afterLabel = storedLabel;
        redraw();
    }

    void clear(String message) {
        before = null;
        after = null;
        empty = message;
        redraw();
    }

    @Override
    protected double computePrefHeight(double width) {
        return 260 * theme().fontScale();
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        double fs = theme().fontScale();
        Font font = Font.font(12 * fs);
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 12 * fs);
        g.setFill(theme().foreground());
        if (before == null) {
            g.setFont(font);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(empty, width / 2, height / 2);
            return;
        }
        long max = 1;
        for (int i = 0; i < before.bins(); i++) {
            max = Math.max(max, Math.max(before.counts()[i], after.counts()[i]));
        }
        String maxText = String.format(Locale.ROOT, "%,d", max);
        String edge = NumberText.significant(before.hi(), 2);
        double left = Math.max(width(maxText, font) + 14, width("-" + edge, font) / 2 + 4);
        double right = width - 6 - width(edge, font) / 2; // room for a tick label at the edge
        double top = 44 * fs;
        double bottom = height - 24 * fs;
        if (right - left < 80 || bottom - top < 40) {
            return;
        }
        g.setFont(bold);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(title, left, 2);
        drawLegend(g, left, 4 + 16 * fs, font);

        double binW = (right - left) / before.bins();
        g.setFill(BEFORE.deriveColor(0, 1, 1, 0.75));
        for (int i = 0; i < before.bins(); i++) {
            double h = (bottom - top) * before.counts()[i] / max;
            g.fillRect(left + i * binW, bottom - h, Math.max(1, binW - 0.5), h);
        }
        // The after-histogram as one outline: up and down at each bin edge.
        g.setStroke(AFTER);
        g.setLineWidth(1.6 * theme().lineScale());
        g.beginPath();
        g.moveTo(left, bottom);
        for (int i = 0; i < after.bins(); i++) {
            double y = bottom - (bottom - top) * after.counts()[i] / max;
            g.lineTo(left + i * binW, y);
            g.lineTo(left + (i + 1) * binW, y);
        }
        g.lineTo(right, bottom);
        g.stroke();

        g.setStroke(theme().grid());
        g.setLineWidth(theme().lineScale());
        g.strokeLine(left, bottom, right, bottom);
        g.strokeLine(left, top, left, bottom);
        g.setFill(theme().foreground());
        g.setFont(font);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(maxText, left - 5, top);
        g.fillText("0", left - 5, bottom);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        double step = MemoryBarsCanvas.niceStep(before.hi() / 4);
        if ((right - left) * step / (before.hi() - before.lo()) < width("-" + MemoryBarsCanvas.tick(before.hi(), step), font) + 10) {
            step *= 2; // fewer ticks on a narrow canvas
        }
        for (int k = -(int) Math.floor(before.hi() / step); k * step <= before.hi(); k++) {
            double value = k * step;
            double x = left + (value - before.lo()) / (before.hi() - before.lo()) * (right - left);
            g.strokeLine(x, bottom, x, bottom + 4);
            g.fillText(k == 0 ? "0" : MemoryBarsCanvas.tick(value, step), x, bottom + 5);
        }
    }

    private void drawLegend(GraphicsContext g, double x, double y, Font font) {
        double fs = theme().fontScale();
        double box = 11 * fs;
        g.setFont(font);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(BEFORE);
        g.fillRect(x, y, box, box);
        g.setFill(theme().foreground());
        String first = "fp32, before";
        g.fillText(first, x + box + 5, y + box / 2);
        double x2 = x + box + 5 + width(first, font) + 18;
        g.setStroke(AFTER);
        g.setLineWidth(2 * theme().lineScale());
        g.strokeLine(x2, y + box / 2, x2 + 2 * box, y + box / 2);
        g.fillText(afterLabel + ", after", x2 + 2 * box + 5, y + box / 2);
    }

    private static double width(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
