package workbench.ui.common;

import javafx.scene.paint.Color;

import java.util.Locale;

/**
 * The look of the workbench. CSS styles the controls; canvases read the same colours and scales
 * from here, so a heatmap's labels stay readable in every theme.
 */
public enum Theme {
    LIGHT("Light", "light.css", Color.web("#ffffff"), Color.web("#1f2328"), Color.web("#d0d7de"), Color.web("#0969da"), 1.0, 1.0),
    DARK("Dark", "dark.css", Color.web("#1e2127"), Color.web("#e6edf3"), Color.web("#3d444d"), Color.web("#58a6ff"), 1.0, 1.0),
    PROJECTOR("Projector", "projector.css", Color.web("#ffffff"), Color.web("#000000"), Color.web("#707070"), Color.web("#0033cc"), 1.5, 2.0);

    private final String label;
    private final String stylesheet;
    private final Color background;
    private final Color foreground;
    private final Color grid;
    private final Color accent;
    private final double fontScale;
    private final double lineScale;

    Theme(String label, String stylesheet, Color background, Color foreground, Color grid, Color accent,
          double fontScale, double lineScale) {
        this.label = label;
        this.stylesheet = stylesheet;
        this.background = background;
        this.foreground = foreground;
        this.grid = grid;
        this.accent = accent;
        this.fontScale = fontScale;
        this.lineScale = lineScale;
    }

    public String label() {
        return label;
    }

    /** Resource path of this theme's stylesheet, applied on top of workbench.css. */
    public String stylesheet() {
        return "/workbench/ui/" + stylesheet;
    }

    public Color background() {
        return background;
    }

    public Color foreground() {
        return foreground;
    }

    /** Colour of grid lines, axes and separators on canvases. */
    public Color grid() {
        return grid;
    }

    /** Colour of highlights: the selected cell, the sampled point, the current tile. */
    public Color accent() {
        return accent;
    }

    /** Multiplier for text drawn on canvases (the projector theme draws it 1.5x larger). */
    public double fontScale() {
        return fontScale;
    }

    /** Multiplier for line widths on canvases. */
    public double lineScale() {
        return lineScale;
    }

    /** A base font size in points, scaled for this theme. */
    public double fontSize(double base) {
        return base * fontScale;
    }

    public static Theme parse(String text) {
        for (Theme theme : values()) {
            if (theme.name().equalsIgnoreCase(text) || theme.label.equalsIgnoreCase(text)) {
                return theme;
            }
        }
        throw new IllegalArgumentException("Unknown theme '" + text + "': use light, dark or projector.");
    }

    @Override
    public String toString() {
        return label;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
