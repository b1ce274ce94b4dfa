package workbench.ui.positions;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.List;
import java.util.Locale;

/**
 * Lines over a shared x axis, with dots at chosen x values and a legend: the sinusoidal waves of
 * a few dimensions, or a RoPE score against the offset. It only draws the numbers it is given.
 */
public final class LinePlotCanvas extends CanvasPane {

    /** Okabe–Ito colours: distinguishable with the common forms of colour blindness. */
    static final Color[] PALETTE = {Color.web("#0072B2"), Color.web("#D55E00"), Color.web("#009E73"),
            Color.web("#CC79A7"), Color.web("#E69F00"), Color.web("#56B4E9")};

    /**
     * One line.
     *
     * @param name shown in the legend
     * @param y    (s) one value per x sample
     */
    public record Series(String name, float[] y) {
    }

    private float[] x = new float[0];
    private List<Series> series = List.of();
    private double dotStep = 0;
    private double marker = Double.NaN;
    private String xLabel = "";
    private String emptyMessage = "Nothing to plot.";

    public LinePlotCanvas(ThemeManager themes) {
        super(themes);
        getStyleClass().add("line-plot");
    }

    /**
     * @param xs      (s) the x of each sample, increasing
     * @param lines   the series, each with s values
     * @param dotStep draw a dot on each line at every multiple of this x (0 for none)
     */
    public void setData(float[] xs, List<Series> lines, double dotStep) {
        setData(xs, lines, dotStep, Double.NaN);
    }

    /** As {@link #setData(float[], List, double)}, with a vertical marker at {@code at}; one redraw. */
    public void setData(float[] xs, List<Series> lines, double dotStep, double at) {
        this.x = xs.clone();
        this.series = List.copyOf(lines);
        this.dotStep = dotStep;
        this.marker = at;
        redraw();
    }

    /** A vertical line at this x (NaN for none), e.g. the current offset. */
    public void setMarker(double at) {
        this.marker = at;
        redraw();
    }

    public void setXLabel(String label) {
        this.xLabel = label;
        redraw();
    }

    public void setEmptyMessage(String message) {
        this.emptyMessage = message;
        redraw();
    }

    public List<Series> series() {
        return series;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 220;
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        Theme theme = theme();
        Font font = Font.font(theme.fontSize(11));
        g.setFont(font);
        if (x.length < 2 || series.isEmpty()) {
            g.setFill(theme.foreground());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(emptyMessage, width / 2, height / 2);
            return;
        }
        double legendHeight = legendRows(width) * theme.fontSize(11) * 1.6 + 4;
        double left = theme.fontSize(11) * 4;
        double right = width - 12;
        double top = legendHeight + 6;
        double bottom = height - theme.fontSize(11) * 3.2;
        if (right - left < 20 || bottom - top < 20) {
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (float v : s.y()) {
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double pad = (hi - lo) * 0.06;
        lo -= pad;
        hi += pad;
        double x0 = x[0];
        double x1 = x[x.length - 1];
        final double fLo = lo;
        final double fHi = hi;
        java.util.function.DoubleUnaryOperator px = v -> left + (v - x0) / (x1 - x0) * (right - left);
        java.util.function.DoubleUnaryOperator py = v -> bottom - (v - fLo) / (fHi - fLo) * (bottom - top);

        drawAxes(g, theme, left, right, top, bottom, x0, x1, lo, hi, px, py);
        double line = 1.6 * theme.lineScale();
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            Color colour = PALETTE[k % PALETTE.length];
            g.setStroke(colour);
            g.setLineWidth(line);
            g.beginPath();
            for (int i = 0; i < x.length && i < s.y().length; i++) {
                double X = px.applyAsDouble(x[i]);
                double Y = py.applyAsDouble(s.y()[i]);
                if (i == 0) {
                    g.moveTo(X, Y);
                } else {
                    g.lineTo(X, Y);
                }
            }
            g.stroke();
            if (dotStep > 0) {
                g.setFill(colour);
                double r = 2.2 * theme.lineScale();
                for (int i = 0; i < x.length && i < s.y().length; i++) {
                    double q = x[i] / dotStep;
                    if (Math.abs(q - Math.rint(q)) < 1e-6) {
                        g.fillOval(px.applyAsDouble(x[i]) - r, py.applyAsDouble(s.y()[i]) - r, 2 * r, 2 * r);
                    }
                }
            }
        }
        if (!Double.isNaN(marker)) {
            g.setStroke(theme.accent());
            g.setLineWidth(2 * theme.lineScale());
            double mx = px.applyAsDouble(marker);
            g.strokeLine(mx, top, mx, bottom);
        }
        drawLegend(g, theme, width);
    }

    private void drawAxes(GraphicsContext g, Theme theme, double left, double right, double top, double bottom,
                          double x0, double x1, double lo, double hi,
                          java.util.function.DoubleUnaryOperator px, java.util.function.DoubleUnaryOperator py) {
        g.setStroke(theme.grid());
        g.setLineWidth(1);
        g.strokeLine(left, top, left, bottom);
        g.strokeLine(left, bottom, right, bottom);
        if (lo < 0 && hi > 0) {
            g.setLineDashes(4, 4);
            g.strokeLine(left, py.applyAsDouble(0), right, py.applyAsDouble(0));
            g.setLineDashes();
        }
        g.setFill(theme.foreground());
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        double step = niceStep((x1 - x0) / 8);
        for (double v = Math.ceil(x0 / step) * step; v <= x1 + 1e-9; v += step) {
            double X = px.applyAsDouble(v);
            g.strokeLine(X, bottom, X, bottom + 4);
            g.fillText(format(v), X, bottom + 5);
        }
        g.fillText(xLabel, (left + right) / 2, bottom + theme.fontSize(11) * 1.6);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        double yStep = niceStep((hi - lo) / 5);
        for (double v = Math.ceil(lo / yStep) * yStep; v <= hi + 1e-9; v += yStep) {
            double Y = py.applyAsDouble(v);
            g.strokeLine(left - 4, Y, left, Y);
            g.fillText(format(v), left - 6, Y);
        }
    }

    /** Legend entries flow left to right and wrap: x and row of each entry, for a given width. */
    private double[][] legendLayout(double width) {
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(Font.font(theme().fontSize(11)));
        double[][] out = new double[series.size()][2];
        double lx = 8;
        int row = 0;
        for (int k = 0; k < series.size(); k++) {
            probe.setText(series.get(k).name());
            double w = 20 + probe.getLayoutBounds().getWidth() + 18;
            if (lx > 8 && lx + w > width) {
                lx = 8;
                row++;
            }
            out[k][0] = lx;
            out[k][1] = row;
            lx += w;
        }
        return out;
    }

    private int legendRows(double width) {
        double[][] layout = legendLayout(width);
        return layout.length == 0 ? 1 : (int) layout[layout.length - 1][1] + 1;
    }

    private void drawLegend(GraphicsContext g, Theme theme, double width) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double rowHeight = theme.fontSize(11) * 1.6;
        double[][] layout = legendLayout(width);
        for (int k = 0; k < series.size(); k++) {
            double lx = layout[k][0];
            double ly = layout[k][1] * rowHeight + rowHeight / 2 + 2;
            g.setFill(PALETTE[k % PALETTE.length]);
            g.fillRect(lx, ly - 3 * theme.lineScale(), 16, 6 * theme.lineScale());
            g.setFill(theme.foreground());
            g.fillText(series.get(k).name(), lx + 20, ly);
        }
    }

    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
    }

    private static String format(double v) {
        if (Math.abs(v) < 1e-9) {
            return "0";
        }
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return String.format(Locale.ROOT, "%d", (long) Math.rint(v));
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.0f" : Math.abs(v) >= 1 ? "%.1f" : "%.2f", v);
    }
}
