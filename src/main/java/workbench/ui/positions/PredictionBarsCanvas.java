package workbench.ui.positions;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import workbench.core.trace.PositionsOffTrace.TokenProbability;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;
import workbench.ui.tokenization.VisibleText;

import java.util.List;
import java.util.Locale;

/**
 * The most likely next tokens as horizontal bars on a fixed 0..100% scale, so two charts side by
 * side compare at a glance. One token (the top choice of the model as trained) can be marked in
 * both charts.
 */
final class PredictionBarsCanvas extends CanvasPane {

    private List<TokenProbability> bars = List.of();
    private int marked = -1;
    private String emptyMessage = "Loading the trained model…";

    PredictionBarsCanvas(ThemeManager themes) {
        super(themes);
        getStyleClass().add("prediction-bars");
        themes.themeProperty().addListener((o, a, b) -> requestLayout());  // the height follows the text size
    }

    /** Shows {@code top}, most likely first; the token with id {@code markedId} is drawn in the accent colour. */
    void setData(List<TokenProbability> top, int markedId) {
        bars = List.copyOf(top);
        marked = markedId;
        redraw();
    }

    void setEmptyMessage(String message) {
        bars = List.of();
        emptyMessage = message;
        redraw();
    }

    String emptyMessage() {
        return emptyMessage;
    }

    List<TokenProbability> bars() {
        return bars;
    }

    /** Tall enough for eight bars at the theme's text size. */
    @Override
    protected double computePrefHeight(double width) {
        return 8 * theme().fontSize(13) * 2.2;
    }

    /** How a probability is written on a bar; tests compare against it. */
    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * p);
    }

    /** A token as a bar label: whitespace made visible, a lone space spelled out. */
    static String tokenLabel(String token) {
        return token.equals(" ") ? "space" : token.equals("\n") ? "newline" : VisibleText.of(token);
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        Theme theme = theme();
        g.setTextBaseline(VPos.CENTER);
        if (bars.isEmpty()) {
            g.setFill(theme.foreground());
            g.setFont(Font.font(theme.fontSize(13)));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(emptyMessage, width / 2, height / 2, width - 8);
            return;
        }
        Font font = Font.font("Monospaced", theme.fontSize(13));
        Font bold = Font.font("Monospaced", FontWeight.BOLD, theme.fontSize(13));
        double labelWidth = theme.fontSize(13) * 0.62 * 8 + 8;
        double valueWidth = theme.fontSize(13) * 0.62 * 6 + 8;
        double row = Math.min(theme.fontSize(13) * 2.2, height / bars.size());
        double barMax = Math.max(10, width - labelWidth - valueWidth - 8);
        for (int i = 0; i < bars.size(); i++) {
            TokenProbability b = bars.get(i);
            double y = i * row;
            boolean mark = b.id() == marked;
            g.setFont(mark ? bold : font);
            g.setFill(mark ? theme.accent() : theme.foreground());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(tokenLabel(b.token()), labelWidth - 8, y + row / 2);
            g.setFill(mark ? theme.accent() : theme.grid().interpolate(theme.foreground(), 0.35));
            g.fillRect(labelWidth, y + row * 0.18, Math.max(1, b.probability() * barMax), row * 0.64);
            g.setFill(theme.foreground());
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(percent(b.probability()), labelWidth + b.probability() * barMax + 6, y + row / 2);
        }
        g.setStroke(theme.grid());
        g.setLineWidth(theme.lineScale());
        g.strokeLine(labelWidth, 0, labelWidth, bars.size() * row);
    }
}
