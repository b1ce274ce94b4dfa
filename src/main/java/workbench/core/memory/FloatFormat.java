package workbench.core.memory;

/**
 * A binary floating-point format: 1 sign bit, {@code exponentBits} exponent bits with bias
 * 2^(e-1) - 1, and {@code mantissaBits} stored fraction bits (a leading 1 is implied for normal
 * numbers). fp32 and fp16 are IEEE 754 binary32 and binary16; bf16 is fp32 with the lower 16
 * fraction bits dropped. Every fact below is computed from these two widths.
 */
public enum FloatFormat {
    FP32("fp32", 8, 23),
    FP16("fp16", 5, 10),
    BF16("bf16", 8, 7);

    private final String label;
    private final int exponentBits;
    private final int mantissaBits;

    FloatFormat(String label, int exponentBits, int mantissaBits) {
        this.label = label;
        this.exponentBits = exponentBits;
        this.mantissaBits = mantissaBits;
    }

    public String label() {
        return label;
    }

    public int exponentBits() {
        return exponentBits;
    }

    public int mantissaBits() {
        return mantissaBits;
    }

    public int totalBits() {
        return 1 + exponentBits + mantissaBits;
    }

    public int bias() {
        return (1 << (exponentBits - 1)) - 1;
    }

    /** The all-ones exponent field, reserved for infinity and NaN. */
    public int reservedExponent() {
        return (1 << exponentBits) - 1;
    }

    /** Largest finite value: (2 - 2^-m) x 2^bias. */
    public double max() {
        return Math.scalb(2.0 - Math.scalb(1.0, -mantissaBits), bias());
    }

    /** Smallest positive normal value: 2^(1 - bias). */
    public double minNormal() {
        return Math.scalb(1.0, 1 - bias());
    }

    /** Smallest positive subnormal value: 2^(1 - bias - m). */
    public double minSubnormal() {
        return Math.scalb(1.0, 1 - bias() - mantissaBits);
    }

    /** Machine epsilon, the gap between 1 and the next larger value: 2^-m. */
    public double epsilon() {
        return Math.scalb(1.0, -mantissaBits);
    }

    /** Significant decimal digits the (m + 1)-bit significand carries: (m + 1) log10 2. */
    public double decimalDigits() {
        return (mantissaBits + 1) * Math.log10(2);
    }

    /** The bit pattern nearest to {@code value} (ties to even), in the low {@link #totalBits()} bits. */
    public int encode(float value) {
        return switch (this) {
            case FP32 -> Float.floatToRawIntBits(value);
            case FP16 -> FloatConversions.toFp16Bits(value);
            case BF16 -> FloatConversions.toBf16Bits(value);
        };
    }

    /** The value of a bit pattern; every fp16 and bf16 value is exactly a float. */
    public float decode(int bits) {
        return switch (this) {
            case FP32 -> Float.intBitsToFloat(bits);
            case FP16 -> FloatConversions.fp16ToFloat(bits);
            case BF16 -> FloatConversions.bf16ToFloat(bits);
        };
    }

    /** {@code value} stored in this format and read back. */
    public float roundTrip(float value) {
        return decode(encode(value));
    }

    /**
     * Every value of {@code matrix} stored in this format and read back, as casting a model's
     * weights to this format does.
     *
     * @param matrix (rows, cols)
     * @return (rows, cols), a new array
     */
    public float[][] roundTrip(float[][] matrix) {
        float[][] out = new float[matrix.length][];
        for (int r = 0; r < matrix.length; r++) {
            out[r] = new float[matrix[r].length];
            for (int c = 0; c < matrix[r].length; c++) {
                out[r][c] = roundTrip(matrix[r][c]);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return label;
    }
}
