package workbench.ui.tokenization;

import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import workbench.core.tokenizer.TokenSpan;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Tokens as chips that wrap like text: alternating colours, whitespace made visible, the token's
 * id and character range on hover. Chips are drawn on one canvas rather than built as a thousand
 * labels, so that a long text redraws in milliseconds; at most {@code maxChips} are drawn, with a
 * note saying how many there are in all.
 */
public final class TokenChipFlow extends VBox {

    public static final String NOTE = "chip-note";
    public static final String EMPTY = "chip-empty";

    /**
     * One chip.
     *
     * @param id        token id
     * @param text      the token's text as the tokenizer reads it (made visible on the chip)
     * @param start     first char of the text it covers, or -1 if it does not map to the input
     * @param end       char after the last one it covers, or -1
     * @param highlight drawn with an outline, e.g. the token a merge just made
     */
    public record Chip(int id, String text, int start, int end, boolean highlight) {

        /** The hover text of the chip at {@code index}: built only when it is hovered. */
        public String detail(int index) {
            String shown = VisibleText.of(text);
            return start < 0
                    ? String.format(Locale.ROOT, "token %d · id %d · \"%s\"", index, id, shown)
                    : String.format(Locale.ROOT, "token %d · id %d · chars %d–%d · \"%s\"", index, id, start, end, shown);
        }
    }

    private final Label note = new Label();
    private final Label empty = new Label();
    private final ChipCanvas canvas;
    private final int maxChips;
    private List<Chip> chips = List.of();
    private IntConsumer onHover = i -> { };
    private IntConsumer onClick = i -> { };

    public TokenChipFlow(ThemeManager themes, int maxChips) {
        this.maxChips = maxChips;
        this.canvas = new ChipCanvas(themes);
        getStyleClass().add("token-chip-flow");
        note.getStyleClass().addAll(NOTE, "hint");
        empty.getStyleClass().addAll(EMPTY, "empty-state");
        empty.setWrapText(true);
        setSpacing(4);
        getChildren().addAll(note, canvas, empty);
        showEmpty("");
    }

    /** Spans as chips, with "token i · id · chars a–b" on hover. */
    public static List<Chip> fromSpans(List<TokenSpan> spans) {
        List<Chip> out = new ArrayList<>(spans.size());
        for (TokenSpan s : spans) {
            out.add(new Chip(s.id(), s.text(), s.start(), s.end(), false));
        }
        return out;
    }

    /** Shows the chips; an empty list shows {@code emptyMessage} instead. */
    public void show(List<Chip> newChips, String emptyMessage) {
        this.chips = List.copyOf(newChips);
        if (chips.isEmpty()) {
            showEmpty(emptyMessage);
            return;
        }
        int shown = Math.min(maxChips, chips.size());
        boolean truncated = shown < chips.size();
        note.setText(truncated ? String.format(Locale.ROOT, "Showing the first %,d of %,d tokens.", shown, chips.size()) : "");
        setShown(note, truncated);
        setShown(empty, false);
        setShown(canvas, true);
        canvas.setChips(chips.subList(0, shown));
    }

    private void showEmpty(String message) {
        canvas.setChips(List.of());
        setShown(canvas, false);
        setShown(note, false);
        empty.setText(message);
        setShown(empty, !message.isEmpty());
    }

    private static void setShown(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    /** Called with the chip index under the mouse, or -1 when it leaves. */
    public void setOnHover(IntConsumer handler) {
        this.onHover = handler;
    }

    public void setOnChipClicked(IntConsumer handler) {
        this.onClick = handler;
    }

    /** All chips given, including those not drawn. */
    public List<Chip> chips() {
        return chips;
    }

    /** How many chips are drawn. */
    public int shownCount() {
        return canvas.isVisible() ? canvas.drawn.size() : 0;
    }

    /** The text drawn on chip {@code i} (whitespace made visible). */
    public String chipLabel(int i) {
        return VisibleText.of(canvas.drawn.get(i).text());
    }

    /** Centre of chip {@code i} in this node's coordinates, for tests and pointers. */
    public double[] chipCenter(int i) {
        double[] r = canvas.rects.get(i);
        return new double[]{canvas.getLayoutX() + r[0] + r[2] / 2, canvas.getLayoutY() + r[1] + r[3] / 2};
    }

    public String noteText() {
        return note.isVisible() ? note.getText() : "";
    }

    public String emptyText() {
        return empty.isVisible() ? empty.getText() : "";
    }

    /** Lays the chips out like words in a paragraph and paints them; hit-tests the mouse. */
    private final class ChipCanvas extends CanvasPane {
        private static final double GAP_X = 4;
        private static final double GAP_Y = 5;
        private static final double PAD_X = 5;
        private final Text probe = new Text();
        private final Map<String, Double> widths = new HashMap<>();
        private final Tooltip tooltip = new Tooltip();
        private List<Chip> drawn = List.of();
        private List<double[]> rects = List.of();
        private double laidOutWidth = -1;
        private Theme laidOutTheme;
        private double contentHeight;
        private int hover = -1;

        ChipCanvas(ThemeManager themes) {
            super(themes);
            getStyleClass().add("token-chip-canvas");
            setOnMouseMoved(e -> setHover(indexAt(e.getX(), e.getY())));
            setOnMouseExited(e -> setHover(-1));
            setOnMouseClicked(e -> {
                int i = indexAt(e.getX(), e.getY());
                if (i >= 0) {
                    onClick.accept(i);
                }
            });
            themes.themeProperty().addListener((obs, old, now) -> {
                widths.clear();
                requestLayout();
            });
        }

        void setChips(List<Chip> list) {
            drawn = list;
            laidOutWidth = -1;
            hover = -1;
            requestLayout();
            redraw();
        }

        private Font font() {
            return Font.font("Monospaced", theme().fontSize(13));
        }

        private double rowHeight() {
            return Math.ceil(theme().fontSize(13) * 1.6);
        }

        /** Places every chip for a given width; returns the height needed. */
        private double layoutFor(double width) {
            if (width == laidOutWidth && theme() == laidOutTheme) {
                return contentHeight;
            }
            Font font = font();
            probe.setFont(font);
            double row = rowHeight();
            List<double[]> out = new ArrayList<>(drawn.size());
            double x = 0;
            double y = 0;
            for (Chip c : drawn) {
                String label = VisibleText.of(c.text());
                double w = widths.computeIfAbsent(label, s -> {
                    probe.setText(s);
                    return Math.ceil(probe.getLayoutBounds().getWidth());
                }) + 2 * PAD_X;
                if (x > 0 && x + w > width) {
                    x = 0;
                    y += row + GAP_Y;
                }
                out.add(new double[]{x, y, w, row});
                x += w + GAP_X;
            }
            rects = out;
            laidOutWidth = width;
            laidOutTheme = theme();
            contentHeight = drawn.isEmpty() ? 0 : y + row + 2;
            return contentHeight;
        }

        @Override
        public Orientation getContentBias() {
            return Orientation.HORIZONTAL;
        }

        @Override
        protected double computePrefHeight(double width) {
            double w = width > 0 ? width : (getWidth() > 0 ? getWidth() : 600);
            return Math.max(rowHeight(), layoutFor(w));
        }

        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width);
        }

        @Override
        protected double computePrefWidth(double height) {
            return 200;
        }

        @Override
        protected void draw(GraphicsContext g, double width, double height) {
            layoutFor(width);
            Theme theme = theme();
            Color[] fills = chipColours(theme);
            g.setFont(font());
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            for (int i = 0; i < drawn.size(); i++) {
                double[] r = rects.get(i);
                if (r[1] > height) {
                    break;
                }
                g.setFill(fills[i % 2]);
                g.fillRoundRect(r[0], r[1], r[2], r[3], 8, 8);
                if (drawn.get(i).highlight() || i == hover) {
                    g.setStroke(i == hover ? Color.web("#1f2328") : theme.accent());
                    g.setLineWidth((i == hover ? 1.5 : 2.5) * theme.lineScale());
                    g.strokeRoundRect(r[0] + 1, r[1] + 1, r[2] - 2, r[3] - 2, 8, 8);
                }
                g.setFill(Color.web("#1f2328"));
                g.fillText(VisibleText.of(drawn.get(i).text()), r[0] + PAD_X, r[1] + r[3] / 2);
            }
        }

        private int indexAt(double x, double y) {
            for (int i = 0; i < rects.size(); i++) {
                double[] r = rects.get(i);
                if (x >= r[0] && x < r[0] + r[2] && y >= r[1] && y < r[1] + r[3]) {
                    return i;
                }
            }
            return -1;
        }

        private void setHover(int i) {
            if (i == hover) {
                return;
            }
            hover = i;
            if (i >= 0) {
                tooltip.setText(drawn.get(i).detail(i));
                Tooltip.install(this, tooltip);
            } else {
                Tooltip.uninstall(this, tooltip);
            }
            onHover.accept(i);
            redraw();
        }
    }

    /** The two alternating chip fills; light in every theme so the dark chip text reads well. */
    private static Color[] chipColours(Theme theme) {
        return switch (theme) {
            case PROJECTOR -> new Color[]{Color.web("#9ec5fe"), Color.web("#ffd43b")};
            case DARK -> new Color[]{Color.web("#a5c8f5"), Color.web("#f2d272")};
            default -> new Color[]{Color.web("#dbeafe"), Color.web("#fde68a")};
        };
    }
}
