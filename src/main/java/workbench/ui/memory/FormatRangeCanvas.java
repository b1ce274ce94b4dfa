package workbench.ui.memory;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import workbench.core.memory.FloatFormat;
import workbench.core.memory.NumberText;
import workbench.core.memory.WeightBits;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.ThemeManager;

/**
 * The range and precision of fp32, fp16 and bf16 on one logarithmic number line of positive
 * magnitudes: subnormals pale, normals solid, the typed weight as a vertical line. Every
 * position comes from the format facts in core.
 */
final class FormatRangeCanvas extends CanvasPane {

    private static final double LOG_MIN = -46;
    private static final double LOG_MAX = 39;
    private static final Color SUBNORMAL = Color.web("#9ecae1");
    private static final Color NORMAL = Color.web("#0072B2");

    private WeightBits weight;

    FormatRangeCanvas(ThemeManager themes) {
        super(themes);
    }

    void show(WeightBits value) {
        weight = value;
        redraw();
    }

    @Override
    protected double computePrefHeight(double width) {
        return 200 * theme().fontScale();
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        double fs = theme().fontScale();
        Font font = Font.font(12 * fs);
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 12 * fs);
        FloatFormat[] formats = FloatFormat.values();
        String[] precision = new String[formats.length];
        double precisionWidth = 0;
        for (int i = 0; i < formats.length; i++) {
            FloatFormat f = formats[i];
            precision[i] = "ε = 2^-" + f.mantissaBits() + " ≈ " + NumberText.significant(f.epsilon(), 2)
                    + ",  ≈ " + NumberText.significant(f.decimalDigits(), 2) + " digits";
            precisionWidth = Math.max(precisionWidth, width(precision[i], font));
        }
        double left = width(" fp32 ", bold) + 10;
        double right = width - precisionWidth - 20;
        double top = 22 * fs;
        double axisY = height - 20 * fs;
        if (right - left < 100 || axisY - top < 30) {
            return;
        }
        double rowH = (axisY - top) / formats.length;
        double barH = Math.min(16 * fs, rowH * 0.35);
        for (int i = 0; i < formats.length; i++) {
            FloatFormat f = formats[i];
            double cy = top + i * rowH + rowH * 0.38;
            double xSub = x(f.minSubnormal(), left, right);
            double xNorm = x(f.minNormal(), left, right);
            double xMax = x(f.max(), left, right);
            g.setFill(SUBNORMAL);
            g.fillRect(xSub, cy - barH / 2, xNorm - xSub, barH);
            g.setFill(NORMAL);
            g.fillRect(xNorm, cy - barH / 2, xMax - xNorm, barH);

            g.setFont(bold);
            g.setFill(theme().foreground());
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(f.label(), left - 8, cy);
            g.setFont(font);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(precision[i], right + 12, cy);
            String low = NumberText.significant(f.minSubnormal(), 2);
            String high = "max " + NumberText.significant(f.max(), 5);
            if (xMax - xSub > width(low, font) + width(high, font) + 12) {
                // Wide bar: the end values go under its ends.
                g.setTextBaseline(VPos.TOP);
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText(low, xSub, cy + barH / 2 + 2);
                g.setTextAlign(TextAlignment.RIGHT);
                g.fillText(high, xMax, cy + barH / 2 + 2);
            } else {
                // Narrow bar: the end values go beside it, on its line.
                g.setTextBaseline(VPos.CENTER);
                g.setTextAlign(TextAlignment.RIGHT);
                g.fillText(low, xSub - 6, cy);
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText(high, xMax + 6, cy);
            }
        }
        drawAxis(g, left, right, axisY, font);
        drawWeight(g, left, right, top, axisY, bold);
    }

    private void drawAxis(GraphicsContext g, double left, double right, double y, Font font) {
        g.setStroke(theme().grid());
        g.setLineWidth(theme().lineScale());
        g.strokeLine(left, y, right, y);
        g.setFont(font);
        g.setFill(theme().foreground());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        double step = (right - left) / (LOG_MAX - LOG_MIN) * 10 < width("1e-40", font) * 1.3 ? 20 : 10;
        for (double p = -40; p <= 30; p += step) {
            double x = left + (p - LOG_MIN) / (LOG_MAX - LOG_MIN) * (right - left);
            g.strokeLine(x, y, x, y + 4);
            g.fillText(p == 0 ? "1" : "1e" + (int) p, x, y + 6);
        }
    }

    private void drawWeight(GraphicsContext g, double left, double right, double top, double axisY, Font font) {
        if (weight == null) {
            return;
        }
        double magnitude = Math.abs(weight.reference());
        if (!(magnitude > 0) || Double.isInfinite(magnitude)) {
            return;
        }
        double x = Math.max(left, Math.min(right, x(magnitude, left, right)));
        g.setStroke(Color.web("#D55E00"));
        g.setLineWidth(2 * theme().lineScale());
        g.strokeLine(x, top - 4, x, axisY);
        g.setFill(Color.web("#D55E00"));
        g.setFont(font);
        String label = "|w| = " + NumberText.significant(magnitude, 4);
        boolean flip = x + width(label, font) + 6 > right;
        g.setTextAlign(flip ? TextAlignment.RIGHT : TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(label, flip ? x - 4 : x + 4, top + 4);
    }

    private static double x(double magnitude, double left, double right) {
        double log = Math.log10(magnitude);
        return left + (log - LOG_MIN) / (LOG_MAX - LOG_MIN) * (right - left);
    }

    private static double width(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
