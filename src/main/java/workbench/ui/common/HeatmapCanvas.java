package workbench.ui.common;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A labelled matrix drawn as coloured cells: rows and columns carry token labels, the value of the
 * cell under the mouse is read out below the grid, masked cells are hatched, and a colour bar
 * shows the scale. Used for attention maps, embeddings, encodings, gate activations and tiles.
 */
public class HeatmapCanvas extends CanvasPane {

    private static final double PAD = 6;
    private static final double LEGEND = 56;

    private float[][] values = new float[0][0];
    private boolean[][] masked;
    private List<String> rowLabels = List.of();
    private List<String> columnLabels = List.of();
    private String rowTitle = "";
    private String columnTitle = "";
    private ColorScale scale = ColorScale.VIRIDIS;
    private Double fixedMin;
    private Double fixedMax;
    private String emptyMessage = "Nothing to show yet.";
    private String valueFormat = "%.3f";
    private int selectedRow = -1;
    private int selectedColumn = -1;
    private int hoverRow = -1;
    private int hoverColumn = -1;
    private BiConsumer<Integer, Integer> onCellClicked = (r, c) -> { };
    private Grid grid;
    private ImagePattern hatch;
    private Theme hatchTheme;
    private final java.util.Map<WidthKey, Double> labelWidths = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<WidthKey, Double> eldest) {
            return size() > 4;
        }
    };

    public HeatmapCanvas(ThemeManager themes) {
        super(themes);
        getStyleClass().add("heatmap");
        setOnMouseMoved(this::hover);
        setOnMouseExited(e -> setHover(-1, -1));
        setOnMouseClicked(e -> {
            int[] cell = cellAt(e.getX(), e.getY());
            if (cell != null) {
                onCellClicked.accept(cell[0], cell[1]);
            }
        });
    }

    /**
     * Shows a matrix. Shape (rows, columns); labels may be shorter than the matrix (missing ones
     * are drawn as indices).
     */
    public void setData(float[][] matrix, List<String> rows, List<String> columns) {
        this.values = Objects.requireNonNull(matrix);
        this.rowLabels = List.copyOf(rows);
        this.columnLabels = List.copyOf(columns);
        if (masked != null && (masked.length != matrix.length)) {
            masked = null;
        }
        hoverRow = hoverColumn = -1;
        redraw();
    }

    /**
     * Shows a matrix with its masked cells and outlined row and column in one go, redrawing once
     * (for views that change all of them on every update).
     */
    public void show(float[][] matrix, List<String> rows, List<String> columns, boolean[][] mask, int row, int column) {
        this.values = Objects.requireNonNull(matrix);
        this.rowLabels = List.copyOf(rows);
        this.columnLabels = List.copyOf(columns);
        this.masked = mask;
        this.selectedRow = row;
        this.selectedColumn = column;
        hoverRow = hoverColumn = -1;
        redraw();
    }

    /** Cells where {@code mask[r][c]} is true are drawn hatched, as "not allowed". */
    public void setMask(boolean[][] mask) {
        this.masked = mask;
        redraw();
    }

    public void setTitles(String rowTitle, String columnTitle) {
        this.rowTitle = rowTitle;
        this.columnTitle = columnTitle;
        redraw();
    }

    public void setColorScale(ColorScale value) {
        this.scale = value;
        redraw();
    }

    /** Fixes the colour range, for example [0, 1] for probabilities; null for the data's own range. */
    public void setRange(Double min, Double max) {
        this.fixedMin = min;
        this.fixedMax = max;
        redraw();
    }

    public void setEmptyMessage(String message) {
        this.emptyMessage = message;
        redraw();
    }

    /** printf format for values in cells and in the read-out, "%.3f" by default. */
    public void setValueFormat(String format) {
        this.valueFormat = format;
        redraw();
    }

    /** Outlines a row and/or a column (-1 for none). */
    public void select(int row, int column) {
        this.selectedRow = row;
        this.selectedColumn = column;
        redraw();
    }

    public void setOnCellClicked(BiConsumer<Integer, Integer> handler) {
        this.onCellClicked = handler == null ? (r, c) -> { } : handler;
    }

    public float[][] values() {
        return values;
    }

    public List<String> rowLabels() {
        return rowLabels;
    }

    public List<String> columnLabels() {
        return columnLabels;
    }

    /** The read-out line for the hovered cell, or empty when the mouse is not over a cell. */
    public String readout() {
        if (hoverRow < 0 || hoverRow >= values.length || hoverColumn < 0 || hoverColumn >= values[hoverRow].length) {
            return "";
        }
        String cell = masked(hoverRow, hoverColumn) ? "masked" : format(values[hoverRow][hoverColumn]);
        return label(rowLabels, hoverRow) + (rowTitle.isEmpty() ? "" : " (" + rowTitle + ")") + "  →  "
                + label(columnLabels, hoverColumn) + (columnTitle.isEmpty() ? "" : " (" + columnTitle + ")")
                + " :  " + cell;
    }

    /** The (row, column) of the cell at a point in this node's coordinates, or null. */
    public int[] cellAt(double x, double y) {
        if (grid == null) {
            return null;
        }
        int c = (int) Math.floor((x - grid.left) / grid.cell);
        int r = (int) Math.floor((y - grid.top) / grid.cell);
        if (r < 0 || c < 0 || r >= grid.rows || c >= grid.columns) {
            return null;
        }
        return new int[]{r, c};
    }

    /** The centre of a cell in this node's coordinates (for tests and overlays). */
    public double[] cellCenter(int row, int column) {
        if (grid == null) {
            return null;
        }
        return new double[]{grid.left + (column + 0.5) * grid.cell, grid.top + (row + 0.5) * grid.cell};
    }

    private void hover(MouseEvent event) {
        int[] cell = cellAt(event.getX(), event.getY());
        if (cell == null) {
            setHover(-1, -1);
        } else {
            setHover(cell[0], cell[1]);
        }
    }

    private void setHover(int row, int column) {
        if (row != hoverRow || column != hoverColumn) {
            hoverRow = row;
            hoverColumn = column;
            redraw();
        }
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        Theme theme = theme();
        g.setTextBaseline(VPos.CENTER);
        int rows = values.length;
        int columns = rows == 0 ? 0 : values[0].length;
        Font labelFont = Font.font(theme.fontSize(11));
        if (rows == 0 || columns == 0) {
            grid = null;
            g.setFill(theme.foreground());
            g.setFont(Font.font(theme.fontSize(14)));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(emptyMessage, width / 2, height / 2);
            return;
        }
        double readoutHeight = theme.fontSize(13) * 1.8;
        double titleHeight = columnTitle.isEmpty() ? 0 : theme.fontSize(12) * 1.6;
        double rowTitleWidth = rowTitle.isEmpty() ? 0 : theme.fontSize(12) * 1.6;
        double rowLabelWidth = 0;
        double columnLabelHeight = 0;
        double cell = 1;
        // Labels shrink (down to 8 points, scaled by the theme) before some are left out, so that a
        // 64-token map still labels every token: lay out, and once more with the smaller font.
        for (int pass = 0; pass < 2; pass++) {
            rowLabelWidth = Math.min(width * 0.3, maxWidth(rowLabels, rows, labelFont) + PAD * 2);
            columnLabelHeight = Math.min(height * 0.3, (uprightColumns(columns) ? labelFont.getSize() * 1.2
                    : maxWidth(columnLabels, columns, labelFont)) + PAD * 2);
            double availableWidth = width - rowLabelWidth - rowTitleWidth - LEGEND - PAD * 2;
            double availableHeight = height - columnLabelHeight - titleHeight - readoutHeight - PAD * 2;
            cell = Math.max(1, Math.min(availableWidth / columns, availableHeight / rows));
            double fitting = Math.max(theme.fontSize(8), cell / 1.2);
            if (fitting >= labelFont.getSize()) {
                break;
            }
            labelFont = Font.font(fitting);
        }
        double left = rowTitleWidth + rowLabelWidth + PAD;
        double top = titleHeight + columnLabelHeight + PAD;
        grid = new Grid(left, top, cell, rows, columns);

        double[] range = range();
        drawCells(g, range, cell, left, top, rows, columns);
        drawLabels(g, labelFont, cell, left, top, rows, columns, theme);
        drawTitles(g, theme, left, top, cell, rows, columns, titleHeight, rowTitleWidth);
        drawSelection(g, theme, cell, left, top, rows, columns);
        drawLegend(g, theme, range, left + columns * cell + PAD * 2, top, Math.max(60, rows * cell));
        g.setFill(theme.foreground());
        g.setFont(Font.font(theme.fontSize(13)));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(readout(), PAD, height - readoutHeight / 2);
    }

    private void drawCells(GraphicsContext g, double[] range, double cell, double left, double top, int rows, int columns) {
        // One image pixel per cell, scaled up without smoothing, and one hatched rectangle per run of
        // masked cells: a 64 x 64 map is then a few dozen drawing commands instead of thousands,
        // which the software renderer draws in milliseconds.
        WritableImage image = new WritableImage(columns, rows);
        PixelWriter pixels = image.getPixelWriter();
        g.setFill(hatch(theme()));
        for (int r = 0; r < rows; r++) {
            int runStart = -1;
            for (int c = 0; c <= columns; c++) {
                boolean hatched = c < columns && masked(r, c);
                if (hatched && runStart < 0) {
                    runStart = c;
                } else if (!hatched && runStart >= 0) {
                    g.fillRect(left + runStart * cell, top + r * cell, (c - runStart) * cell, cell);
                    runStart = -1;
                }
                if (c < columns) {
                    boolean present = c < values[r].length && !hatched;
                    pixels.setColor(c, r, present ? scale.color(values[r][c], range[0], range[1]) : Color.TRANSPARENT);
                }
            }
        }
        g.setImageSmoothing(false);
        g.drawImage(image, left, top, columns * cell, rows * cell);
        g.setImageSmoothing(true);
        if (cell >= 34) {
            g.setFont(Font.font(Math.min(14, cell / 3.2)));
            g.setTextAlign(TextAlignment.CENTER);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns && c < values[r].length; c++) {
                    if (!masked(r, c)) {
                        g.setFill(ColorScale.textOn(scale.color(values[r][c], range[0], range[1])));
                        g.fillText(shortFormat(values[r][c]), left + c * cell + cell / 2, top + r * cell + cell / 2);
                    }
                }
            }
        }
    }

    /** The fill of masked cells: thin diagonal lines in the grid colour on the background, tiled. */
    private ImagePattern hatch(Theme theme) {
        if (hatch == null || hatchTheme != theme) {
            int size = 8;
            WritableImage tile = new WritableImage(size, size);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    tile.getPixelWriter().setColor(x, y, (x + y) % size == size - 1 ? theme.grid() : theme.background());
                }
            }
            hatch = new ImagePattern(tile, 0, 0, size, size, false);
            hatchTheme = theme;
        }
        return hatch;
    }

    private void drawLabels(GraphicsContext g, Font font, double cell, double left, double top, int rows, int columns,
                            Theme theme) {
        g.setFill(theme.foreground());
        g.setFont(font);
        double fontHeight = font.getSize() * 1.2;
        int rowStride = (int) Math.ceil(fontHeight / cell);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int r = 0; r < rows; r += rowStride) {
            g.setFill(r == hoverRow || r == selectedRow ? theme.accent() : theme.foreground());
            g.fillText(label(rowLabels, r), left - PAD, top + (r + 0.5) * cell);
        }
        int columnStride = (int) Math.ceil(fontHeight / cell);
        if (uprightColumns(columns)) {
            g.setTextAlign(TextAlignment.CENTER);
            for (int c = 0; c < columns; c += columnStride) {
                g.setFill(c == hoverColumn || c == selectedColumn ? theme.accent() : theme.foreground());
                g.fillText(label(columnLabels, c), left + (c + 0.5) * cell, top - PAD - fontHeight / 2);
            }
            return;
        }
        for (int c = 0; c < columns; c += columnStride) {
            g.save();
            g.translate(left + (c + 0.5) * cell, top - PAD);
            g.rotate(-90);
            g.setFill(c == hoverColumn || c == selectedColumn ? theme.accent() : theme.foreground());
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(label(columnLabels, c), 0, 0);
            g.restore();
        }
    }

    private void drawTitles(GraphicsContext g, Theme theme, double left, double top, double cell, int rows, int columns,
                            double titleHeight, double rowTitleWidth) {
        g.setFill(theme.foreground());
        g.setFont(Font.font(null, javafx.scene.text.FontWeight.BOLD, theme.fontSize(12)));
        g.setTextAlign(TextAlignment.CENTER);
        if (!columnTitle.isEmpty()) {
            g.fillText(columnTitle, left + columns * cell / 2, titleHeight / 2);
        }
        if (!rowTitle.isEmpty()) {
            g.save();
            g.translate(rowTitleWidth / 2, top + rows * cell / 2);
            g.rotate(-90);
            g.fillText(rowTitle, 0, 0);
            g.restore();
        }
    }

    private void drawSelection(GraphicsContext g, Theme theme, double cell, double left, double top, int rows, int columns) {
        g.setStroke(theme.accent());
        g.setLineWidth(2 * theme.lineScale());
        if (selectedRow >= 0 && selectedRow < rows) {
            g.strokeRect(left, top + selectedRow * cell, columns * cell, cell);
        }
        if (selectedColumn >= 0 && selectedColumn < columns) {
            g.strokeRect(left + selectedColumn * cell, top, cell, rows * cell);
        }
        if (hoverRow >= 0 && hoverColumn >= 0) {
            g.setStroke(theme.foreground());
            g.setLineWidth(1.5 * theme.lineScale());
            g.strokeRect(left + hoverColumn * cell, top + hoverRow * cell, cell, cell);
        }
    }

    private void drawLegend(GraphicsContext g, Theme theme, double[] range, double x, double top, double h) {
        double barWidth = 12;
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            double t = 1 - (i + 0.5) / steps;
            double value = range[0] + t * (range[1] - range[0]);
            if (scale.isSigned()) {
                double reach = Math.max(Math.abs(range[0]), Math.abs(range[1]));
                value = -reach + t * 2 * reach;
                g.setFill(scale.color(value, -reach, reach));
            } else {
                g.setFill(scale.color(value, range[0], range[1]));
            }
            g.fillRect(x, top + i * h / steps, barWidth, h / steps + 0.5);
        }
        g.setStroke(theme.grid());
        g.setLineWidth(1);
        g.strokeRect(x, top, barWidth, h);
        g.setFill(theme.foreground());
        g.setFont(Font.font(theme.fontSize(10)));
        g.setTextAlign(TextAlignment.LEFT);
        double hi = scale.isSigned() ? Math.max(Math.abs(range[0]), Math.abs(range[1])) : range[1];
        double lo = scale.isSigned() ? -hi : range[0];
        g.fillText(shortFormat(hi), x + barWidth + 3, top + 6);
        g.fillText(shortFormat(lo), x + barWidth + 3, top + h - 6);
    }

    private double[] range() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                float v = values[r][c];
                if (!masked(r, c) && Float.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        return new double[]{fixedMin != null ? fixedMin : min, fixedMax != null ? fixedMax : max};
    }

    private boolean masked(int r, int c) {
        return masked != null && r < masked.length && c < masked[r].length && masked[r][c];
    }

    private String format(float v) {
        return String.format(Locale.ROOT, valueFormat, v);
    }

    private static String shortFormat(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v).replace("0.", ".");
    }

    private static String label(List<String> labels, int i) {
        return i < labels.size() ? labels.get(i) : String.valueOf(i);
    }

    /**
     * Widest label, in pixels. Measuring text is the slowest part of a redraw, and the labels
     * rarely change between redraws (a slider moves, the positions stay), so the last few answers
     * are kept.
     */
    /** Single characters (a character-level model's tokens) stay upright: rotated, '[' would read as a smile. */
    private boolean uprightColumns(int columns) {
        for (int c = 0; c < columns; c++) {
            String text = label(columnLabels, c);
            if (text.codePointCount(0, text.length()) > 1) {
                return false;
            }
        }
        return true;
    }

    private double maxWidth(List<String> labels, int count, Font font) {
        WidthKey key = new WidthKey(labels, count, font.getFamily(), font.getSize());
        Double known = labelWidths.get(key);
        if (known != null) {
            return known;
        }
        Text probe = new Text();
        probe.setFont(font);
        double max = 0;
        for (int i = 0; i < count; i++) {
            probe.setText(label(labels, i));
            max = Math.max(max, probe.getLayoutBounds().getWidth());
        }
        labelWidths.put(key, max);
        return max;
    }

    private record WidthKey(List<String> labels, int count, String family, double size) {
    }

    private record Grid(double left, double top, double cell, int rows, int columns) {
    }
}
