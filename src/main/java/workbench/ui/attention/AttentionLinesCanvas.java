package workbench.ui.attention;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Attention as lines, the way BertViz draws it: the tokens twice, queries on the left and keys on
 * the right, with a line from query i to key j as strong as the weight. Hovering a token keeps only
 * its lines; several heads are overlaid, each in its own colour of the Okabe-Ito palette, which
 * stays distinct for colour-blind readers.
 */
final class AttentionLinesCanvas extends CanvasPane {

    /** Okabe and Ito's colour-blind-safe colours, without the yellow that vanishes on white. */
    static final List<Color> PALETTE = List.of(Color.web("#0072B2"), Color.web("#E69F00"), Color.web("#009E73"),
            Color.web("#CC79A7"), Color.web("#D55E00"), Color.web("#56B4E9"), Color.web("#7F7F7F"));

    /** Weights below this are not drawn: with 64 tokens they would be a grey haze. */
    static final float MIN_WEIGHT = 0.01f;

    /** Which column a hovered token is in. */
    enum Side { NONE, QUERY, KEY }

    /** A line as drawn, for tests: head number, query i, key j, weight. */
    record Line(int head, int query, int key, float weight) {
    }

    private List<String> labels = List.of();
    private int[] heads = new int[0];
    private float[][][] weights = new float[0][0][0];
    private Side hoverSide = Side.NONE;
    private int hoverIndex = -1;
    private int selectedQuery = -1;
    private IntConsumer onQueryClicked = i -> { };
    private final List<Line> drawn = new ArrayList<>();
    private double top;
    private double rowHeight;
    private double leftX;
    private double rightX;

    AttentionLinesCanvas(ThemeManager themes) {
        super(themes);
        getStyleClass().add("attention-lines");
        setOnMouseMoved(this::mouseMoved);
        setOnMouseExited(e -> hover(Side.NONE, -1));
        setOnMouseClicked(e -> {
            int[] hit = tokenAt(e.getX(), e.getY());
            if (hit != null && hit[0] == Side.QUERY.ordinal()) {
                onQueryClicked.accept(hit[1]);
            }
        });
    }

    static Color colour(int index) {
        return PALETTE.get(index % PALETTE.size());
    }

    /**
     * Shows heads {@code heads} (head numbers, for the legend) with their (T, T) weights.
     */
    void setData(List<String> tokenLabels, int[] headNumbers, float[][][] headWeights) {
        this.labels = List.copyOf(tokenLabels);
        this.heads = headNumbers.clone();
        this.weights = headWeights;
        if (hoverIndex >= labels.size()) {
            hoverSide = Side.NONE;
            hoverIndex = -1;
        }
        redraw();
    }

    void setSelectedQuery(int query) {
        selectedQuery = query;
        redraw();
    }

    void setOnQueryClicked(IntConsumer handler) {
        onQueryClicked = handler == null ? i -> { } : handler;
    }

    /** Keeps only the lines of one token (as hovering it does); {@link Side#NONE} shows all. */
    void hover(Side side, int index) {
        if (side != hoverSide || index != hoverIndex) {
            hoverSide = side;
            hoverIndex = side == Side.NONE ? -1 : index;
            redraw();
        }
    }

    /** The lines of the last drawing. */
    List<Line> drawnLines() {
        return List.copyOf(drawn);
    }

    /** Centre of a token's label, in this node's coordinates (for tests). */
    double[] tokenCenter(Side side, int index) {
        double y = top + (index + 0.5) * rowHeight;
        return new double[]{side == Side.QUERY ? leftX - 20 : rightX + 20, y};
    }

    private void mouseMoved(MouseEvent e) {
        int[] hit = tokenAt(e.getX(), e.getY());
        if (hit == null) {
            hover(Side.NONE, -1);
        } else {
            hover(Side.values()[hit[0]], hit[1]);
        }
    }

    private int[] tokenAt(double x, double y) {
        if (labels.isEmpty() || rowHeight <= 0) {
            return null;
        }
        int index = (int) Math.floor((y - top) / rowHeight);
        if (index < 0 || index >= labels.size()) {
            return null;
        }
        if (x < leftX + 4) {
            return new int[]{Side.QUERY.ordinal(), index};
        }
        if (x > rightX - 4) {
            return new int[]{Side.KEY.ordinal(), index};
        }
        return null;
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        drawn.clear();
        Theme theme = theme();
        g.setTextBaseline(VPos.CENTER);
        int t = labels.size();
        if (t == 0 || heads.length == 0) {
            g.setFill(theme.foreground());
            g.setFont(Font.font(theme.fontSize(14)));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(t == 0 ? "Waiting for the model…" : "Tick at least one head to see its lines.", width / 2, height / 2);
            return;
        }
        double header = theme.fontSize(12) * 2.4;
        top = header;
        rowHeight = Math.min(theme.fontSize(26), (height - header - 8) / t);
        double fontSize = Math.max(7, Math.min(theme.fontSize(13), rowHeight * 0.85));
        leftX = width * 0.3;
        rightX = width * 0.7;
        drawHeader(g, theme, width);
        drawLines(g, theme);
        drawTokens(g, theme, fontSize);
    }

    private void drawHeader(GraphicsContext g, Theme theme, double width) {
        g.setFont(Font.font(null, FontWeight.BOLD, theme.fontSize(12)));
        g.setFill(theme.foreground());
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("query (from)", leftX, theme.fontSize(12));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("key (to)", rightX, theme.fontSize(12));
        double x = width * 0.5 - heads.length * theme.fontSize(12) * 2.2;
        g.setFont(Font.font(theme.fontSize(11)));
        for (int k = 0; k < heads.length; k++) {
            g.setFill(colour(heads[k]));
            g.fillRect(x, theme.fontSize(12) * 0.6, theme.fontSize(11), theme.fontSize(11) * 0.8);
            g.setFill(theme.foreground());
            g.fillText("H" + heads[k], x + theme.fontSize(11) * 1.3, theme.fontSize(12));
            x += theme.fontSize(12) * 4.4;
        }
    }

    private void drawLines(GraphicsContext g, Theme theme) {
        int t = labels.size();
        double x0 = leftX + 6;
        double x1 = rightX - 6;
        double alphaScale = heads.length > 1 ? 0.8 : 1.0;
        for (int k = 0; k < heads.length; k++) {
            Color c = colour(heads[k]);
            float[][] w = weights[k];
            for (int i = 0; i < t; i++) {
                if (hoverSide == Side.QUERY && i != hoverIndex) {
                    continue;
                }
                for (int j = 0; j < t; j++) {
                    if (hoverSide == Side.KEY && j != hoverIndex) {
                        continue;
                    }
                    float weight = w[i][j];
                    if (weight < MIN_WEIGHT) {
                        continue;
                    }
                    g.setStroke(Color.color(c.getRed(), c.getGreen(), c.getBlue(),
                            Math.min(1, (0.1 + 0.9 * weight) * alphaScale)));
                    g.setLineWidth((0.6 + 3.4 * weight) * theme.lineScale());
                    g.strokeLine(x0, top + (i + 0.5) * rowHeight, x1, top + (j + 0.5) * rowHeight);
                    drawn.add(new Line(heads[k], i, j, weight));
                }
            }
        }
    }

    private void drawTokens(GraphicsContext g, Theme theme, double fontSize) {
        int t = labels.size();
        Font font = Font.font("Monospaced", fontSize);
        Font bold = Font.font("Monospaced", FontWeight.BOLD, fontSize);
        for (int i = 0; i < t; i++) {
            double y = top + (i + 0.5) * rowHeight;
            boolean leftHot = (hoverSide == Side.QUERY && hoverIndex == i) || (hoverSide == Side.NONE && selectedQuery == i);
            boolean rightHot = hoverSide == Side.KEY && hoverIndex == i;
            drawToken(g, theme, labels.get(i), leftX, y, TextAlignment.RIGHT, leftHot ? bold : font, leftHot);
            drawToken(g, theme, labels.get(i), rightX, y, TextAlignment.LEFT, rightHot ? bold : font, rightHot);
        }
    }

    private void drawToken(GraphicsContext g, Theme theme, String label, double x, double y, TextAlignment align,
                           Font font, boolean hot) {
        if (hot) {
            g.setFill(theme.accent().deriveColor(0, 1, 1, 0.18));
            double w = Math.max(rowHeight, font.getSize() * 1.2 * Math.max(1, label.length()));
            g.fillRect(align == TextAlignment.RIGHT ? x - w - 2 : x - 2, y - rowHeight / 2, w + 4, rowHeight);
        }
        g.setFont(font);
        g.setTextAlign(align);
        g.setFill(hot ? theme.accent() : theme.foreground());
        g.fillText(label, align == TextAlignment.RIGHT ? x - 2 : x + 2, y);
    }
}
