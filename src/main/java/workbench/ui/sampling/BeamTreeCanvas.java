package workbench.ui.sampling;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import workbench.core.sampling.BeamNode;
import workbench.core.sampling.BeamTree;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A beam-search tree, depth left to right: the prompt, then at each depth the kept beams (solid)
 * and the strongest pruned candidates (dashed, grey), each with its cumulative log-probability.
 * The best final beam's path is filled.
 */
public final class BeamTreeCanvas extends CanvasPane {

    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper(this, "readout", "");
    private final Map<Integer, double[]> boxes = new HashMap<>();
    private BeamTree tree;
    private IntFunction<String> labels = id -> Integer.toString(id);
    private String promptTail = "";
    private String emptyMessage = "";

    public BeamTreeCanvas(ThemeManager themes) {
        super(themes);
        getStyleClass().add("beam-tree");
        setOnMouseMoved(this::hover);
        setOnMouseExited(e -> readout.set(""));
    }

    public void setTree(BeamTree value, IntFunction<String> tokenLabels, String promptText) {
        this.tree = value;
        this.labels = tokenLabels;
        this.promptTail = promptText == null ? "" : promptText;
        readout.set("");
        redraw();
    }

    public void setEmptyMessage(String message) {
        this.emptyMessage = message == null ? "" : message;
        redraw();
    }

    public BeamTree tree() {
        return tree;
    }

    public ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        boxes.clear();
        Theme theme = theme();
        double fs = theme.fontSize(11);
        if (tree == null) {
            g.setFill(theme.foreground().deriveColor(0, 1, 1, 0.7));
            g.setFont(Font.font(fs * 1.2));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(emptyMessage, width / 2, height / 2);
            return;
        }
        int depths = tree.length() + 1;
        int rows = 1;
        for (int d = 1; d < depths; d++) {
            rows = Math.max(rows, tree.atDepth(d).size());
        }
        double colW = width / depths;
        double boxW = Math.min(colW * 0.62, fs * 7.5);
        double rowH = (height - fs * 2) / rows;
        double boxH = Math.min(rowH * 0.72, fs * 3.4);
        double top = fs * 1.6;
        g.setFont(Font.font(fs * 0.95));
        g.setFill(theme.foreground());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int d = 0; d < depths; d++) {
            g.fillText(d == 0 ? "prompt" : "token " + d, colW * d + colW / 2, 0);
        }
        for (int d = 0; d < depths; d++) {
            List<BeamNode> column = d == 0 ? List.of(tree.node(0)) : tree.atDepth(d);
            double offset = d == 0 ? (rows - 1) * rowH / 2 : 0;
            for (int i = 0; i < column.size(); i++) {
                double cx = colW * d + colW / 2;
                double cy = top + offset + i * rowH + rowH / 2;
                boxes.put(column.get(i).id(), new double[]{cx - boxW / 2, cy - boxH / 2, boxW, boxH});
            }
        }
        for (BeamNode n : tree.nodes()) {
            if (!n.isRoot()) {
                drawEdge(g, theme, n);
            }
        }
        for (BeamNode n : tree.nodes()) {
            drawNode(g, theme, n, fs);
        }
    }

    private void drawEdge(GraphicsContext g, Theme theme, BeamNode n) {
        double[] from = boxes.get(n.parent());
        double[] to = boxes.get(n.id());
        boolean best = tree.onBestPath(n.id());
        double lw = theme.lineScale();
        g.setStroke(best ? theme.accent() : n.kept() ? theme.foreground().deriveColor(0, 1, 1, 0.6) : theme.grid());
        g.setLineWidth((best ? 3 : 1.3) * lw);
        g.setLineDashes(n.kept() ? null : new double[]{5 * lw, 4 * lw});
        double x1 = from[0] + from[2];
        double y1 = from[1] + from[3] / 2;
        double x2 = to[0];
        double y2 = to[1] + to[3] / 2;
        double mid = (x1 + x2) / 2;
        g.beginPath();
        g.moveTo(x1, y1);
        g.bezierCurveTo(mid, y1, mid, y2, x2, y2);
        g.stroke();
        g.setLineDashes((double[]) null);
    }

    private void drawNode(GraphicsContext g, Theme theme, BeamNode n, double fs) {
        double[] b = boxes.get(n.id());
        boolean best = tree.onBestPath(n.id());
        double lw = theme.lineScale();
        Color fill = best ? theme.accent() : n.kept() ? theme.background() : theme.grid().deriveColor(0, 1, 1, 0.35);
        g.setFill(fill);
        g.fillRoundRect(b[0], b[1], b[2], b[3], 8, 8);
        g.setStroke(n.kept() ? theme.foreground() : theme.grid());
        g.setLineWidth((best ? 2 : 1) * lw);
        g.setLineDashes(n.kept() ? null : new double[]{4 * lw, 3 * lw});
        g.strokeRoundRect(b[0], b[1], b[2], b[3], 8, 8);
        g.setLineDashes((double[]) null);
        Color text = best ? Color.WHITE : n.kept() ? theme.foreground() : theme.foreground().deriveColor(0, 1, 1, 0.6);
        g.setFill(text);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        double cx = b[0] + b[2] / 2;
        if (n.isRoot()) {
            g.setFont(Font.font("Monospaced", FontWeight.BOLD, fs));
            g.fillText(TokenLabels.shortened(tail(promptTail, 8), 9), cx, b[1] + b[3] / 2);
            return;
        }
        g.setFont(Font.font("Monospaced", FontWeight.BOLD, fs * 1.25));
        g.fillText(TokenLabels.shortened(labels.apply(n.token()), 6), cx, b[1] + b[3] * 0.32);
        g.setFont(Font.font(fs * 0.85));
        g.fillText(String.format(Locale.ROOT, "%.2f", n.score()), cx, b[1] + b[3] * 0.74);
    }

    private static String tail(String text, int count) {
        int n = text.codePointCount(0, text.length());
        return n <= count ? text : "\u2026" + text.substring(text.offsetByCodePoints(0, n - count));
    }

    private void hover(MouseEvent e) {
        if (tree == null) {
            return;
        }
        for (Map.Entry<Integer, double[]> entry : boxes.entrySet()) {
            double[] b = entry.getValue();
            if (e.getX() >= b[0] && e.getX() <= b[0] + b[2] && e.getY() >= b[1] && e.getY() <= b[1] + b[3]) {
                readout.set(describe(tree.node(entry.getKey())));
                return;
            }
        }
        readout.set("");
    }

    /** The read-out line for one node. */
    public String describe(BeamNode n) {
        if (n.isRoot()) {
            return "the prompt: every beam starts here with score 0";
        }
        StringBuilder text = new StringBuilder("'");
        for (int t : tree.sequence(n.id())) {
            text.append(labels.apply(t));
        }
        return text + "':  log p(token) = " + String.format(Locale.ROOT, "%.3f", n.logProbability())
                + ",  score " + String.format(Locale.ROOT, "%.3f", n.score())
                + " (p = " + String.format(Locale.ROOT, "%.4f", n.probability()) + ")"
                + (n.kept() ? "" : ",  pruned");
    }
}
