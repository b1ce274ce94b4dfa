package workbench.core.memory;

import java.math.BigDecimal;
import java.util.Locale;

/** Reads and writes parameter (and token) counts the way people say them: 124M, 6.7B, 7e9, 70,000,000. */
public final class ParameterCount {

    private ParameterCount() {
    }

    /**
     * Parses a positive count. Accepts digits with optional thousands separators, scientific notation,
     * and the suffixes K, M, B (or G) and T.
     *
     * @throws IllegalArgumentException with a message for the user when the text is not such a count
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.strip().replace(",", "").replace("_", "").replace(" ", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Type a count such as 124M, 6.7B or 7e9.");
        }
        long multiplier = 1;
        char last = Character.toUpperCase(t.charAt(t.length() - 1));
        switch (last) {
            case 'K' -> multiplier = 1_000L;
            case 'M' -> multiplier = 1_000_000L;
            case 'B', 'G' -> multiplier = 1_000_000_000L;
            case 'T' -> multiplier = 1_000_000_000_000L;
            default -> { }
        }
        if (multiplier != 1) {
            t = t.substring(0, t.length() - 1);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(t).multiply(BigDecimal.valueOf(multiplier));
        } catch (NumberFormatException | ArithmeticException notANumber) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a count; type one such as 124M, 6.7B or 7e9.");
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("A count must be positive, not '" + text.strip() + "'.");
        }
        if (value.compareTo(BigDecimal.valueOf(ModelSpec.MAX_PARAMETERS)) > 0) {
            throw new IllegalArgumentException("'" + text.strip() + "' is more than " + format(ModelSpec.MAX_PARAMETERS)
                    + "; type a smaller count.");
        }
        // A fraction of one parameter makes no sense; round to the nearest whole count.
        long whole = value.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        if (whole < 1) {
            throw new IllegalArgumentException("A count must be at least 1, not '" + text.strip() + "'.");
        }
        return whole;
    }

    /** Short form with three significant digits: 124M, 6.74B, 1.50T; counts under 1000 in full. */
    public static String format(long count) {
        double v = count;
        String[] suffixes = {"", "K", "M", "B", "T"};
        int i = 0;
        while (Math.abs(v) >= 1000 && i < suffixes.length - 1) {
            v /= 1000;
            i++;
        }
        if (i == 0) {
            return Long.toString(count);
        }
        String digits = v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        return digits + suffixes[i];
    }

    /** Full count with thousands separators: 124,439,808. */
    public static String grouped(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
