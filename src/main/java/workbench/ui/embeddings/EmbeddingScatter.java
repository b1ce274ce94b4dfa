package workbench.ui.embeddings;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import workbench.core.embedding.EmbeddingProjection;
import workbench.core.tokenizer.TokenKind;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.ColorScale;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Points of an {@link EmbeddingProjection} in 2D (PC1, PC2) or 3D (PC1..PC3, turned by dragging),
 * labelled by token. With several stages each token's path through the stages is drawn, and the
 * chosen stage's points are the large ones. Every stage shares one scale, so paths and stages can
 * be compared. The canvas only places what core projected; it computes no similarity itself.
 */
final class EmbeddingScatter extends CanvasPane {

    /** Colour of a point: by the kind of token, or by its position in the prompt. */
    enum Coloring { KIND, POSITION }

    // Okabe-Ito colours, safe for the common colour-vision deficiencies.
    private static final Color[] KIND_COLORS = {
            Color.web("#7a7a7a"), Color.web("#d55e00"), Color.web("#0072b2"), Color.web("#009e73"),
            Color.web("#cc79a7"), Color.web("#e69f00"), Color.web("#56b4e9")};
    private static final Color COMPARE = Color.web("#e69f00");
    private static final double PICK_RADIUS = 14;

    private EmbeddingProjection projection;
    private int stage;
    private int dimensions = 2;
    private double yaw = 35;
    private double pitch = 20;
    private int selected = -1;
    private int compare = -1;
    private Set<Integer> neighbours = Set.of();
    private Coloring coloring = Coloring.KIND;
    private String emptyMessage = "Loading the trained model…";
    private BiConsumer<Integer, Boolean> onPick = (i, c) -> { };
    private Runnable onRotate = () -> { };
    private double[] screenX = new double[0];
    private double[] screenY = new double[0];
    private int hover = -1;
    private double pressX;
    private double pressY;
    private boolean dragged;
    private double zoom = 1;
    private double panX;
    private double panY;

    EmbeddingScatter(ThemeManager themes) {
        super(themes);
        getStyleClass().add("embedding-scatter");
        setOnMousePressed(e -> {
            pressX = e.getX();
            pressY = e.getY();
            dragged = false;
        });
        setOnMouseDragged(this::drag);
        setOnMouseClicked(e -> {
            if (!dragged && e.isStillSincePress()) {
                int i = pointAt(e.getX(), e.getY());
                if (i >= 0) {
                    onPick.accept(i, e.isShiftDown() || e.getButton() == MouseButton.SECONDARY);
                }
            }
        });
        setOnMouseMoved(e -> setHover(pointAt(e.getX(), e.getY())));
        setOnScroll(e -> {
            double factor = Math.pow(1.0015, e.getDeltaY());
            // Zoom about the mouse: the point under it stays where it is.
            double cx = getWidth() / 2 + panX;
            double cy = getHeight() / 2 + panY;
            panX += (e.getX() - cx) * (1 - factor);
            panY += (e.getY() - cy) * (1 - factor);
            setZoom(zoom * factor);
        });
        setOnMouseExited(e -> setHover(-1));
    }

    void setProjection(EmbeddingProjection value, int stageIndex) {
        projection = value;
        stage = value == null ? 0 : Math.max(0, Math.min(stageIndex, value.stageCount() - 1));
        hover = -1;
        redraw();
    }

    void setSelection(int selectedIndex, int compareIndex, Set<Integer> neighbourIndices) {
        selected = selectedIndex;
        compare = compareIndex;
        neighbours = Set.copyOf(neighbourIndices);
        redraw();
    }

    void setDimensions(int value) {
        dimensions = value;
        redraw();
    }

    void setRotation(double yawDegrees, double pitchDegrees) {
        yaw = ((yawDegrees % 360) + 360) % 360;
        pitch = Math.max(-89, Math.min(89, pitchDegrees));
        redraw();
    }

    /** Magnification about the centre of the plot, 1 = every point fits. */
    void setZoom(double value) {
        zoom = Math.max(0.25, Math.min(40, value));
        if (zoom == 1 && value == 1) {
            panX = panY = 0;
        }
        redraw();
    }

    double zoom() {
        return zoom;
    }

    void setColoring(Coloring value) {
        coloring = value;
        redraw();
    }

    void setEmptyMessage(String message) {
        emptyMessage = message;
        redraw();
    }

    String emptyMessage() {
        return emptyMessage;
    }

    void setOnPick(BiConsumer<Integer, Boolean> handler) {
        onPick = handler;
    }

    void setOnRotate(Runnable handler) {
        onRotate = handler;
    }

    double yaw() {
        return yaw;
    }

    double pitch() {
        return pitch;
    }

    /** Where point {@code index} of the shown stage was last drawn, for tests and hit-testing. */
    double[] screenPosition(int index) {
        return new double[]{screenX[index], screenY[index]};
    }

    static Color kindColor(TokenKind kind) {
        return KIND_COLORS[kind.ordinal()];
    }

    private void drag(MouseEvent e) {
        if (Math.hypot(e.getX() - pressX, e.getY() - pressY) > 3) {
            dragged = true;
        }
        if (!dragged) {
            return;
        }
        if (dimensions == 3 && !e.isShiftDown()) {
            setRotation(yaw + (e.getX() - pressX) * 0.5, pitch + (e.getY() - pressY) * 0.5);
            onRotate.run();
        } else {
            // 2D (or shift-drag in 3D) moves the picture.
            panX += e.getX() - pressX;
            panY += e.getY() - pressY;
            redraw();
        }
        pressX = e.getX();
        pressY = e.getY();
    }

    private void setHover(int index) {
        if (index != hover) {
            hover = index;
            redraw();
        }
    }

    private int pointAt(double x, double y) {
        int best = -1;
        double bestDistance = PICK_RADIUS;
        for (int i = 0; i < screenX.length; i++) {
            double d = Math.hypot(screenX[i] - x, screenY[i] - y);
            if (d < bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }

    /** (x, y, depth) of a point on the view plane: PC1, PC2 in 2D; PC1..PC3 turned by yaw and pitch in 3D. */
    private double[] view(float[] c) {
        double x = c[0];
        double y = c.length > 1 ? c[1] : 0;
        if (dimensions == 2) {
            return new double[]{x, y, 0};
        }
        double z = c.length > 2 ? c[2] : 0;
        double a = Math.toRadians(yaw);
        double b = Math.toRadians(pitch);
        double x1 = x * Math.cos(a) + z * Math.sin(a);
        double z1 = -x * Math.sin(a) + z * Math.cos(a);
        return new double[]{x1, y * Math.cos(b) - z1 * Math.sin(b), y * Math.sin(b) + z1 * Math.cos(b)};
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        Theme theme = theme();
        g.setTextBaseline(VPos.CENTER);
        if (projection == null) {
            screenX = screenY = new double[0];
            g.setFill(theme.foreground());
            g.setFont(Font.font(theme.fontSize(15)));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(emptyMessage, width / 2, height / 2);
            return;
        }
        int s = projection.stageCount();
        int n = projection.size();
        double[][][] v = new double[s][n][];  // (S, n, 3) view-plane coordinates
        double reach = 1e-9;
        double[] centre = new double[2];
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int st = 0; st < s; st++) {
            for (int i = 0; i < n; i++) {
                float[] c = projection.coordinates()[st][i];
                v[st][i] = view(c);
                // The 3D scale uses the distance from the origin, so turning the view never rescales it.
                double r = 0;
                for (float f : Arrays.copyOf(c, Math.min(3, c.length))) {
                    r += f * f;
                }
                reach = Math.max(reach, Math.sqrt(r));
                minX = Math.min(minX, v[st][i][0]);
                maxX = Math.max(maxX, v[st][i][0]);
                minY = Math.min(minY, v[st][i][1]);
                maxY = Math.max(maxY, v[st][i][1]);
            }
        }
        double margin = theme.fontSize(26);
        double legendHeight = theme.fontSize(13) * 2.2;
        double plotW = Math.max(10, width - 2 * margin);
        double plotH = Math.max(10, height - 2 * margin - legendHeight);
        double scale;
        if (dimensions == 2) {
            // One scale for both axes: distances on screen stay proportional to distances in PCA space.
            scale = Math.min(plotW / Math.max(1e-9, maxX - minX), plotH / Math.max(1e-9, maxY - minY));
            centre[0] = (minX + maxX) / 2;
            centre[1] = (minY + maxY) / 2;
        } else {
            scale = Math.min(plotW, plotH) / (2 * reach);
        }
        scale *= zoom;
        double cx = margin + plotW / 2 + panX;
        double cy = margin + legendHeight + plotH / 2 + panY;
        double[][] sx = new double[s][n];
        double[][] sy = new double[s][n];
        for (int st = 0; st < s; st++) {
            for (int i = 0; i < n; i++) {
                sx[st][i] = cx + (v[st][i][0] - centre[0]) * scale;
                sy[st][i] = cy - (v[st][i][1] - centre[1]) * scale;
            }
        }
        screenX = sx[stage];
        screenY = sy[stage];
        drawAxes(g, theme, cx - centre[0] * scale, cy + centre[1] * scale, scale, reach, width, height, margin);
        if (s > 1) {
            drawPaths(g, theme, sx, sy, n, s);
        }
        drawPoints(g, theme, v[stage], n);
        ScatterLegend.drawLegend(g, theme, coloring, projection.size(), width, legendHeight);
        if (hover >= 0 && hover < projection.size()) {
            ScatterLegend.drawHover(g, theme, projection, stage, hover, height);
        }
    }

    private void drawAxes(GraphicsContext g, Theme theme, double ox, double oy, double scale, double reach,
                          double width, double height, double margin) {
        g.setStroke(theme.grid());
        g.setLineWidth(theme.lineScale());
        g.setFill(theme.foreground());
        g.setFont(Font.font(theme.fontSize(12)));
        double[] ratios = projection.explainedRatios();
        if (dimensions == 2) {
            g.strokeLine(0, oy, width, oy);
            g.strokeLine(ox, 0, ox, height);
            // Axis names sit in the corners, away from the points: PC1 bottom right, PC2 top left.
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(ScatterLegend.axisName(0, ratios) + " →", width - 8, height - theme.fontSize(12));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText("↑ " + ScatterLegend.axisName(1, ratios), 8, margin + theme.fontSize(13) * 2.2);
            return;
        }
        float[][] axes = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        g.setTextAlign(TextAlignment.CENTER);
        for (int a = 0; a < Math.min(3, ratios.length); a++) {
            double[] end = view(new float[]{axes[a][0] * (float) reach, axes[a][1] * (float) reach, axes[a][2] * (float) reach});
            double ex = ox + end[0] * scale;
            double ey = oy - end[1] * scale;
            g.strokeLine(ox - (ex - ox), oy - (ey - oy), ex, ey);
            g.fillText(ScatterLegend.axisName(a, ratios), ex + Math.signum(ex - ox) * theme.fontSize(14), ey + Math.signum(ey - oy) * theme.fontSize(9));
        }
    }


    private void drawPaths(GraphicsContext g, Theme theme, double[][] sx, double[][] sy, int n, int s) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                boolean highlighted = i == selected || i == compare;
                if (highlighted != (pass == 1)) {
                    continue;  // highlighted paths are drawn last, on top
                }
                Color c = i == selected ? theme.accent() : i == compare ? COMPARE : color(i).deriveColor(0, 1, 1, 0.35);
                g.setStroke(c);
                g.setFill(c);
                g.setLineWidth((highlighted ? 2.5 : 1) * theme.lineScale());
                for (int st = 1; st < s; st++) {
                    g.strokeLine(sx[st - 1][i], sy[st - 1][i], sx[st][i], sy[st][i]);
                }
                double dot = (highlighted ? 3 : 2) * theme.lineScale();
                for (int st = 0; st < s; st++) {
                    g.fillOval(sx[st][i] - dot, sy[st][i] - dot, 2 * dot, 2 * dot);
                }
                if (highlighted) {
                    g.setFont(Font.font(theme.fontSize(10)));
                    g.setTextAlign(TextAlignment.LEFT);
                    for (int st = 0; st < s; st++) {
                        if (st != stage) {
                            g.fillText(String.valueOf(st), sx[st][i] + dot + 2, sy[st][i] - dot - 4);
                        }
                    }
                }
            }
        }
    }

    private void drawPoints(GraphicsContext g, Theme theme, double[][] v, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Far points first, so nearer ones cover them; 2D has no depth and keeps the token order.
        Arrays.sort(order, (a, b) -> Double.compare(v[a][2], v[b][2]));
        double depthReach = 1e-9;
        for (double[] p : v) {
            depthReach = Math.max(depthReach, Math.abs(p[2]));
        }
        double radius = 4.5 * Math.sqrt(theme.lineScale());
        double[] r = new double[n];
        for (int i : order) {
            double near = dimensions == 3 ? 0.5 + 0.5 * v[i][2] / depthReach : 1;  // 0 far .. 1 near
            r[i] = radius * (dimensions == 3 ? 0.7 + 0.5 * near : 1);
            double x = screenX[i];
            double y = screenY[i];
            g.setFill(color(i).deriveColor(0, 1, 1, dimensions == 3 ? 0.55 + 0.45 * near : 1));
            g.fillOval(x - r[i], y - r[i], 2 * r[i], 2 * r[i]);
            if (isMarked(i)) {
                g.setStroke(i == selected ? theme.accent() : i == compare ? COMPARE : theme.foreground());
                g.setLineWidth((i == selected || i == compare ? 3 : 1.5) * theme.lineScale());
                double ring = r[i] + 3 * theme.lineScale();
                g.strokeOval(x - ring, y - ring, 2 * ring, 2 * ring);
            }
        }
        drawLabels(g, theme, order, r);
    }

    private boolean isMarked(int i) {
        return i == selected || i == compare || neighbours.contains(i) || i == hover;
    }

    /**
     * Labels, the picked tokens and their neighbours first; any other label that would overlap
     * one already written is left out (hover over its point to read it).
     */
    private void drawLabels(GraphicsContext g, Theme theme, Integer[] depthOrder, double[] r) {
        int n = depthOrder.length;
        List<Integer> labelOrder = new ArrayList<>(n);
        for (int k = n - 1; k >= 0; k--) {
            labelOrder.add(depthOrder[k]);  // nearest first
        }
        labelOrder.sort((a, b) -> Integer.compare(priority(a), priority(b)));
        Font font = Font.font(theme.fontSize(13));
        Font bold = Font.font(null, FontWeight.BOLD, theme.fontSize(15));
        List<double[]> taken = new ArrayList<>();
        g.setTextAlign(TextAlignment.LEFT);
        for (int i : labelOrder) {
            boolean strong = i == selected || i == compare;
            double size = strong ? theme.fontSize(15) : theme.fontSize(13);
            String text = EmbeddingsPage.visible(projection.labels().get(i));
            double w = size * 0.62 * text.length() + 2;
            double h = size * 1.2;
            double gap = r[i] + 3;
            // Right above the point, then right below, left above, left below: the first free place.
            double[][] places = {{gap, -gap}, {gap, gap}, {-gap - w, -gap}, {-gap - w, gap}};
            double[] chosen = null;
            for (double[] place : places) {
                double x = screenX[i] + place[0];
                double y = screenY[i] + place[1];
                double[] box = {x - 1, y - h / 2, x + w, y + h / 2};
                if (taken.stream().noneMatch(t -> box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3])) {
                    chosen = box;
                    break;
                }
            }
            if (chosen == null && !isMarked(i)) {
                continue;
            }
            if (chosen == null) {
                chosen = new double[]{screenX[i] + gap - 1, screenY[i] - gap - h / 2, screenX[i] + gap + w, screenY[i] - gap + h / 2};
            }
            taken.add(chosen);
            g.setFont(strong ? bold : font);
            g.setFill(i == selected ? theme.accent() : theme.foreground());
            g.fillText(text, chosen[0] + 1, (chosen[1] + chosen[3]) / 2);
        }
    }

    private int priority(int i) {
        return i == selected ? 0 : i == compare ? 1 : neighbours.contains(i) ? 2 : i == hover ? 3 : 4;
    }

    private Color color(int i) {
        if (coloring == Coloring.POSITION && projection.size() > 1) {
            // Stop before viridis's pale yellow end, which disappears on a white background.
            return ColorScale.VIRIDIS.at(0.85 * i / (projection.size() - 1));
        }
        return kindColor(TokenKind.of(projection.labels().get(i)));
    }

}
