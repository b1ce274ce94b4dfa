package workbench.ui.gqa;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import workbench.core.attention.GroupedQueryAttention;
import workbench.core.gqa.GroupMaps;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.ColorScale;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.Locale;

/**
 * The attention maps of one layer's query heads, one row per model version (trained MHA first,
 * then its conversion): each map is framed in the colour of the K/V head its query head reads,
 * so the heads of a group sit under one coloured bar. Under each converted map: how far it moved
 * from the trained model's map of the same head (mean total-variation distance, 0 to 1).
 */
final class GroupMapsCanvas extends CanvasPane {

    private static final double PAD = 8;

    private GroupMaps maps;

    GroupMapsCanvas(ThemeManager themes) {
        super(themes);
        setPrefHeight(600);
        setMinHeight(300);
    }

    void setMaps(GroupMaps value) {
        maps = value;
        redraw();
    }

    GroupMaps maps() {
        return maps;
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        Theme theme = theme();
        g.setFill(theme.background());
        g.fillRect(0, 0, width, height);
        g.setTextBaseline(VPos.TOP);
        Font bold = Font.font(null, FontWeight.BOLD, theme.fontSize(12));
        Font small = Font.font(theme.fontSize(11));
        if (maps == null || maps.rows().isEmpty()) {
            g.setFill(theme.foreground());
            g.setFont(small);
            g.fillText("Computing the attention maps…", PAD, PAD);
            return;
        }
        int heads = maps.rows().get(0).heads();
        int rows = maps.rows().size();
        double line = theme.fontSize(11) * 1.35;
        double labelWidth = theme.fontSize(11) * 12;
        double top = PAD + line * 3.6 + line * 2.2; // legend (three lines), then group bars and head titles
        double between = line * 3.6; // the "moved" line under a row's maps, then the next row's bars and titles
        double gap = Math.max(8, theme.fontSize(11));
        double side = Math.min((width - labelWidth - 2 * PAD - (heads - 1) * gap) / heads,
                (height - top - PAD - line * 1.4 - (rows - 1) * between) / rows);
        side = Math.max(20, side);
        double maxWeight = 0;
        for (GroupMaps.Row row : maps.rows()) {
            for (float[][] map : row.weights()) {
                for (float[] r : map) {
                    for (float w : r) {
                        maxWeight = Math.max(maxWeight, w);
                    }
                }
            }
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(theme.foreground());
        g.setFont(small);
        String[] legend = {
                String.format(Locale.ROOT, "Layer %d, %d tokens. Row = query, column = key; grey = masked (a later key).",
                        maps.layer(), maps.length()),
                String.format(Locale.ROOT, "Colour: √weight (viridis), for weights 0 to %.2f: the root lifts small weights "
                        + "into view.", maxWeight),
                "\"moved\": mean total-variation distance to the trained head's map (0 = the same, 1 = all elsewhere)."};
        for (int i = 0; i < legend.length; i++) {
            g.fillText(legend[i], PAD, PAD + i * line * 1.15, width - 2 * PAD);
        }
        double y = top;
        for (int r = 0; r < rows; r++) {
            GroupMaps.Row row = maps.rows().get(r);
            int groupSize = heads / row.kvHeads();
            g.setTextAlign(TextAlignment.LEFT);
            g.setFill(theme.foreground());
            // "GQA-2, 50 steps fine-tuned": the kind in bold, what was done to it underneath.
            String[] parts = row.label().split(", ", 2);
            double ly = y + side / 2 - line * 1.5;
            g.setFont(bold);
            g.fillText(parts[0], PAD, ly, labelWidth - PAD);
            g.setFont(small);
            if (parts.length > 1) {
                ly += line;
                g.fillText(parts[1], PAD, ly, labelWidth - PAD);
            }
            g.fillText(row.kvHeads() + " K/V head" + (row.kvHeads() == 1 ? "" : "s"), PAD, ly + line, labelWidth - PAD);
            for (int h = 0; h < heads; h++) {
                int kv = GroupedQueryAttention.kvHeadOf(h, heads, row.kvHeads());
                double x = PAD + labelWidth + h * (side + gap);
                Color colour = HeadSharingCanvas.groupColour(kv);
                if (h % groupSize == 0) {
                    double barWidth = groupSize * side + (groupSize - 1) * gap;
                    g.setFill(colour);
                    g.fillRect(x, y - line * 2.1, barWidth, line);
                    g.setFill(ColorScale.textOn(colour));
                    g.setTextAlign(TextAlignment.CENTER);
                    g.fillText("K/V head " + kv, x + barWidth / 2, y - line * 2.1, barWidth);
                }
                g.setFill(theme.foreground());
                g.setTextAlign(TextAlignment.CENTER);
                g.fillText("query head " + h, x + side / 2, y - line * 1.05, side + gap);
                drawMap(g, theme, row.weights()[h], x, y, side, maxWeight);
                g.setStroke(colour);
                g.setLineWidth(3 * theme.lineScale());
                g.strokeRect(x - 1.5, y - 1.5, side + 3, side + 3);
                if (r > 0) {
                    g.setFill(theme.foreground());
                    g.fillText(String.format(Locale.ROOT, "moved %.2f", row.shift()[h]), x + side / 2, y + side + 4, side + gap);
                }
            }
            y += side + between;
        }
    }

    /** One (T, T) map as an image of T × T pixels scaled up without smoothing, so cells stay sharp. */
    private void drawMap(GraphicsContext g, Theme theme, float[][] map, double x, double y, double side, double max) {
        int t = map.length;
        WritableImage image = new WritableImage(t, t);
        PixelWriter pixels = image.getPixelWriter();
        Color masked = theme.grid();
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                pixels.setColor(j, i, maps.allowed()[i][j]
                        ? ColorScale.VIRIDIS.color(Math.sqrt(Math.max(0, map[i][j])), 0, Math.sqrt(max)) : masked);
            }
        }
        g.setImageSmoothing(false);
        g.drawImage(image, x, y, side, side);
        g.setImageSmoothing(true);
    }
}
