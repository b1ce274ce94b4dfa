package workbench.core.memory;

import java.util.Locale;

/**
 * Byte counts for people. The lab uses binary units throughout (1 GiB = 2^30 bytes), for model
 * sizes and GPU capacities alike, so that every comparison on screen is in one unit.
 */
public final class ByteSize {

    public static final long KIB = 1L << 10;
    public static final long MIB = 1L << 20;
    public static final long GIB = 1L << 30;
    public static final long TIB = 1L << 40;

    private ByteSize() {
    }

    public static double gib(long bytes) {
        return bytes / (double) GIB;
    }

    /** "512 B", "36.0 MiB", "12.55 GiB", "1.23 TiB": two decimals from GiB upwards, one below. */
    public static String format(long bytes) {
        if (bytes < KIB) {
            return bytes + " B";
        }
        if (bytes < MIB) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / (double) KIB);
        }
        if (bytes < GIB) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
        }
        if (bytes < TIB) {
            return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) GIB);
        }
        return String.format(Locale.ROOT, "%.2f TiB", bytes / (double) TIB);
    }
}
