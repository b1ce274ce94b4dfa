package workbench.core.memory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the lab writes numbers: a fixed number of significant digits, plain when short, else 1.49e-9. */
public final class NumberText {

    private NumberText() {
    }

    /**
     * {@code value} to {@code digits} significant digits, trailing zeros dropped; plain notation for
     * magnitudes from 1e-4 to below 1e9, scientific outside; "∞", "-∞" and "NaN" for the special values.
     */
    public static String significant(double value, int digits) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits));
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-4 && magnitude < 1e9) {
            return rounded.stripTrailingZeros().toPlainString();
        }
        String text = String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
        int e = text.indexOf('e');
        String mantissa = text.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        int exponent = Integer.parseInt(text.substring(e + 1));
        return mantissa + "e" + exponent;
    }

    /** A signed value with an explicit sign: "+1.49e-9", "-2.44e-5", "0". */
    public static String signed(double value, int digits) {
        String text = significant(value, digits);
        return value > 0 ? "+" + text : text;
    }

    /** "2^-14". */
    public static String powerOfTwo(int exponent) {
        return "2^" + exponent;
    }
}
