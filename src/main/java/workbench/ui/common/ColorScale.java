package workbench.ui.common;

import javafx.scene.paint.Color;

/**
 * Colour-blind-safe colour scales for heatmaps: viridis and cividis for values in a range, and a
 * blue-white-red diverging scale (ColorBrewer RdBu) for signed values centred on zero.
 */
public enum ColorScale {
    VIRIDIS(false, "#440154", "#482878", "#3e4a89", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"),
    CIVIDIS(false, "#00224e", "#123570", "#3b496c", "#575d6d", "#707173", "#8a8678", "#a59c74", "#c3b369", "#e1cc55", "#fee838"),
    DIVERGING(true, "#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b");

    private final boolean signed;
    private final Color[] stops;

    ColorScale(boolean signed, String... hex) {
        this.signed = signed;
        this.stops = new Color[hex.length];
        for (int i = 0; i < hex.length; i++) {
            stops[i] = Color.web(hex[i]);
        }
    }

    /** True for scales meant for values of both signs, centred on zero. */
    public boolean isSigned() {
        return signed;
    }

    /** The colour at position {@code t} in [0, 1] (clamped; NaN gives grey). */
    public Color at(double t) {
        if (Double.isNaN(t)) {
            return Color.GRAY;
        }
        double x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = (int) Math.floor(x);
        if (i >= stops.length - 1) {
            return stops[stops.length - 1];
        }
        return stops[i].interpolate(stops[i + 1], x - i);
    }

    /**
     * The colour of {@code value} within [min, max]. A signed scale maps the largest magnitude of
     * min and max to its two ends so that zero is always white.
     */
    public Color color(double value, double min, double max) {
        if (signed) {
            double reach = Math.max(Math.abs(min), Math.abs(max));
            return at(reach == 0 ? 0.5 : 0.5 + 0.5 * value / reach);
        }
        return at(max == min ? 0.5 : (value - min) / (max - min));
    }

    /** Black or white, whichever reads better on {@code background}. */
    public static Color textOn(Color background) {
        double luminance = 0.2126 * background.getRed() + 0.7152 * background.getGreen() + 0.0722 * background.getBlue();
        return luminance > 0.5 ? Color.BLACK : Color.WHITE;
    }
}
