package workbench.ui.memory;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import workbench.core.memory.ByteSize;
import workbench.core.memory.Gpu;
import workbench.core.memory.GpuFits;
import workbench.core.memory.MemoryEstimate;
import workbench.core.memory.MemoryItem;
import workbench.core.memory.MemoryReport;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Three stacked horizontal bars (inference, itemised training, the rule of thumb) on one axis (GiB, or MiB for a small model),
 * with a dashed line at each GPU's usable memory that falls inside the axis. Hovering a segment
 * names it and its size.
 */
final class MemoryBarsCanvas extends CanvasPane {

    private MemoryReport report;
    private List<Gpu> gpus = List.of();
    private String hover = "";
    private final List<Hit> hits = new ArrayList<>();
    private final List<Hit> lineHits = new ArrayList<>();

    private record Hit(double x, double y, double w, double h, String text) {
    }

    MemoryBarsCanvas(ThemeManager themes) {
        super(themes);
        setOnMouseMoved(e -> {
            String now = "";
            for (Hit hit : lineHits) {
                if (Math.abs(e.getX() - hit.x) <= 4 && e.getY() >= hit.y && e.getY() <= hit.y + hit.h) {
                    now = hit.text;
                }
            }
            for (Hit hit : hits) {
                if (e.getX() >= hit.x && e.getX() <= hit.x + hit.w && e.getY() >= hit.y && e.getY() <= hit.y + hit.h) {
                    now = hit.text;
                }
            }
            if (!now.equals(hover)) {
                hover = now;
                redraw();
            }
        });
        setOnMouseExited(e -> {
            hover = "";
            redraw();
        });
    }

    void show(MemoryReport value, List<Gpu> gpuList) {
        report = value;
        gpus = List.copyOf(gpuList);
        redraw();
    }

    @Override
    protected double computePrefHeight(double width) {
        return 250 * theme().fontScale();
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        hits.clear();
        lineHits.clear();
        if (report == null) {
            return;
        }
        double fs = theme().fontScale();
        Font font = Font.font(12 * fs);
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 12 * fs);
        List<MemoryEstimate> bars = List.of(report.inference(), report.training(), report.ruleOfThumb());

        double labelWidth = 0;
        for (MemoryEstimate bar : bars) {
            labelWidth = Math.max(labelWidth, textWidth(bar.kind().label(), bold));
        }
        double left = labelWidth + 16;
        double right = width - 16 - textWidth("00.00 GiB", font);
        double gpuRows = 3;
        double top = 8 + gpuRows * 15 * fs + 6;
        double axisY = height - 26 * fs - 18 * fs;
        if (right - left < 60 || axisY - top < 40) {
            return;
        }
        double maxBytes = 0;
        for (MemoryEstimate bar : bars) {
            maxBytes = Math.max(maxBytes, bar.total());
        }
        // GiB for real models; a small one (the bundled model is a few MiB) gets an axis in MiB or KiB.
        long unit = maxBytes >= ByteSize.GIB ? ByteSize.GIB : maxBytes >= ByteSize.MIB ? ByteSize.MIB : ByteSize.KIB;
        String unitName = unit == ByteSize.GIB ? "GiB" : unit == ByteSize.MIB ? "MiB" : "KiB";
        double axisMax = niceCeiling(maxBytes / unit * 1.04);
        double scale = (right - left) / axisMax; // pixels per unit

        drawAxis(g, left, right, axisY, axisMax, font, unitName);
        drawGpuLines(g, left, top, axisY, axisMax / ((double) ByteSize.GIB / unit), scale * ((double) ByteSize.GIB / unit), font);

        double slot = (axisY - top) / bars.size();
        double barH = Math.min(34 * fs, slot * 0.62);
        for (int i = 0; i < bars.size(); i++) {
            MemoryEstimate bar = bars.get(i);
            double y = top + i * slot + (slot - barH) / 2;
            g.setFill(theme().foreground());
            g.setFont(bold);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(bar.kind().label(), left - 8, y + barH / 2);
            double x = left;
            for (MemoryItem item : bar.items()) {
                double w = (double) item.bytes() / unit * scale;
                paintSegment(g, item, x, y, w, barH);
                hits.add(new Hit(x, y, w, barH, item.part().label() + ": " + ByteSize.format(item.bytes())
                        + "   = " + item.formula()));
                x += w;
            }
            g.setStroke(theme().foreground());
            g.setLineWidth(theme().lineScale());
            g.strokeRect(left, y, x - left, barH);
            // The total sits on a patch of background so that GPU lines do not run through it.
            String total = ByteSize.format(bar.total());
            double tw = textWidth(total, bold);
            g.setFill(theme().background());
            g.fillRect(x + 3, y + barH / 2 - 9 * fs, tw + 6, 18 * fs);
            g.setFill(theme().foreground());
            g.setFont(bold);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(total, x + 6, y + barH / 2);
        }
        g.setFont(font);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.setFill(theme().foreground());
        g.fillText(hover.isEmpty() ? "Hover a segment for its size and formula, or a dashed line for its GPUs." : hover, 8, height - 2);
    }

    private void paintSegment(GraphicsContext g, MemoryItem item, double x, double y, double w, double h) {
        if (w <= 0) {
            return;
        }
        g.setFill(MemoryColors.of(item.part()));
        g.fillRect(x, y, w, h);
        if (MemoryColors.hatched(item.part())) {
            // Hatching marks the rule of thumb as a different kind of figure from the itemised bars.
            g.save();
            g.beginPath();
            g.rect(x, y, w, h);
            g.clip();
            g.setStroke(Color.WHITE);
            g.setLineWidth(1.5 * theme().lineScale());
            for (double d = -h; d < w; d += 9) {
                g.strokeLine(x + d, y + h, x + d + h, y);
            }
            g.restore();
        }
        g.setStroke(theme().background());
        g.setLineWidth(1);
        g.strokeLine(x + w, y, x + w, y + h);
    }

    private void drawAxis(GraphicsContext g, double left, double right, double y, double axisMax, Font font,
                          String unitName) {
        g.setStroke(theme().grid());
        g.setLineWidth(theme().lineScale());
        g.strokeLine(left, y, right, y);
        double step = niceStep(axisMax / 5);
        double labelWidth = textWidth(tick(axisMax, step), font) + 12;
        while ((right - left) * step / axisMax < labelWidth) {
            step = niceStep(step * 1.5); // fewer ticks until their labels no longer touch
        }
        g.setFont(font);
        g.setFill(theme().foreground());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double v = 0; v <= axisMax + step * 1e-9; v += step) {
            double x = left + (right - left) * v / axisMax;
            g.strokeLine(x, y, x, y + 4);
            g.fillText(tick(v, step), x, y + 6);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(unitName, right, y + 6 + 14 * theme().fontScale());
    }

    private void drawGpuLines(GraphicsContext g, double left, double top, double axisY, double axisMax, double scale,
                              Font font) {
        // GPUs with the same usable memory share one line and one label.
        Map<Long, List<String>> byUsable = new LinkedHashMap<>();
        for (Gpu gpu : gpus) {
            byUsable.computeIfAbsent(GpuFits.usableBytes(gpu), k -> new ArrayList<>()).add(gpu.name().replace("NVIDIA ", ""));
        }
        g.setFont(font);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        double rowH = 15 * theme().fontScale();
        double[] rowEnds = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<double[]> lines = new ArrayList<>(); // x and label row of each line drawn so far
        for (Map.Entry<Long, List<String>> e : byUsable.entrySet()) {
            double gib = ByteSize.gib(e.getKey());
            if (gib > axisMax) {
                continue;
            }
            double x = left + gib * scale;
            String label = String.join(" / ", e.getValue());
            double w = textWidth(label, font);
            int row = -1;
            for (int r = 0; r < rowEnds.length && row < 0; r++) {
                boolean free = x - w / 2 > rowEnds[r] + 6;
                for (double[] line : lines) {
                    // A label must not sit on the line of a label placed in a row above it.
                    free &= !(line[1] < r && line[0] > x - w / 2 - 3 && line[0] < x + w / 2 + 3);
                }
                if (free) {
                    row = r;
                }
            }
            g.setStroke(theme().accent());
            g.setLineWidth(theme().lineScale());
            g.setLineDashes(5, 4);
            g.strokeLine(x, row < 0 ? top : 4 + (row + 1) * rowH, x, axisY);
            g.setLineDashes();
            if (row >= 0) {
                g.setFill(theme().accent());
                g.fillText(label, x, 4 + row * rowH);
                rowEnds[row] = x + w / 2;
            }
            lines.add(new double[]{x, row < 0 ? Double.POSITIVE_INFINITY : row});
            lineHits.add(new Hit(x, 0, 0, axisY, label + ": " + ByteSize.format(e.getKey()) + " usable each"));
        }
    }

    /** A tick label with as many decimals as the step needs (0.25 needs two, 0.5 one, 2 none). */
    static String tick(double v, double step) {
        int decimals = 0;
        while (decimals < 6 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-9) {
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    private static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double step = niceStep(v / 5);
        return Math.ceil(v / step) * step;
    }

    private static double textWidth(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
