package workbench.ui.embeddings;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import workbench.core.embedding.EmbeddingProjection;
import workbench.core.tokenizer.TokenKind;
import workbench.ui.common.ColorScale;
import workbench.ui.common.Theme;

import java.util.Locale;

/** The words around the embedding scatter: the colour legend, the hover read-out and the axis names. */
final class ScatterLegend {

    private ScatterLegend() {
    }

    /** The colour key along the top: token kinds, or a position gradient 0..n-1. */
    static void drawLegend(GraphicsContext g, Theme theme, EmbeddingScatter.Coloring coloring, int points,
                           double width, double height) {
        g.setFont(Font.font(theme.fontSize(12)));
        g.setTextAlign(TextAlignment.LEFT);
        double x = 8;
        double y = height / 2 + 2;
        double r = 5 * Math.sqrt(theme.lineScale());
        if (coloring == EmbeddingScatter.Coloring.POSITION) {
            g.setFill(theme.foreground());
            g.fillText("position 0", x, y);
            x += theme.fontSize(12) * 5.5;
            for (int k = 0; k < 60; k++) {
                g.setFill(ColorScale.VIRIDIS.at(0.85 * k / 59));
                g.fillRect(x + k * 2, y - r, 2.5, 2 * r);
            }
            g.setFill(theme.foreground());
            g.fillText(String.valueOf(points - 1), x + 126, y);
            return;
        }
        for (TokenKind kind : TokenKind.values()) {
            if (kind == TokenKind.OTHER || kind == TokenKind.DIGIT) {
                continue;
            }
            g.setFill(EmbeddingScatter.kindColor(kind));
            g.fillOval(x, y - r, 2 * r, 2 * r);
            g.setFill(theme.foreground());
            g.fillText(kind.label(), x + 2 * r + 4, y);
            x += 2 * r + 4 + theme.fontSize(12) * 0.6 * kind.label().length() + 16;
            if (x > width - 60) {
                break;
            }
        }
    }

    /** The token under the mouse with its coordinates, at the bottom left. */
    static void drawHover(GraphicsContext g, Theme theme, EmbeddingProjection projection, int stage, int hover,
                          double height) {
        float[] c = projection.coordinates()[stage][hover];
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "'%s' (id %d)",
                EmbeddingsPage.visible(projection.labels().get(hover)), projection.tokenIds()[hover]));
        for (int k = 0; k < c.length; k++) {
            text.append(String.format(Locale.ROOT, "  PC%d %.3f", k + 1, c[k]));
        }
        g.setFont(Font.font("Monospaced", theme.fontSize(12)));
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(theme.foreground());
        g.fillText(text.toString(), 8, height - theme.fontSize(12));
    }

    /** "PC1 (26%)": a principal component and its share of the variance. */
    static String axisName(int axis, double[] ratios) {
        return axis < ratios.length ? String.format(Locale.ROOT, "PC%d (%.0f%%)", axis + 1, 100 * ratios[axis]) : "";
    }
}
