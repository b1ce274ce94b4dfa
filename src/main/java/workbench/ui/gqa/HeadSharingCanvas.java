package workbench.ui.gqa;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import workbench.core.attention.GroupedQueryAttention;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.ColorScale;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

/**
 * Which query heads share which key/value head: query heads in a row at the top, K/V heads at the
 * bottom, a line from each query head to the K/V head it reads, one colour per group. The grouping
 * is the core's ({@link GroupedQueryAttention#groups}).
 */
final class HeadSharingCanvas extends CanvasPane {

    /** Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. */
    private static final Color[] GROUP_COLOURS = {
            Color.web("#0072B2"), Color.web("#E69F00"), Color.web("#009E73"), Color.web("#CC79A7"),
            Color.web("#56B4E9"), Color.web("#D55E00"), Color.web("#F0E442"), Color.web("#000000")};
    private static final double PAD = 10;

    private int heads = 1;
    private int kvHeads = 1;
    private int[][] groups = {{0}};

    HeadSharingCanvas(ThemeManager themes) {
        super(themes);
        setPrefHeight(210);
    }

    /** Draws {@code heads} query heads sharing {@code kvHeads} K/V heads; kvHeads must divide heads. */
    void setHeads(int heads, int kvHeads) {
        this.groups = GroupedQueryAttention.groups(heads, kvHeads);
        this.heads = heads;
        this.kvHeads = kvHeads;
        redraw();
    }

    int[][] groups() {
        return groups;
    }

    static Color groupColour(int group) {
        return GROUP_COLOURS[group % GROUP_COLOURS.length];
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        Theme theme = theme();
        Font title = Font.font(null, FontWeight.BOLD, theme.fontSize(13));
        Font label = Font.font(theme.fontSize(11));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(title);
        g.setFill(theme.foreground());
        int size = heads / kvHeads;
        String kind = kvHeads == heads ? "MHA" : kvHeads == 1 ? "MQA" : "GQA";
        g.fillText(String.format("%s: %d query heads share %d K/V head%s, %d per group", kind, heads, kvHeads,
                kvHeads == 1 ? "" : "s", size), PAD, PAD);

        double rowLabel = theme.fontSize(11) * 7;
        double left = PAD + rowLabel;
        double usable = width - left - PAD;
        double slot = usable / heads;
        double box = Math.max(2, Math.min(40, slot * 0.8));
        double top = PAD + theme.fontSize(13) * 2;
        double boxHeight = Math.max(16, theme.fontSize(11) * 1.8);
        double bottom = height - PAD - boxHeight - theme.fontSize(11) * 1.6;
        g.setFont(label);
        g.setFill(theme.foreground());
        g.setTextBaseline(VPos.CENTER);
        g.fillText("query heads", PAD, top + boxHeight / 2);
        g.fillText("K/V heads", PAD, bottom + boxHeight / 2);

        double kvSlot = usable / kvHeads;
        double kvBox = Math.max(4, Math.min(kvSlot * 0.8, Math.max(box, 40)));
        g.setLineWidth(Math.max(0.6, Math.min(2, slot / 6)) * theme.lineScale());
        for (int k = 0; k < kvHeads; k++) {
            Color colour = groupColour(k);
            double kx = left + (k + 0.5) * kvSlot;
            for (int h : groups[k]) {
                double qx = left + (h + 0.5) * slot;
                g.setStroke(colour);
                g.strokeLine(qx, top + boxHeight, kx, bottom);
            }
        }
        boolean headLabels = slot >= theme.fontSize(11) * 2.2;
        g.setTextAlign(TextAlignment.CENTER);
        for (int k = 0; k < kvHeads; k++) {
            Color colour = groupColour(k);
            for (int h : groups[k]) {
                double qx = left + (h + 0.5) * slot;
                g.setFill(colour);
                g.fillRect(qx - box / 2, top, box, boxHeight);
                if (headLabels) {
                    g.setFill(ColorScale.textOn(colour));
                    g.fillText(Integer.toString(h), qx, top + boxHeight / 2);
                }
            }
            double kx = left + (k + 0.5) * kvSlot;
            g.setFill(colour);
            g.fillRect(kx - kvBox / 2, bottom, kvBox, boxHeight);
            if (kvSlot >= theme.fontSize(11) * 2.2) {
                g.setFill(ColorScale.textOn(colour));
                g.fillText(Integer.toString(k), kx, bottom + boxHeight / 2);
            }
        }
        g.setFill(theme.foreground());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        String caption = headLabels ? "Query head h reads K/V head h / " + size + "."
                : "Query head h reads K/V head h / " + size + " (numbers hidden: too many heads to label).";
        g.fillText(caption, left, bottom + boxHeight + 4);
    }
}
