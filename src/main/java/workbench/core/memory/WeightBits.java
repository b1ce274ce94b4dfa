package workbench.core.memory;

import java.util.List;
import java.util.Locale;

/**
 * One weight in fp32, fp16 and bf16. The fp32 value is the typed decimal rounded to the nearest
 * float; fp16 and bf16 are rounded from that fp32 value, as casting a model's weights does. Errors
 * are measured against the typed number (as a double, 2^29 times finer than fp32).
 *
 * @param text      what was typed
 * @param reference the typed number as a double
 * @param fp32      the weight as stored in fp32
 * @param fp16      the fp32 weight cast to fp16
 * @param bf16      the fp32 weight cast to bf16
 */
public record WeightBits(String text, double reference, BitPattern fp32, BitPattern fp16, BitPattern bf16) {

    public static final int MAX_TEXT = 64;

    /**
     * Reads a typed weight: a decimal like 0.1 or -3.2e-5, or inf, -inf, nan.
     *
     * @throws IllegalArgumentException with a message for the user when it is not a number
     */
    public static WeightBits parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Type a weight such as 0.1, -3.2e-5 or 65520.");
        }
        if (t.length() > MAX_TEXT) {
            throw new IllegalArgumentException("That is " + t.length() + " characters; type a number of at most "
                    + MAX_TEXT + ".");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        double reference;
        float single;
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity" -> { reference = Double.POSITIVE_INFINITY; single = Float.POSITIVE_INFINITY; }
            case "-inf", "-infinity" -> { reference = Double.NEGATIVE_INFINITY; single = Float.NEGATIVE_INFINITY; }
            case "nan" -> { reference = Double.NaN; single = Float.NaN; }
            default -> {
                if (!lower.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
                    throw new IllegalArgumentException("'" + t + "' is not a number; type one such as 0.1, -3.2e-5 or 65520.");
                }
                reference = Double.parseDouble(t);
                single = Float.parseFloat(t); // rounds the decimal itself to the nearest float, not via the double
            }
        }
        return of(t, reference, single);
    }

    /** A weight that already is a float, e.g. one read from a model: its own reference. */
    public static WeightBits of(float weight) {
        return of(Float.toString(weight), weight, weight);
    }

    private static WeightBits of(String text, double reference, float single) {
        return new WeightBits(text, reference,
                BitPattern.of(FloatFormat.FP32, single, reference),
                BitPattern.of(FloatFormat.FP16, FloatFormat.FP16.roundTrip(single), reference),
                BitPattern.of(FloatFormat.BF16, FloatFormat.BF16.roundTrip(single), reference));
    }

    public List<BitPattern> all() {
        return List.of(fp32, fp16, bf16);
    }
}
