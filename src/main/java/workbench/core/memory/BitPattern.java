package workbench.core.memory;

import java.util.OptionalDouble;

/**
 * One value in one format, taken apart.
 *
 * @param format        the format
 * @param bits          the pattern, in the low {@code format.totalBits()} bits
 * @param sign          0 or 1
 * @param exponentField the stored (biased) exponent
 * @param mantissaField the stored fraction bits
 * @param value         the value the pattern represents
 * @param kind          zero, subnormal, normal, infinite or NaN
 * @param reference     what the value stands for, e.g. the number the user typed
 */
public record BitPattern(FloatFormat format, int bits, int sign, int exponentField, int mantissaField,
                         double value, Kind kind, double reference) {

    public enum Kind { ZERO, SUBNORMAL, NORMAL, INFINITE, NAN }

    /**
     * Takes {@code value} apart in {@code format} and measures it against {@code reference}.
     *
     * @param value     a value of the format (the caller has already rounded it)
     * @param reference what the value stands for, e.g. the number the user typed
     */
    public static BitPattern of(FloatFormat format, float value, double reference) {
        int bits = format.encode(value);
        int m = format.mantissaBits();
        int e = format.exponentBits();
        int sign = (bits >>> (m + e)) & 1;
        int exponent = (bits >>> m) & ((1 << e) - 1);
        int mantissa = bits & ((1 << m) - 1);
        double decoded = format.decode(bits);
        Kind kind;
        if (exponent == format.reservedExponent()) {
            kind = mantissa == 0 ? Kind.INFINITE : Kind.NAN;
        } else if (exponent == 0) {
            kind = mantissa == 0 ? Kind.ZERO : Kind.SUBNORMAL;
        } else {
            kind = Kind.NORMAL;
        }
        return new BitPattern(format, bits, sign, exponent, mantissa, decoded, kind, reference);
    }

    /** Rounding error, value minus reference; empty when either is infinite or NaN. */
    public OptionalDouble error() {
        boolean measurable = Double.isFinite(value) && Double.isFinite(reference);
        return measurable ? OptionalDouble.of(value - reference) : OptionalDouble.empty();
    }

    /** True when a finite reference became infinite: the format's range was exceeded. */
    public boolean overflowed() {
        return kind == Kind.INFINITE && Double.isFinite(reference);
    }

    /** True when a non-zero reference became zero: it was below half the smallest subnormal. */
    public boolean underflowed() {
        return kind == Kind.ZERO && reference != 0 && Double.isFinite(reference);
    }

    /**
     * The gap between this value and the next one away from zero: 2^(exponent - m) for normals,
     * the smallest subnormal for subnormals and zero; empty for infinity and NaN. Rounding to
     * nearest keeps the error within half of it.
     */
    public OptionalDouble spacing() {
        return switch (kind) {
            case NORMAL -> OptionalDouble.of(Math.scalb(1.0, unbiasedExponent() - format.mantissaBits()));
            case SUBNORMAL, ZERO -> OptionalDouble.of(format.minSubnormal());
            case INFINITE, NAN -> OptionalDouble.empty();
        };
    }

    /**
     * The significand the exponent scales: 1.f for normals, 0.f for subnormals and zero, so that
     * value = (-1)^sign x significand x 2^unbiasedExponent. NaN for infinity and NaN.
     */
    public double significand() {
        double fraction = Math.scalb((double) mantissaField, -format.mantissaBits());
        return switch (kind) {
            case NORMAL -> 1 + fraction;
            case SUBNORMAL, ZERO -> fraction;
            case INFINITE, NAN -> Double.NaN;
        };
    }

    /** The exponent the pattern scales by: field - bias for normals, 1 - bias for subnormals. */
    public int unbiasedExponent() {
        return exponentField == 0 ? 1 - format.bias() : exponentField - format.bias();
    }

    /** |error| / |reference|, when the error is defined and the reference is not zero. */
    public OptionalDouble relativeError() {
        OptionalDouble error = error();
        if (error.isEmpty() || reference == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.abs(error.getAsDouble() / reference));
    }

    /** Bits from most to least significant, e.g. "0011110000000000". */
    public String bitString() {
        StringBuilder text = new StringBuilder(format.totalBits());
        for (int i = format.totalBits() - 1; i >= 0; i--) {
            text.append((bits >>> i) & 1);
        }
        return text.toString();
    }

    /** The pattern in hexadecimal, e.g. "0x3C00". */
    public String hex() {
        return String.format(java.util.Locale.ROOT, "0x%0" + format.totalBits() / 4 + "X", bits);
    }
}
