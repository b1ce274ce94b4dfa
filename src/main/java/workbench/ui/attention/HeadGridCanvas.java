package workbench.ui.attention;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import workbench.core.trace.LayerTrace;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.ColorScale;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Every head of every layer as a small attention map, layers down and heads across. Each map is one
 * pixel per weight, scaled up without smoothing, so 16 maps of 64 x 64 draw as 16 images. A click
 * on a map opens it.
 */
final class HeadGridCanvas extends CanvasPane {

    private static final double GAP = 10;

    private WritableImage[][] images = new WritableImage[0][0];
    private boolean[][] off = new boolean[0][0];
    private String[][] captions = new String[0][0];
    private int selectedLayer = -1;
    private int selectedHead = -1;
    private int hoverLayer = -1;
    private int hoverHead = -1;
    private String hoverText = "";
    private String[][] hoverTexts = new String[0][0];
    private BiConsumer<Integer, Integer> onOpen = (l, h) -> { };
    private Layout layout;

    HeadGridCanvas(ThemeManager themes) {
        super(themes);
        getStyleClass().add("attention-grid");
        setOnMouseMoved(this::hover);
        setOnMouseExited(e -> setHover(-1, -1));
        setOnMouseClicked(e -> {
            int[] cell = cellAt(e.getX(), e.getY());
            if (cell != null) {
                onOpen.accept(cell[0], cell[1]);
            }
        });
    }

    /**
     * Shows the weights of every head.
     *
     * @param captions   [layer][head] a short line under each map
     * @param hoverTexts [layer][head] the read-out shown while the mouse is over a map
     */
    void setData(List<LayerTrace> layers, boolean[][] switchedOff, String[][] captions, String[][] hoverTexts) {
        int nl = layers.size();
        int nh = nl == 0 ? 0 : layers.get(0).heads();
        images = new WritableImage[nl][nh];
        for (int l = 0; l < nl; l++) {
            LayerTrace layer = layers.get(l);
            for (int h = 0; h < nh; h++) {
                images[l][h] = image(layer.weights()[h], layer.allowed());
            }
        }
        this.off = switchedOff;
        this.captions = captions;
        this.hoverTexts = hoverTexts;
        redraw();
    }

    void clear() {
        images = new WritableImage[0][0];
        redraw();
    }

    void select(int layer, int head) {
        selectedLayer = layer;
        selectedHead = head;
        redraw();
    }

    void setOnOpen(BiConsumer<Integer, Integer> handler) {
        onOpen = handler == null ? (l, h) -> { } : handler;
    }

    /** Viridis on [0, 1]; masked cells are left transparent so the background shows. */
    private static WritableImage image(float[][] weights, boolean[][] allowed) {
        int t = weights.length;
        WritableImage image = new WritableImage(t, t);
        PixelWriter pixels = image.getPixelWriter();
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                pixels.setColor(j, i, allowed[i][j] ? ColorScale.VIRIDIS.color(weights[i][j], 0, 1) : Color.TRANSPARENT);
            }
        }
        return image;
    }

    /** The centre of head {@code head} of layer {@code layer}'s map, in this node's coordinates, or null. */
    double[] cellCenter(int layer, int head) {
        if (layout == null || layer >= layout.layers || head >= layout.heads) {
            return null;
        }
        return new double[]{layout.x(head) + layout.size / 2, layout.y(layer) + layout.size / 2};
    }

    /** The (layer, head) of the map at a point, or null. */
    int[] cellAt(double x, double y) {
        if (layout == null) {
            return null;
        }
        for (int l = 0; l < layout.layers; l++) {
            for (int h = 0; h < layout.heads; h++) {
                double left = layout.x(h);
                double top = layout.y(l);
                if (x >= left && x < left + layout.size && y >= top && y < top + layout.size) {
                    return new int[]{l, h};
                }
            }
        }
        return null;
    }

    private void hover(MouseEvent e) {
        int[] cell = cellAt(e.getX(), e.getY());
        setHover(cell == null ? -1 : cell[0], cell == null ? -1 : cell[1]);
    }

    private void setHover(int layer, int head) {
        if (layer != hoverLayer || head != hoverHead) {
            hoverLayer = layer;
            hoverHead = head;
            hoverText = layer < 0 || layer >= hoverTexts.length ? "" : hoverTexts[layer][head];
            redraw();
        }
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        Theme theme = theme();
        int nl = images.length;
        int nh = nl == 0 ? 0 : images[0].length;
        g.setTextBaseline(VPos.CENTER);
        if (nl == 0 || nh == 0) {
            layout = null;
            g.setFill(theme.foreground());
            g.setFont(Font.font(theme.fontSize(14)));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("Waiting for the model…", width / 2, height / 2);
            return;
        }
        Font labelFont = Font.font(null, FontWeight.BOLD, theme.fontSize(12));
        Font captionFont = Font.font(theme.fontSize(11));
        double left = theme.fontSize(12) * 3;
        double top = theme.fontSize(12) * 2;
        double captionHeight = theme.fontSize(11) * 1.6;
        double readoutHeight = theme.fontSize(12) * 2;
        double size = Math.min((width - left - GAP) / nh - GAP,
                (height - top - readoutHeight) / nl - GAP - captionHeight);
        size = Math.max(8, size);
        layout = new Layout(left, top, size, captionHeight, nl, nh);
        g.setImageSmoothing(false);
        g.setFont(labelFont);
        g.setFill(theme.foreground());
        g.setTextAlign(TextAlignment.CENTER);
        for (int h = 0; h < nh; h++) {
            g.fillText("H" + h, layout.x(h) + size / 2, top / 2);
        }
        for (int l = 0; l < nl; l++) {
            g.setFont(labelFont);
            g.setFill(theme.foreground());
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("L" + l, left / 2, layout.y(l) + size / 2);
            for (int h = 0; h < nh; h++) {
                drawMap(g, theme, l, h, captionFont);
            }
        }
        g.setFill(theme.foreground());
        g.setFont(Font.font(theme.fontSize(12)));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(hoverText.isEmpty() ? "Click a map to open it." : hoverText, 6, height - readoutHeight / 2);
    }

    private void drawMap(GraphicsContext g, Theme theme, int l, int h, Font captionFont) {
        double x = layout.x(h);
        double y = layout.y(l);
        double size = layout.size;
        g.drawImage(images[l][h], x, y, size, size);
        g.setStroke(theme.grid());
        g.setLineWidth(1);
        g.strokeRect(x - 0.5, y - 0.5, size + 1, size + 1);
        boolean isOff = l < off.length && h < off[l].length && off[l][h];
        if (isOff) {
            g.setStroke(theme.foreground());
            g.setLineWidth(2 * theme.lineScale());
            g.strokeLine(x, y, x + size, y + size);
            g.strokeLine(x + size, y, x, y + size);
        }
        if (l == selectedLayer && h == selectedHead) {
            g.setStroke(theme.accent());
            g.setLineWidth(3 * theme.lineScale());
            g.strokeRect(x - 3, y - 3, size + 6, size + 6);
        } else if (l == hoverLayer && h == hoverHead) {
            g.setStroke(theme.foreground());
            g.setLineWidth(1.5 * theme.lineScale());
            g.strokeRect(x - 2, y - 2, size + 4, size + 4);
        }
        String caption = l < captions.length && h < captions[l].length ? captions[l][h] : "";
        g.setFont(captionFont);
        g.setFill(theme.foreground());
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText((isOff ? "off · " : "") + caption, x + size / 2, y + size + layout.captionHeight / 2 + 2);
    }

    private record Layout(double left, double top, double size, double captionHeight, int layers, int heads) {
        double x(int head) {
            return left + GAP + head * (size + GAP);
        }

        double y(int layer) {
            return top + layer * (size + GAP + captionHeight);
        }
    }
}
