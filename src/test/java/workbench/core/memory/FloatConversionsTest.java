package workbench.core.memory;

import org.junit.jupiter.api.Test;
import workbench.core.tensor.Rng;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FloatConversionsTest {

    @Test
    void fp16KnownValues() {
        assertEquals(0x3C00, FloatConversions.toFp16Bits(1.0f));
        assertEquals(0xBC00, FloatConversions.toFp16Bits(-1.0f));
        assertEquals(0x0000, FloatConversions.toFp16Bits(0.0f));
        assertEquals(0x8000, FloatConversions.toFp16Bits(-0.0f));
        assertEquals(0x4000, FloatConversions.toFp16Bits(2.0f));
        assertEquals(0x3555, FloatConversions.toFp16Bits(1f / 3)); // 0.333251953125
        assertEquals(0x2E66, FloatConversions.toFp16Bits(0.1f));   // 0.0999755859375
        assertEquals(0x7BFF, FloatConversions.toFp16Bits(65504f)); // largest finite
        assertEquals(0x7BFF, FloatConversions.toFp16Bits(65519.996f)); // just under the tie still rounds down
        assertEquals(0x7C00, FloatConversions.toFp16Bits(65520f)); // tie between 65504 (odd) and 2^16: to even = infinity
        assertEquals(0x7C00, FloatConversions.toFp16Bits(1e10f));
        assertEquals(0xFC00, FloatConversions.toFp16Bits(Float.NEGATIVE_INFINITY));
        assertEquals(0x0400, FloatConversions.toFp16Bits(0x1p-14f)); // smallest normal
        assertEquals(0x03FF, FloatConversions.toFp16Bits(0x1.ff8p-15f)); // largest subnormal, 1023 x 2^-24
        assertEquals(0x0001, FloatConversions.toFp16Bits(0x1p-24f)); // smallest subnormal
        assertEquals(0x0000, FloatConversions.toFp16Bits(0x1p-25f)); // tie between 0 (even) and 2^-24: zero
        assertEquals(0x0001, FloatConversions.toFp16Bits(0x1.8p-25f)); // above the tie
        assertEquals(0x0003, FloatConversions.toFp16Bits(0x1.8p-23f)); // 1.5 x 2^-23 = 3 x 2^-24 exactly
        assertEquals(0x0002, FloatConversions.toFp16Bits(0x1.4p-23f)); // 2.5 x 2^-24: a subnormal tie, to the even 2
        assertEquals(0x8001, FloatConversions.toFp16Bits(-0x1p-24f));
        assertEquals(0x0000, FloatConversions.toFp16Bits(Float.MIN_VALUE));
        assertEquals(0x0400, FloatConversions.toFp16Bits(0x1.ffcp-15f)); // 1023.5 x 2^-24 rounds up into the normals
    }

    @Test
    void fp16TiesGoToEven() {
        // Between 1 (0x3C00) and 1 + 2^-10 (0x3C01): 1 + 2^-11 is a tie and goes to the even 0x3C00.
        assertEquals(0x3C00, FloatConversions.toFp16Bits(1 + 0x1p-11f));
        // Between 0x3C01 and 0x3C02: 1 + 3·2^-11 goes up to the even 0x3C02.
        assertEquals(0x3C02, FloatConversions.toFp16Bits(1 + 3 * 0x1p-11f));
        // Just above a tie rounds up.
        assertEquals(0x3C01, FloatConversions.toFp16Bits(Math.nextUp(1 + 0x1p-11f)));
    }

    @Test
    void fp16Decodes() {
        assertEquals(1.0f, FloatConversions.fp16ToFloat(0x3C00));
        assertEquals(65504f, FloatConversions.fp16ToFloat(0x7BFF));
        assertEquals(0x1p-24f, FloatConversions.fp16ToFloat(0x0001));
        assertEquals(0x1p-14f, FloatConversions.fp16ToFloat(0x0400));
        assertEquals(0.0999755859375f, FloatConversions.fp16ToFloat(0x2E66));
        assertEquals(Float.POSITIVE_INFINITY, FloatConversions.fp16ToFloat(0x7C00));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(FloatConversions.fp16ToFloat(0x8000)));
        assertTrue(Float.isNaN(FloatConversions.fp16ToFloat(0x7E00)));
    }

    @Test
    void nanStaysNan() {
        assertEquals(0x7E00, FloatConversions.toFp16Bits(Float.NaN)); // Java's canonical NaN 0x7FC00000
        // A NaN whose payload sits only in the low 13 bits would truncate to infinity; it must stay NaN.
        float lowPayload = Float.intBitsToFloat(0x7F800001);
        assertTrue(Float.isNaN(FloatConversions.fp16ToFloat(FloatConversions.toFp16Bits(lowPayload))));
        assertTrue(Float.isNaN(FloatConversions.bf16ToFloat(FloatConversions.toBf16Bits(lowPayload))));
        assertEquals(0x7FC0, FloatConversions.toBf16Bits(Float.NaN));
        assertEquals(0xFFC0, FloatConversions.toBf16Bits(Float.intBitsToFloat(0xFFC00000)));
    }

    @Test
    void bf16KnownValues() {
        assertEquals(0x3F80, FloatConversions.toBf16Bits(1.0f));
        assertEquals(0x3DCD, FloatConversions.toBf16Bits(0.1f)); // 0x3DCCCCCD: dropped half 0xCCCD > 0x8000, round up
        assertEquals(0x7F7F, FloatConversions.toBf16Bits(0x1.fep127f)); // largest finite bf16
        assertEquals(0x7F80, FloatConversions.toBf16Bits(Float.MAX_VALUE)); // rounds past the largest bf16: infinity
        assertEquals(0x0001, FloatConversions.toBf16Bits(0x1p-133f)); // smallest bf16 subnormal
        assertEquals(0x0000, FloatConversions.toBf16Bits(0x1p-134f)); // tie with zero: to even
        assertEquals(0x8000, FloatConversions.toBf16Bits(-0.0f));
        assertEquals(0x4049, FloatConversions.toBf16Bits((float) Math.PI)); // 0x40490FDB -> 3.140625
    }

    @Test
    void bf16TiesGoToEven() {
        assertEquals(0x3F80, FloatConversions.toBf16Bits(Float.intBitsToFloat(0x3F808000))); // 1 + 2^-8, tie, even below
        assertEquals(0x3F82, FloatConversions.toBf16Bits(Float.intBitsToFloat(0x3F818000))); // tie, even above
        assertEquals(0x3F81, FloatConversions.toBf16Bits(Float.intBitsToFloat(0x3F808001))); // just above the tie
        assertEquals(0x3F80, FloatConversions.toBf16Bits(Float.intBitsToFloat(0x3F807FFF))); // just below
    }

    @Test
    void everySixteenBitPatternRoundTrips() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            assertEquals(bits, FloatConversions.toFp16Bits(FloatConversions.fp16ToFloat(bits)), () -> "fp16 pattern");
            assertEquals(bits, FloatConversions.toBf16Bits(FloatConversions.bf16ToFloat(bits)), () -> "bf16 pattern");
        }
    }

    @Test
    void fp16IsTheNearestValueForRandomFloats() {
        // Oracle: every non-negative finite fp16 value, ascending with its bit pattern.
        double[] values = new double[0x7C00];
        for (int b = 0; b < values.length; b++) {
            values[b] = FloatConversions.fp16ToFloat(b);
        }
        Rng rng = new Rng(7);
        for (int i = 0; i < 200_000; i++) {
            // Random exponents from 2^-27 to 2^17, random mantissa and sign.
            int exp = 127 - 27 + rng.nextInt(45);
            int mant = rng.nextInt(1 << 23);
            float x = Float.intBitsToFloat((rng.nextInt(2) << 31) | (exp << 23) | mant);
            assertEquals(nearestFp16(values, x), FloatConversions.toFp16Bits(x), () -> "for " + x);
        }
    }

    @Test
    void bf16IsTheNearestValueForRandomFloats() {
        Rng rng = new Rng(11);
        for (int i = 0; i < 200_000; i++) {
            int f = (int) rng.nextLong();
            float x = Float.intBitsToFloat(f);
            if (Float.isNaN(x) || Float.isInfinite(x)) {
                continue;
            }
            int down = f >>> 16; // truncation, toward zero
            double below = FloatConversions.bf16ToFloat(down);
            double above = FloatConversions.bf16ToFloat(down + 1); // away from zero (may be infinity)
            double distBelow = Math.abs(x - below);
            double distAbove = Math.abs(above - x);
            int expected;
            if (Double.isInfinite(above) && !Double.isInfinite(below)) {
                // Overflow threshold: halfway to 2^128 as if the exponent went on.
                double virtualAbove = Math.copySign(0x1p128, x);
                distAbove = Math.abs(virtualAbove - x);
            }
            if (distBelow < distAbove) {
                expected = down;
            } else if (distAbove < distBelow) {
                expected = down + 1;
            } else {
                expected = (down & 1) == 0 ? down : down + 1;
            }
            assertEquals(expected & 0xFFFF, FloatConversions.toBf16Bits(x), "for bits " + Integer.toHexString(f));
        }
    }

    @Test
    void roundTripOfAMatrix() {
        float[][] w = {{0.1f, -2.5f, 70000f}, {1e-8f, 3.14159f, -0.0f}};
        float[][] fp16 = FloatFormat.FP16.roundTrip(w);
        assertEquals(0.0999755859375f, fp16[0][0]);
        assertEquals(-2.5f, fp16[0][1]);
        assertEquals(Float.POSITIVE_INFINITY, fp16[0][2]);
        assertEquals(0f, fp16[1][0]);
        assertEquals(3.140625f, fp16[1][1]); // 0x4248
        float[][] bf16 = FloatFormat.BF16.roundTrip(w);
        assertEquals(0.10009765625f, bf16[0][0]);
        assertEquals(70144f, bf16[0][2]); // 70000 = 0x4788B800 -> 0x4789 = 70144
        assertEquals(3.140625f, bf16[1][1]);
        assertTrue(Arrays.equals(new float[]{0.1f, -2.5f, 70000f}, w[0]), "the input is not changed");
    }

    /** Nearest fp16 by search over all values; ties to the even pattern; beyond 65520 infinity. */
    private static int nearestFp16(double[] values, float x) {
        int sign = x < 0 || (x == 0 && 1 / x < 0) ? 0x8000 : 0;
        double a = Math.abs((double) x);
        if (a >= 65520) {
            return sign | 0x7C00;
        }
        int i = Arrays.binarySearch(values, a);
        if (i >= 0) {
            return sign | i;
        }
        int hi = -i - 1;
        int lo = hi - 1;
        if (hi == values.length) {
            return sign | lo; // between 65504 and the overflow threshold 65520
        }
        double dl = a - values[lo];
        double dh = values[hi] - a;
        int pick = dl < dh ? lo : dh < dl ? hi : ((lo & 1) == 0 ? lo : hi);
        return sign | pick;
    }
}
