package workbench.core.memory;

/**
 * Bit-exact conversions between float and the two 16-bit formats, written out so that the lab can
 * show each step: round to nearest with ties to even, overflow to infinity, subnormals, and NaN
 * kept NaN (its payload kept where it fits). Java 17 has no Float.floatToFloat16, hence this class.
 */
public final class FloatConversions {

    private FloatConversions() {
    }

    /** fp16 bits (low 16 bits of the result) of the fp16 value nearest to {@code value}. */
    public static int toFp16Bits(float value) {
        int f = Float.floatToRawIntBits(value);
        int sign = (f >>> 16) & 0x8000;
        int exp = (f >>> 23) & 0xFF;
        int mant = f & 0x7FFFFF;
        if (exp == 0xFF) {
            if (mant == 0) {
                return sign | 0x7C00;
            }
            int payload = mant >>> 13;
            return sign | 0x7C00 | (payload == 0 ? 0x200 : payload); // a payload lost to truncation becomes the quiet bit
        }
        int e = exp - 127 + 15; // fp16 biased exponent
        if (e >= 0x1F) {
            return sign | 0x7C00; // |value| >= 2^16: beyond even the rounding range of 65504
        }
        if (e <= 0) {
            if (exp == 0) {
                return sign; // float subnormals are below 2^-126, far under half of fp16's 2^-24
            }
            // An fp16 subnormal is m x 2^-24; here m = (1.mant x 2^23) / 2^(14 - e).
            int shift = 14 - e;
            if (shift > 24) {
                return sign; // below 2^-25, less than half the smallest subnormal
            }
            int full = mant | 0x800000;
            int m = full >>> shift;
            int rest = full & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (m & 1) != 0)) {
                m++; // may reach 0x400, which is exactly the smallest normal's encoding
            }
            return sign | m;
        }
        int h = sign | (e << 10) | (mant >>> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (h & 1) != 0)) {
            h++; // a carry runs into the exponent; from 0x7BFF it gives 0x7C00, infinity, as it should
        }
        return h;
    }

    /** The exact float value of fp16 bits (the low 16 bits of {@code bits}). */
    public static float fp16ToFloat(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // exact: mant has at most 10 bits
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 127 - 15) << 23) | (mant << 13));
    }

    /** bf16 bits (low 16 bits of the result) of the bf16 value nearest to {@code value}. */
    public static int toBf16Bits(float value) {
        int f = Float.floatToRawIntBits(value);
        if ((f & 0x7FFFFFFF) > 0x7F800000) {
            int h = f >>> 16;
            return (h & 0x7F) == 0 ? h | 0x40 : h; // keep NaN a NaN even when its payload sat in the dropped bits
        }
        // Adding 0x7FFF plus the kept lowest bit rounds to nearest, ties to even; a carry may reach infinity.
        int lsb = (f >>> 16) & 1;
        return (f + 0x7FFF + lsb) >>> 16;
    }

    /** The exact float value of bf16 bits: they are the upper half of a float. */
    public static float bf16ToFloat(int bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }
}
