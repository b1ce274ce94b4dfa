package workbench.ui.recurrent;

import javafx.scene.chart.NumberAxis;
import javafx.util.StringConverter;

import java.util.Locale;

/**
 * A logarithmic axis on JavaFX's linear NumberAxis: the plotted value is log_base(x), and the
 * tick labels show base^value, so a reader sees 10^-3 or 512 rather than -3 or 9.
 */
final class LogTicks extends StringConverter<Number> {

    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private final int base;

    private LogTicks(int base) {
        this.base = base;
    }

    /** An axis showing powers of 10 (decades) from 10^lower to 10^upper. */
    static NumberAxis decades(String label, int lower, int upper) {
        NumberAxis axis = new NumberAxis(lower, upper, 1);
        axis.setLabel(label);
        axis.setAutoRanging(false);
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new LogTicks(10));
        return axis;
    }

    /** An axis showing powers of 2 as plain numbers (8, 16, 32, ...). */
    static NumberAxis powersOfTwo(String label, int lower, int upper) {
        NumberAxis axis = new NumberAxis(lower, upper, 1);
        axis.setLabel(label);
        axis.setAutoRanging(false);
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new LogTicks(2));
        return axis;
    }

    static double log10(double x) {
        return Math.log10(x);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Override
    public String toString(Number value) {
        double v = value.doubleValue();
        if (base == 2) {
            return String.format(Locale.ROOT, "%.0f", Math.pow(2, v));
        }
        long k = Math.round(v);
        if (Math.abs(v - k) > 1e-9) {
            return "";
        }
        if (k == 0) {
            return "1";
        }
        if (k == 1) {
            return "10";
        }
        return "10" + superscript(k);
    }

    static String superscript(long k) {
        StringBuilder out = new StringBuilder(k < 0 ? "⁻" : "");
        for (char c : Long.toString(Math.abs(k)).toCharArray()) {
            out.append(SUPERSCRIPTS.charAt(c - '0'));
        }
        return out.toString();
    }

    @Override
    public Number fromString(String text) {
        throw new UnsupportedOperationException("tick labels are not parsed");
    }
}
