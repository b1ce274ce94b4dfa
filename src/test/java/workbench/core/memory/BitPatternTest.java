package workbench.core.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BitPatternTest {

    @Test
    void pointOneInThreeFormats() {
        WeightBits w = WeightBits.parse("0.1");
        assertEquals(0.1, w.reference());

        BitPattern fp32 = w.fp32();
        assertEquals(0x3DCCCCCD, fp32.bits());
        assertEquals(0, fp32.sign());
        assertEquals(123, fp32.exponentField());
        assertEquals(-4, fp32.unbiasedExponent());
        assertEquals(0x4CCCCD, fp32.mantissaField());
        assertEquals(0.100000001490116119384765625, fp32.value());
        assertEquals(0.100000001490116119384765625 - 0.1, fp32.error().getAsDouble());
        assertEquals("00111101110011001100110011001101", fp32.bitString());

        BitPattern fp16 = w.fp16();
        assertEquals(0x2E66, fp16.bits());
        assertEquals("0x2E66", fp16.hex());
        assertEquals(11, fp16.exponentField());
        assertEquals(0x266, fp16.mantissaField());
        assertEquals(0.0999755859375, fp16.value());
        assertEquals(0.0999755859375 - 0.1, fp16.error().getAsDouble());
        assertEquals(2.44140625e-4, fp16.relativeError().getAsDouble(), 1e-15);

        assertEquals(0x1p-14, fp16.spacing().getAsDouble()); // exponent -4, 10 mantissa bits
        assertEquals(1 + 0x266 / 1024.0, fp16.significand()); // 1.599609375 x 2^-4 = 0.0999755859375
        assertEquals(fp16.value(), fp16.significand() * 0x1p-4);
        assertTrue(Math.abs(fp16.error().getAsDouble()) <= fp16.spacing().getAsDouble() / 2);
        assertEquals(0x1p-27, fp32.spacing().getAsDouble());

        BitPattern bf16 = w.bf16();
        assertEquals(0x3DCD, bf16.bits());
        assertEquals(0.10009765625, bf16.value());
        assertEquals(BitPattern.Kind.NORMAL, bf16.kind());
    }

    @Test
    void overflowUnderflowAndSubnormals() {
        WeightBits big = WeightBits.parse("65520");
        assertEquals(BitPattern.Kind.NORMAL, big.fp32().kind());
        assertEquals(BitPattern.Kind.INFINITE, big.fp16().kind());
        assertTrue(big.fp16().overflowed());
        assertTrue(big.fp16().error().isEmpty());
        assertEquals(65536.0, big.bf16().value()); // bf16 has range to spare but only 8 significant bits

        WeightBits tiny = WeightBits.parse("1e-8");
        assertTrue(tiny.fp16().underflowed());
        assertEquals(BitPattern.Kind.ZERO, tiny.fp16().kind());
        assertEquals(-1e-8, tiny.fp16().error().getAsDouble());
        assertEquals(BitPattern.Kind.NORMAL, tiny.bf16().kind());

        WeightBits sub = WeightBits.parse("1e-6");
        assertEquals(BitPattern.Kind.SUBNORMAL, sub.fp16().kind());
        assertEquals(-14, sub.fp16().unbiasedExponent());
        assertEquals(17, sub.fp16().mantissaField()); // 1e-6 / 2^-24 = 16.78 -> 17
        assertEquals(0x1p-24, sub.fp16().spacing().getAsDouble());
        assertTrue(big.fp16().spacing().isEmpty());
    }

    @Test
    void specialValues() {
        WeightBits nan = WeightBits.parse("nan");
        for (BitPattern p : nan.all()) {
            assertEquals(BitPattern.Kind.NAN, p.kind(), p.format().label());
            assertTrue(p.error().isEmpty());
        }
        WeightBits inf = WeightBits.parse("-inf");
        assertEquals(0xFC00, inf.fp16().bits());
        assertEquals(1, inf.bf16().sign());
        assertFalse(inf.fp16().overflowed()); // it was infinite to begin with
        assertEquals(0x8000, WeightBits.parse("-0").fp16().bits());
    }

    @Test
    void fp32IsRoundedFromTheDecimal() {
        // Just above the tie 1 + 2^-24: the nearest float is 1 + 2^-23. Through a double it would first
        // become the tie itself and then round to even, 1.0 - a double-rounding error avoided here.
        String text = "1.000000059604644775390625001";
        assertEquals(1.0f, (float) Double.parseDouble(text));
        assertEquals(1 + 0x1p-23, WeightBits.parse(text).fp32().value());
    }

    @Test
    void numberText() {
        assertEquals("0.1000000015", NumberText.significant(0.100000001490116119384765625, 10));
        assertEquals("0.0999755859375", NumberText.significant(0.0999755859375, 12));
        assertEquals("1.49e-9", NumberText.significant(1.4901161193847656e-9, 3));
        assertEquals("-2.44e-5", NumberText.significant(-2.44140625e-5, 3));
        assertEquals("65504", NumberText.significant(65504, 6));
        assertEquals("3.4e38", NumberText.significant(3.4028234663852886e38, 2));
        assertEquals("1e-45", NumberText.significant(1.401298464324817e-45, 1));
        assertEquals("∞", NumberText.significant(Double.POSITIVE_INFINITY, 3));
        assertEquals("+1.5", NumberText.signed(1.5, 3));
    }

    @Test
    void badTextGivesAMessage() {
        for (String bad : new String[]{"", "abc", "0,1", "1e", "--1", "0x10", "1.5f", "١", "x".repeat(100)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightBits.parse(bad), bad);
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void aModelWeightIsItsOwnReference() {
        WeightBits w = WeightBits.of(-0.0123f);
        assertEquals(0.0, w.fp32().error().getAsDouble());
        assertEquals(FloatFormat.FP16.roundTrip(-0.0123f) - (double) -0.0123f, w.fp16().error().getAsDouble());
    }
}
