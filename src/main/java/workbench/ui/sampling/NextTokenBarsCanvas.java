package workbench.ui.sampling;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import workbench.core.sampling.SamplingStep;
import workbench.core.sampling.TokenShare;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The next-token distribution as bars, most likely first, the rest summed in one bar. Each bar
 * shows the model's own probability (dashed outline), the probability after the repetition
 * penalty and temperature (filled), and, for tokens the cuts keep, the renormalised probability
 * the token is drawn with (a dark tick and its percentage). Cut tokens are grey and hatched, and
 * the top-k and top-p cut-offs are vertical lines. Every number comes from a {@link SamplingStep}.
 */
public final class NextTokenBarsCanvas extends CanvasPane {

    public static final int DEFAULT_SHOWN = 20;
    static final Color CUT_COLOUR = Color.web("#d9480f");

    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper(this, "readout", "");
    private SamplingStep step;
    private IntFunction<String> labels = id -> Integer.toString(id);
    private int shown = DEFAULT_SHOWN;
    private String emptyMessage = "";
    private double slotLeft;
    private double slotWidth;

    public NextTokenBarsCanvas(ThemeManager themes) {
        super(themes);
        getStyleClass().add("next-token-bars");
        setOnMouseMoved(this::hover);
        setOnMouseExited(e -> readout.set(""));
    }

    /** Shows {@code value} (null for nothing) with token labels from {@code tokenLabels}. */
    public void setStep(SamplingStep value, IntFunction<String> tokenLabels) {
        this.step = value;
        this.labels = tokenLabels;
        readout.set("");
        redraw();
    }

    public void setShownCount(int count) {
        this.shown = Math.max(1, count);
        redraw();
    }

    public void setEmptyMessage(String message) {
        this.emptyMessage = message == null ? "" : message;
        redraw();
    }

    public SamplingStep step() {
        return step;
    }

    /** The bars drawn, left to right: the top tokens, then the rest when there is any. */
    public List<TokenShare> shares() {
        List<TokenShare> out = new ArrayList<>();
        if (step == null) {
            return out;
        }
        out.addAll(step.top(shown));
        TokenShare rest = step.rest(shown);
        if (rest.count() > 0) {
            out.add(rest);
        }
        return out;
    }

    /** Rank after which the top-k line is drawn, or -1 when top-k cuts nothing (or greedy hides it). */
    public int topKLine() {
        if (step == null || step.settings().greedy() || step.topKKept() >= step.vocabSize()) {
            return -1;
        }
        return step.topKKept();
    }

    /** Rank after which the top-p line is drawn, or -1 when top-p cuts nothing beyond top-k. */
    public int topPLine() {
        if (step == null || step.settings().greedy() || step.topPKept() >= step.topKKept()) {
            return -1;
        }
        return step.topPKept();
    }

    public ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height) {
        Theme theme = theme();
        if (step == null) {
            g.setFill(theme.foreground().deriveColor(0, 1, 1, 0.7));
            g.setFont(Font.font(theme.fontSize(14)));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(emptyMessage, width / 2, height / 2);
            return;
        }
        List<TokenShare> bars = shares();
        double fs = theme.fontSize(11);
        double left = 12 + fs * 3.6;
        double top = fs * 4.2;
        double bottom = fs * 3.4;
        double plotW = Math.max(10, width - left - 10);
        double plotH = Math.max(10, height - top - bottom);
        slotLeft = left;
        slotWidth = plotW / bars.size();
        double yMax = niceCeiling(bars);
        drawAxes(g, theme, left, top, plotW, plotH, yMax, fs);
        drawLegend(g, theme, left, fs);
        double lw = theme.lineScale();
        for (int i = 0; i < bars.size(); i++) {
            TokenShare bar = bars.get(i);
            double x = left + i * slotWidth;
            double bw = slotWidth * 0.72;
            double bx = x + (slotWidth - bw) / 2;
            double base = top + plotH;
            double hShaped = plotH * bar.shaped() / yMax;
            if (bar.excluded()) {
                g.setFill(theme.grid().deriveColor(0, 1, 1, 0.55));
                g.fillRect(bx, base - hShaped, bw, hShaped);
                hatch(g, theme, bx, base - hShaped, bw, hShaped);
            } else {
                g.setFill(theme.accent().deriveColor(0, 1, 1, 0.75));
                g.fillRect(bx, base - hShaped, bw, hShaped);
            }
            double hModel = plotH * bar.model() / yMax;
            g.setStroke(theme.foreground().deriveColor(0, 1, 1, 0.75));
            g.setLineWidth(1.2 * lw);
            g.setLineDashes(4 * lw, 3 * lw);
            g.strokeRect(bx, base - hModel, bw, hModel);
            g.setLineDashes((double[]) null);
            if (bar.kept() > 0) {
                double yDrawn = base - plotH * bar.drawn() / yMax;
                g.setStroke(theme.foreground());
                g.setLineWidth(3 * lw);
                g.setLineCap(StrokeLineCap.BUTT);
                g.strokeLine(bx - 2, yDrawn, bx + bw + 2, yDrawn);
                g.setFill(theme.foreground());
                g.setFont(Font.font(null, FontWeight.BOLD, fs * 0.9));
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.BOTTOM);
                String label = percent(bar.drawn());
                if (textWidth(label, g.getFont()) < slotWidth - 2) {
                    g.fillText(label, x + slotWidth / 2, Math.min(yDrawn, base - hModel) - 3);
                }
            }
            drawTokenLabel(g, theme, bar, x, base, fs);
        }
        drawCuts(g, theme, left, top, plotH, fs, bars.size());
    }

    private void drawAxes(GraphicsContext g, Theme theme, double left, double top, double plotW, double plotH,
                          double yMax, double fs) {
        g.setFont(Font.font(fs * 0.9));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.setLineWidth(1);
        for (int i = 0; i <= 4; i++) {
            double v = yMax * i / 4;
            double y = top + plotH - plotH * i / 4;
            g.setStroke(theme.grid().deriveColor(0, 1, 1, i == 0 ? 1 : 0.5));
            g.strokeLine(left, y, left + plotW, y);
            g.setFill(theme.foreground());
            g.fillText(percent(v), left - 4, y);
        }
    }

    private void drawLegend(GraphicsContext g, Theme theme, double left, double fs) {
        double y = fs * 0.4;
        double x = left;
        double box = fs * 0.95;
        g.setFont(Font.font(fs * 0.95));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double lw = theme.lineScale();
        String t = String.format(Locale.ROOT, "%.2f", step.settings().temperature());
        String shapedName = step.settings().repetitionPenalty() > 1 ? "after penalty and T = " + t : "after T = " + t;
        // model: dashed outline
        g.setStroke(theme.foreground());
        g.setLineWidth(1.2 * lw);
        g.setLineDashes(4 * lw, 3 * lw);
        g.strokeRect(x, y, box, box);
        g.setLineDashes((double[]) null);
        x = legendText(g, theme, "model (T = 1)", x + box + 4, y);
        g.setFill(theme.accent().deriveColor(0, 1, 1, 0.75));
        g.fillRect(x, y, box, box);
        x = legendText(g, theme, shapedName, x + box + 4, y);
        g.setStroke(theme.foreground());
        g.setLineWidth(3 * lw);
        g.strokeLine(x, y + box / 2, x + box * 1.4, y + box / 2);
        x = legendText(g, theme, "renormalised: drawn from", x + box * 1.4 + 4, y);
        g.setFill(theme.grid().deriveColor(0, 1, 1, 0.55));
        g.fillRect(x, y, box, box);
        hatch(g, theme, x, y, box, box);
        legendText(g, theme, "cut", x + box + 4, y);
    }

    private double legendText(GraphicsContext g, Theme theme, String text, double x, double y) {
        g.setFill(theme.foreground());
        g.fillText(text, x, y);
        return x + textWidth(text, g.getFont()) + 14;
    }

    private void drawTokenLabel(GraphicsContext g, Theme theme, TokenShare bar, double x, double base, double fs) {
        boolean chosen = !bar.isRest() && bar.token() == step.token() || bar.isRest() && step.rankOf(step.token()) >= bar.rank();
        String text = bar.isRest() ? "rest (" + bar.count() + ")" : TokenLabels.shortened(labels.apply(bar.token()), 6);
        g.setFill(theme.foreground());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.setFont(bar.isRest() ? Font.font(fs * 0.85) : Font.font("Monospaced", chosen ? FontWeight.BOLD : FontWeight.NORMAL, fs * 1.15));
        g.fillText(text, x + slotWidth / 2, base + 3);
        if (chosen) {
            double cx = x + slotWidth / 2;
            double ty = base + fs * 1.75;
            double s = fs * 0.55;
            g.setFill(theme.accent());
            g.fillPolygon(new double[]{cx - s, cx + s, cx}, new double[]{ty + s * 1.4, ty + s * 1.4, ty}, 3);
        }
    }

    private void drawCuts(GraphicsContext g, Theme theme, double left, double top, double plotH, double fs, int slots) {
        int k = topKLine();
        int p = topPLine();
        if (step.settings().greedy()) {
            cutLine(g, theme, left, top, plotH, fs, 1, "greedy: only the top token", 0, slots);
            return;
        }
        if (k >= 0 && k == p) {
            cutLine(g, theme, left, top, plotH, fs, k, "top-k " + step.settings().topK() + ", top-p", 0, slots);
            return;
        }
        if (k >= 0) {
            cutLine(g, theme, left, top, plotH, fs, k, "top-k " + step.settings().topK(), 0, slots);
        }
        if (p >= 0) {
            cutLine(g, theme, left, top, plotH, fs, p, String.format(Locale.ROOT, "top-p %.2f", step.settings().topP()),
                    k >= 0 ? 1 : 0, slots);
        }
    }

    private void cutLine(GraphicsContext g, Theme theme, double left, double top, double plotH, double fs, int rank,
                         String label, int row, int slots) {
        // A cut beyond the shown bars falls inside the rest bar.
        boolean inRest = rank > shown;
        double x = inRest ? left + (slots - 1) * slotWidth + slotWidth * 0.5 : left + rank * slotWidth;
        g.setStroke(CUT_COLOUR);
        g.setLineWidth(2 * theme.lineScale());
        g.setLineDashes(6 * theme.lineScale(), 4 * theme.lineScale());
        g.strokeLine(x, top - fs * 0.4 - row * fs * 1.3, x, top + plotH);
        g.setLineDashes((double[]) null);
        g.setFill(CUT_COLOUR);
        g.setFont(Font.font(null, FontWeight.BOLD, fs * 0.95));
        g.setTextBaseline(VPos.BOTTOM);
        String text = label + (inRest ? " (after rank " + rank + ")" : "");
        double w = textWidth(text, g.getFont());
        boolean leftward = x + w + 6 > getWidth();
        g.setTextAlign(leftward ? TextAlignment.RIGHT : TextAlignment.LEFT);
        g.fillText(text, leftward ? x - 4 : x + 4, top - fs * 0.4 - row * fs * 1.3);
    }

    private void hatch(GraphicsContext g, Theme theme, double x, double y, double w, double h) {
        if (h <= 0 || w <= 0) {
            return;
        }
        g.save();
        g.beginPath();
        g.rect(x, y, w, h);
        g.clip();
        g.setStroke(theme.foreground().deriveColor(0, 1, 1, 0.35));
        g.setLineWidth(1);
        for (double d = -h; d < w; d += 6) {
            g.strokeLine(x + d, y + h, x + d + h, y);
        }
        g.restore();
    }

    private double niceCeiling(List<TokenShare> bars) {
        double max = 0;
        for (TokenShare b : bars) {
            max = Math.max(max, Math.max(b.model(), Math.max(b.shaped(), b.drawn())));
        }
        return niceMax(max);
    }

    /** The top of a probability axis with four round steps (1%, 2%, 5%, 10%, 15%, 20% or 25%) above {@code max}. */
    static double niceMax(double max) {
        for (double top : new double[]{0.04, 0.08, 0.2, 0.4, 0.6, 0.8}) {
            if (max <= top * 0.98) {
                return top;
            }
        }
        return 1.0;
    }

    private void hover(MouseEvent e) {
        List<TokenShare> bars = shares();
        if (bars.isEmpty() || slotWidth <= 0) {
            return;
        }
        int i = (int) Math.floor((e.getX() - slotLeft) / slotWidth);
        if (i < 0 || i >= bars.size()) {
            readout.set("");
            return;
        }
        readout.set(describe(bars.get(i)));
    }

    /** The read-out line for one bar. */
    public String describe(TokenShare bar) {
        String name = bar.isRest() ? "the other " + bar.count() + " tokens"
                : "'" + labels.apply(bar.token()) + "' (id " + bar.token() + ", rank " + (bar.rank() + 1) + ")";
        return name + ":  model " + percent(bar.model()) + "  \u2192  shaped " + percent(bar.shaped())
                + "  \u2192  " + (bar.excluded() ? "cut" : "drawn with " + percent(bar.drawn()));
    }

    static String percent(double p) {
        double v = p * 100;
        if (v == 0) {
            return "0%";
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.0f%%", v);
        }
        if (v >= 1) {
            return String.format(Locale.ROOT, "%.1f%%", v);
        }
        return String.format(Locale.ROOT, "%.2f%%", v);
    }

    static double textWidth(String text, Font font) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
