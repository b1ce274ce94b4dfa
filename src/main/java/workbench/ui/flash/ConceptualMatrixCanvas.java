package workbench.ui.flash;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import workbench.core.trace.TileStep;
import workbench.ui.common.ColorScale;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

/**
 * The N×N attention matrix P that standard attention writes to slow memory, filling in block by
 * block as the tiled pass visits it. The values come from the naive oracle: the tiled pass never
 * stores this matrix, so it is drawn only to show which part of it has passed through fast memory.
 */
final class ConceptualMatrixCanvas extends FrameCanvas {

    static final String TITLE = "P = softmax(QKᵀ/√d), N × N";
    static final String NOTE = "What standard attention writes to slow memory. Shown from the naive oracle; "
            + "the tiled pass never stores it. Filled: blocks that have passed through fast memory.";

    private static final double PAD = 8;

    ConceptualMatrixCanvas(ThemeManager themes) {
        super(themes);
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        Theme theme = theme();
        FlashFrame frame = frame();
        if (frame == null) {
            message(g, width, height, "Computing…");
            return;
        }
        FlashResult result = frame.result();
        int n = result.length();
        double y = MatrixPainter.paragraph(g, TITLE, Font.font(null, FontWeight.BOLD, theme.fontSize(13)),
                theme.foreground(), PAD, PAD, width - 2 * PAD);
        y = MatrixPainter.paragraph(g, NOTE, Font.font(theme.fontSize(11)), theme.foreground(), PAD, y,
                width - 2 * PAD) + PAD;
        Font labelFont = Font.font(theme.fontSize(10));
        double labelWidth = theme.fontSize(10) * 2.2;
        double cell = Math.max(1, Math.min((width - 2 * PAD - labelWidth) / n, (height - y - PAD - labelWidth) / n));
        double left = PAD + labelWidth;
        double top = y + labelWidth;
        float[][] weights = result.naive().weights();
        boolean[][] allowed = result.naive().allowed();
        boolean[][] visited = frame.state().visited();
        double max = 1e-6;
        for (float[] row : weights) {
            for (float w : row) {
                max = Math.max(max, w);
            }
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double cx = left + c * cell;
                double cy = top + r * cell;
                if (!allowed[r][c]) {
                    MatrixPainter.hatch(g, theme, cx, cy, cell, cell);
                } else if (visited[r][c]) {
                    g.setFill(ColorScale.VIRIDIS.color(weights[r][c], 0, max));
                    g.fillRect(cx, cy, cell + 0.5, cell + 0.5);
                }
            }
        }
        MatrixPainter.emptyGrid(g, theme, n, n, left, top, cell);
        drawBlockGrid(g, theme, result, left, top, cell, n);
        axisLabels(g, theme, labelFont, n, left, top, cell);
        TileStep step = frame.current();
        if (step != null) {
            MatrixPainter.highlight(g, theme, left + step.colStart() * cell, top + step.rowStart() * cell,
                    step.columns() * cell, step.rows() * cell);
        }
    }

    private static void drawBlockGrid(GraphicsContext g, Theme theme, FlashResult result, double left, double top,
                                      double cell, int n) {
        g.setStroke(theme.foreground());
        g.setLineWidth(1.2 * theme.lineScale());
        for (int r = result.tiled().blockRows(); r < n; r += result.tiled().blockRows()) {
            g.strokeLine(left, top + r * cell, left + n * cell, top + r * cell);
        }
        for (int c = result.tiled().blockCols(); c < n; c += result.tiled().blockCols()) {
            g.strokeLine(left + c * cell, top, left + c * cell, top + n * cell);
        }
        g.strokeRect(left, top, n * cell, n * cell);
    }

    private static void axisLabels(GraphicsContext g, Theme theme, Font font, int n, double left, double top,
                                   double cell) {
        g.setFont(font);
        g.setFill(theme.foreground());
        int stride = (int) Math.max(1, Math.ceil(font.getSize() * 1.3 / cell));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int r = 0; r < n; r += stride) {
            g.fillText(Integer.toString(r), left - 3, top + (r + 0.5) * cell);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        javafx.scene.text.Text probe = new javafx.scene.text.Text(Integer.toString(n - 1) + " ");
        probe.setFont(font);
        int columnStride = (int) Math.max(1, Math.ceil(probe.getLayoutBounds().getWidth() / cell));
        for (int c = 0; c < n; c += columnStride) {
            g.fillText(Integer.toString(c), left + (c + 0.5) * cell, top - 2);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("keys →", left, top - font.getSize() * 1.3);
    }
}
