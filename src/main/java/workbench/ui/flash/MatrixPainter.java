package workbench.ui.flash;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import workbench.ui.common.ColorScale;
import workbench.ui.common.Theme;

import java.util.ArrayList;
import java.util.List;

/** Small drawing helpers shared by the lab's canvases: matrices as cells, block outlines, wrapped text. */
final class MatrixPainter {

    private MatrixPainter() {
    }

    /** Draws rows [from, to) of {@code values} with its top-left corner at (x, y), in square cells. */
    static void cells(GraphicsContext g, float[][] values, int from, int to, double x, double y, double cell,
                      ColorScale scale, double min, double max) {
        cells(g, values, from, to, x, y, cell, cell, scale, min, max);
    }

    /** As {@link #cells(GraphicsContext, float[][], int, int, double, double, double, ColorScale, double, double)} with cells {@code w} wide and {@code h} high. */
    static void cells(GraphicsContext g, float[][] values, int from, int to, double x, double y, double w, double h,
                      ColorScale scale, double min, double max) {
        for (int r = from; r < to; r++) {
            for (int c = 0; c < values[r].length; c++) {
                float v = values[r][c];
                g.setFill(Float.isFinite(v) ? scale.color(v, min, max) : Color.GRAY);
                g.fillRect(x + c * w, y + (r - from) * h, w + 0.5, h + 0.5);
            }
        }
    }

    /** A cell-by-cell grid of {@code rows} × {@code cols} in the grid colour, for empty matrices. */
    static void emptyGrid(GraphicsContext g, Theme theme, int rows, int cols, double x, double y, double cell) {
        emptyGrid(g, theme, rows, cols, x, y, cell, cell);
    }

    /** The same grid with cells {@code w} wide and {@code h} high. */
    static void emptyGrid(GraphicsContext g, Theme theme, int rows, int cols, double x, double y, double w, double h) {
        g.setStroke(theme.grid());
        g.setLineWidth(0.5);
        if (Math.min(w, h) >= 5) {
            for (int r = 0; r <= rows; r++) {
                g.strokeLine(x, y + r * h, x + cols * w, y + r * h);
            }
            for (int c = 0; c <= cols; c++) {
                g.strokeLine(x + c * w, y, x + c * w, y + rows * h);
            }
        }
        g.setLineWidth(1);
        g.strokeRect(x, y, cols * w, rows * h);
    }

    /** Horizontal lines every {@code block} rows: where one block ends and the next begins. */
    static void blockLines(GraphicsContext g, Theme theme, int rows, int block, double x, double y, double width,
                           double cell) {
        g.setStroke(theme.foreground());
        g.setLineWidth(1.2 * theme.lineScale());
        for (int r = block; r < rows; r += block) {
            g.strokeLine(x - 2, y + r * cell, x + width + 2, y + r * cell);
        }
        g.strokeRect(x, y, width, rows * cell);
    }

    /** A thick accent frame with a light fill around a block. */
    static void highlight(GraphicsContext g, Theme theme, double x, double y, double w, double h) {
        g.setFill(theme.accent().deriveColor(0, 1, 1, 0.18));
        g.fillRect(x, y, w, h);
        g.setStroke(theme.accent());
        g.setLineWidth(3 * theme.lineScale());
        g.strokeRect(x - 1.5, y - 1.5, w + 3, h + 3);
    }

    /** Cross-hatching: a cell the mask hides. */
    static void hatch(GraphicsContext g, Theme theme, double x, double y, double w, double h) {
        g.save();
        g.beginPath();
        g.rect(x, y, w, h);
        g.clip();
        g.setStroke(theme.grid());
        g.setLineWidth(0.8);
        double step = Math.max(4, Math.min(w, h) / 3);
        for (double t = -h; t < w; t += step) {
            g.strokeLine(x + t, y + h, x + t + h, y);
        }
        g.restore();
    }

    /** Largest |value| in a matrix, at least a small positive number so colour ranges are never empty. */
    static double maxAbs(float[][] values) {
        double m = 1e-6;
        for (float[] row : values) {
            for (float v : row) {
                if (Float.isFinite(v)) {
                    m = Math.max(m, Math.abs(v));
                }
            }
        }
        return m;
    }

    /** Breaks {@code text} into lines no wider than {@code width} in {@code font}. */
    static List<String> wrap(String text, Font font, double width) {
        Text probe = new Text();
        probe.setFont(font);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            probe.setText(candidate);
            if (probe.getLayoutBounds().getWidth() > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Draws wrapped lines from (x, y) down; returns the y below the last line. */
    static double paragraph(GraphicsContext g, String text, Font font, Color color, double x, double y, double width) {
        g.setFont(font);
        g.setFill(color);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double lineHeight = font.getSize() * 1.3;
        for (String line : wrap(text, font, width)) {
            g.fillText(line, x, y);
            y += lineHeight;
        }
        return y;
    }

    /** Subscript digits for block numbers: 12 → "₁₂". */
    static String sub(int value) {
        String digits = Integer.toString(value);
        StringBuilder out = new StringBuilder();
        for (char c : digits.toCharArray()) {
            out.append((char) ('₀' + (c - '0')));
        }
        return out.toString();
    }
}
