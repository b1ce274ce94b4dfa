package workbench.ui.common;

import java.util.Locale;

/**
 * Text for byte counts and large counts, the same in every lab: binary units (1 KB = 1024 bytes,
 * as memory sizes are usually quoted) with three significant figures, and grouped digits.
 */
public final class MemorySizeFormat {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};

    private MemorySizeFormat() {
    }

    /** "512 B", "1.50 KB", "320 KB", "1.25 GB"; negative values give "unknown". */
    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 10 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value);
        return number + " " + UNITS[unit];
    }

    /** "1,234,567". */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A count that may be fractional and huge, with three significant figures: "1.23e+09" past a million. */
    public static String approx(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "—";
        }
        if (Math.abs(value) < 1e6) {
            return value == Math.rint(value) ? count((long) value) : String.format(Locale.ROOT, "%,.1f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
