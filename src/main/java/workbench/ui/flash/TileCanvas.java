package workbench.ui.flash;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import workbench.core.trace.TileStep;
import workbench.ui.common.ColorScale;
import workbench.ui.common.MemorySizeFormat;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

/**
 * Slow memory on the left, Q, K, V, O and the row statistics m and l, drawn as tiled matrices
 * (lines between blocks); fast memory on the right, with the blocks the current step loaded into
 * it. O, m and l show what slow memory holds after the steps so far.
 */
final class TileCanvas extends FrameCanvas {

    private static final double PAD = 8;

    TileCanvas(ThemeManager themes) {
        super(themes);
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        Theme theme = theme();
        FlashFrame frame = frame();
        if (frame == null) {
            message(g, width, height, "Computing the tiled pass…");
            return;
        }
        FlashResult result = frame.result();
        int n = result.length();
        int d = result.width();
        int dv = result.input().v()[0].length;
        int br = result.tiled().blockRows();
        int bc = result.tiled().blockCols();
        TileStep step = frame.current();

        Font title = Font.font(null, FontWeight.BOLD, theme.fontSize(13));
        Font label = Font.font(theme.fontSize(12));
        double slowWidth = width * 0.64;
        double titleHeight = theme.fontSize(13) * 1.6;
        double labelHeight = theme.fontSize(12) * 1.7;
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(title);
        g.setFill(theme.foreground());
        g.fillText("Slow memory (HBM)", PAD, PAD);

        double gap = Math.max(10, theme.fontSize(12));
        double top = PAD + titleHeight + labelHeight;
        double usable = slowWidth - 2 * PAD - 5 * gap;
        double heightFit = (height - top - PAD) / n;
        // Square cells when they are large enough to read; a wide head (d = 32) gets narrower, taller
        // cells (at most 3:1) and m and l keep a readable width.
        double square = Math.min(usable / (d + d + dv + dv + 2), heightFit);
        double cellW;
        double cellH;
        double statW;
        if (square >= 8) {
            cellW = cellH = statW = square;
        } else {
            statW = Math.max(1.5, Math.min(heightFit, 12));
            cellW = Math.max(1.5, Math.min((usable - 2 * statW) / (d + d + dv + dv), heightFit));
            cellH = Math.max(1.5, Math.min(heightFit, 3 * cellW));
            statW = Math.max(statW, cellW);
        }
        double[] xs = new double[6];
        double[] widths = {d * cellW, d * cellW, dv * cellW, dv * cellW, statW, statW};
        double x = PAD;
        for (int i = 0; i < 6; i++) {
            xs[i] = x;
            x += widths[i] + gap;
        }
        String[] names = {"Q", "K", "V", "O", "m", "l"};
        g.setFont(label);
        g.setTextAlign(TextAlignment.CENTER);
        for (int i = 0; i < 6; i++) {
            g.setFill(theme.foreground());
            g.fillText(names[i], xs[i] + widths[i] / 2, PAD + titleHeight);
        }

        double qRange = MatrixPainter.maxAbs(result.input().q());
        double kRange = MatrixPainter.maxAbs(result.input().k());
        double vRange = MatrixPainter.maxAbs(result.input().v());
        double oRange = MatrixPainter.maxAbs(result.tiled().output());
        MatrixPainter.cells(g, result.input().q(), 0, n, xs[0], top, cellW, cellH, ColorScale.DIVERGING, -qRange, qRange);
        MatrixPainter.cells(g, result.input().k(), 0, n, xs[1], top, cellW, cellH, ColorScale.DIVERGING, -kRange, kRange);
        MatrixPainter.cells(g, result.input().v(), 0, n, xs[2], top, cellW, cellH, ColorScale.DIVERGING, -vRange, vRange);
        drawPartialOutput(g, theme, frame, xs[3], top, cellW, cellH, oRange);
        drawStatistics(g, theme, frame, xs[4], xs[5], top, statW, cellH);

        int[] blocks = {br, bc, bc, br, br, br};
        for (int i = 0; i < 6; i++) {
            MatrixPainter.blockLines(g, theme, n, blocks[i], xs[i], top, widths[i], cellH);
        }
        if (step != null) {
            double ry = top + step.rowStart() * cellH;
            double rh = step.rows() * cellH;
            double cy = top + step.colStart() * cellH;
            double ch = step.columns() * cellH;
            for (int i = 0; i < 6; i++) {
                boolean keyBlock = i == 1 || i == 2;
                MatrixPainter.highlight(g, theme, xs[i], keyBlock ? cy : ry, widths[i], keyBlock ? ch : rh);
            }
        }
        drawFastMemory(g, theme, result, step, slowWidth, width - slowWidth - PAD, height, qRange, kRange, vRange, oRange);
    }

    private void drawPartialOutput(GraphicsContext g, Theme theme, FlashFrame frame, double x, double top, double cellW,
                                   double cellH, double range) {
        float[][] out = frame.state().output();
        int dv = out.length == 0 ? 0 : out[0].length;
        for (int r = 0; r < out.length; r++) {
            if (frame.state().runningMax()[r] == Float.NEGATIVE_INFINITY) {
                MatrixPainter.emptyGrid(g, theme, 1, dv, x, top + r * cellH, cellW, cellH);
            } else {
                MatrixPainter.cells(g, out, r, r + 1, x, top + r * cellH, cellW, cellH, ColorScale.DIVERGING, -range, range);
            }
        }
    }

    private void drawStatistics(GraphicsContext g, Theme theme, FlashFrame frame, double mx, double lx, double top,
                                double cellW, double cellH) {
        float[] m = frame.state().runningMax();
        float[] l = frame.state().runningSum();
        float[] finalMax = frame.result().naive().rowMax();
        float[] finalSum = frame.result().naive().rowSum();
        double[] mRange = range(finalMax);
        double[] lRange = range(finalSum);
        for (int r = 0; r < m.length; r++) {
            double y = top + r * cellH;
            if (m[r] == Float.NEGATIVE_INFINITY) {
                MatrixPainter.emptyGrid(g, theme, 1, 1, mx, y, cellW, cellH);
                MatrixPainter.emptyGrid(g, theme, 1, 1, lx, y, cellW, cellH);
            } else {
                g.setFill(ColorScale.CIVIDIS.color(m[r], mRange[0], mRange[1]));
                g.fillRect(mx, y, cellW + 0.5, cellH + 0.5);
                g.setFill(ColorScale.CIVIDIS.color(l[r], lRange[0], lRange[1]));
                g.fillRect(lx, y, cellW + 0.5, cellH + 0.5);
            }
        }
    }

    private void drawFastMemory(GraphicsContext g, Theme theme, FlashResult result, TileStep step, double x0,
                                double width, double height, double qRange, double kRange, double vRange,
                                double oRange) {
        Font title = Font.font(null, FontWeight.BOLD, theme.fontSize(13));
        Font label = Font.font(theme.fontSize(12));
        double x = x0 + PAD;
        g.setStroke(theme.accent());
        g.setLineWidth(2 * theme.lineScale());
        g.strokeRoundRect(x0, PAD / 2, width, height - PAD, 10, 10);
        double y = MatrixPainter.paragraph(g, "Fast memory (SRAM)", title, theme.foreground(), x, PAD, width - 2 * PAD);
        String size = "M = " + MemorySizeFormat.count(result.fastMemoryFloats()) + " floats ("
                + MemorySizeFormat.bytes(result.fastMemoryBytes()) + ")";
        y = MatrixPainter.paragraph(g, size, label, theme.foreground(), x, y, width - 2 * PAD);
        if (step == null) {
            MatrixPainter.paragraph(g, "Empty. Press Step or Play: each step loads one block of K and V and one block "
                    + "of Q, O, m and l.", label, theme.foreground(), x, y + PAD, width - 2 * PAD);
            return;
        }
        int d = result.width();
        int dv = result.input().v()[0].length;
        int r = step.rows();
        int c = step.columns();
        String i = MatrixPainter.sub(step.queryBlock() + 1);
        String j = MatrixPainter.sub(step.keyBlock() + 1);
        double labelHeight = theme.fontSize(12) * 1.5;
        double gap = PAD * 1.5;
        // Q_i, K_j, V_j in a row; below them S_ij with O_i beside it, or under it when the box is narrow.
        // The cell size is the largest that fits, keeping room for four lines of text at the bottom.
        String sName = "S" + i + "," + j + " = Q" + i + "K" + j + "ᵀ/√d";
        javafx.scene.text.Text probe = new javafx.scene.text.Text(sName);
        probe.setFont(label);
        double sLabelWidth = probe.getLayoutBounds().getWidth();
        double available = width - 2 * PAD;
        double textReserve = 4 * theme.fontSize(12) * 1.3;
        double free = height - y - textReserve - PAD;
        double fitRow = (available - 2 * gap) / (d + d + dv);
        double besideCell = Math.min(Math.min(fitRow, (available - gap - sLabelWidth) / dv),
                Math.min((available - gap) / (c + dv), (free - 2 * labelHeight - 3 * gap) / (Math.max(r, c) + r)));
        double belowCell = Math.min(Math.min(fitRow, available / c),
                (free - 3 * labelHeight - 4 * gap) / (Math.max(r, c) + 2 * r));
        boolean beside = besideCell >= belowCell;
        double cell = Math.max(1.5, Math.min(Math.max(besideCell, belowCell), 22));
        double top = y + gap + labelHeight;
        double qx = x;
        double kx = qx + d * cell + gap;
        double vx = kx + d * cell + gap;
        blockLabel(g, label, theme, "Q" + i, qx, top - labelHeight);
        blockLabel(g, label, theme, "K" + j, kx, top - labelHeight);
        blockLabel(g, label, theme, "V" + j, vx, top - labelHeight);
        MatrixPainter.cells(g, result.input().q(), step.rowStart(), step.rowEnd(), qx, top, cell, ColorScale.DIVERGING,
                -qRange, qRange);
        MatrixPainter.cells(g, result.input().k(), step.colStart(), step.colEnd(), kx, top, cell, ColorScale.DIVERGING,
                -kRange, kRange);
        MatrixPainter.cells(g, result.input().v(), step.colStart(), step.colEnd(), vx, top, cell, ColorScale.DIVERGING,
                -vRange, vRange);
        double second = top + Math.max(r, c) * cell + gap + labelHeight;
        double sRange = MatrixPainter.maxAbs(step.scores());
        blockLabel(g, label, theme, sName, qx, second - labelHeight);
        for (int row = 0; row < r; row++) {
            for (int col = 0; col < c; col++) {
                double cx = qx + col * cell;
                double cy = second + row * cell;
                if (step.allowed()[row][col]) {
                    g.setFill(ColorScale.DIVERGING.color(step.scores()[row][col], -sRange, sRange));
                    g.fillRect(cx, cy, cell + 0.5, cell + 0.5);
                } else {
                    MatrixPainter.hatch(g, theme, cx, cy, cell, cell);
                }
            }
        }
        double besideX = Math.max(qx + c * cell, qx + sLabelWidth) + gap;
        double ox = beside ? besideX : qx;
        double oy = beside ? second : second + r * cell + gap + labelHeight;
        blockLabel(g, label, theme, "O" + i, ox, oy - labelHeight);
        MatrixPainter.cells(g, step.outputAfter(), 0, r, ox, oy, cell, ColorScale.DIVERGING, -oRange, oRange);
        long blockFloats = 2L * c * d + (long) r * d + (long) r * dv + 2L * r;
        String used = "Holds Q" + i + ", K" + j + ", V" + j + ", O" + i + ", m" + i + ", l" + i + ": "
                + MemorySizeFormat.count(blockFloats) + " floats, and " + MemorySizeFormat.count((long) r * c)
                + " scores of S" + i + "," + j + ", which is never written to slow memory.";
        MatrixPainter.paragraph(g, used, label, theme.foreground(), x, oy + r * cell + gap, width - 2 * PAD);
    }

    private static void blockLabel(GraphicsContext g, Font font, Theme theme, String text, double x, double y) {
        g.setFont(font);
        g.setFill(theme.foreground());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(text, x, y);
    }

    private static double[] range(float[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > hi ? new double[]{0, 1} : new double[]{lo, hi};
    }
}
