package workbench.ui.positions;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.ArcType;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import workbench.core.trace.RopeTrace;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.Locale;

/**
 * One pair (2i, 2i+1) of a query and a key under RoPE, drawn in its plane: the query rotated to
 * position m and the key rotated to position n are arrows; faint dots show where the query would
 * point at every other position. The angle between the arrows is their angle at position 0 plus
 * (m - n) theta_i, whatever m and n are.
 */
public final class RopeDialCanvas extends CanvasPane {

    static final Color QUERY = LinePlotCanvas.PALETTE[0];
    static final Color KEY = LinePlotCanvas.PALETTE[1];

    private RopeTrace trace;

    public RopeDialCanvas(ThemeManager themes) {
        super(themes);
        getStyleClass().add("rope-dial");
    }

    public void setTrace(RopeTrace value) {
        this.trace = value;
        redraw();
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        Theme theme = theme();
        g.setFont(Font.font(theme.fontSize(12)));
        if (trace == null) {
            return;
        }
        double text = theme.fontSize(12) * 1.5;
        double cx = width / 2;
        double cy = 2 * text + (height - 4 * text) / 2;
        double radius = Math.max(10, Math.min(width, height - 4 * text) / 2 - 16);
        float[] q0 = trace.queryPair();
        float[] k0 = trace.keyPair();
        double reach = Math.max(Math.hypot(q0[0], q0[1]), Math.hypot(k0[0], k0[1]));
        double scale = reach == 0 ? 1 : radius / reach;

        g.setStroke(theme.grid());
        g.setLineWidth(1);
        g.strokeOval(cx - radius, cy - radius, 2 * radius, 2 * radius);
        g.strokeLine(cx - radius - 8, cy, cx + radius + 8, cy);
        g.strokeLine(cx, cy - radius - 8, cx, cy + radius + 8);

        // Where the query's pair points at every position 0..T-1: the trail it turns along.
        g.setFill(theme.grid());
        float[][] path = trace.queryPath();
        for (float[] p : path) {
            g.fillOval(cx + p[0] * scale - 2, cy - p[1] * scale - 2, 4, 4);
        }
        double qa = Math.atan2(trace.rotatedQuery()[1], trace.rotatedQuery()[0]);
        double ka = Math.atan2(trace.rotatedKey()[1], trace.rotatedKey()[0]);
        g.setStroke(theme.accent());
        g.setLineWidth(1.5 * theme.lineScale());
        double arc = radius * 0.28;
        double extent = Math.toDegrees(Math.IEEEremainder(qa - ka, 2 * Math.PI));
        g.strokeArc(cx - arc, cy - arc, 2 * arc, 2 * arc, Math.toDegrees(ka), extent, ArcType.OPEN);

        arrow(g, cx, cy, trace.rotatedKey(), scale, KEY, theme);
        arrow(g, cx, cy, trace.rotatedQuery(), scale, QUERY, theme);

        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(QUERY);
        g.fillText(String.format(Locale.ROOT, "query at m = %d  (turned %.2f rad)", trace.queryPosition(),
                trace.queryPosition() * trace.theta()), 8, 6);
        g.setFill(KEY);
        g.fillText(String.format(Locale.ROOT, "key at n = %d  (turned %.2f rad)", trace.keyPosition(),
                trace.keyPosition() * trace.theta()), 8, 6 + text);
        g.setFill(theme.foreground());
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(String.format(Locale.ROOT, "pair %d: θ = %.4g rad per position", trace.pair(), trace.theta()),
                8, height - 6 - text);
        g.fillText(String.format(Locale.ROOT, "angle k → q: start + (m − n)·θ = start + %.2f rad",
                (trace.queryPosition() - trace.keyPosition()) * trace.theta()), 8, height - 6);
    }

    private static void arrow(GraphicsContext g, double cx, double cy, float[] v, double scale, Color colour, Theme theme) {
        double x = cx + v[0] * scale;
        double y = cy - v[1] * scale;
        g.setStroke(colour);
        g.setFill(colour);
        g.setLineWidth(3 * theme.lineScale());
        g.strokeLine(cx, cy, x, y);
        double angle = Math.atan2(y - cy, x - cx);
        double head = 12 * theme.lineScale();
        g.fillPolygon(new double[]{x, x - head * Math.cos(angle - 0.4), x - head * Math.cos(angle + 0.4)},
                new double[]{y, y - head * Math.sin(angle - 0.4), y - head * Math.sin(angle + 0.4)}, 3);
    }
}
