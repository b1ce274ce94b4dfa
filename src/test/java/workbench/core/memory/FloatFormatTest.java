package workbench.core.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FloatFormatTest {

    @Test
    void fp32FactsMatchJava() {
        FloatFormat f = FloatFormat.FP32;
        assertEquals(127, f.bias());
        assertEquals(Float.MAX_VALUE, f.max());
        assertEquals(Float.MIN_NORMAL, f.minNormal());
        assertEquals(Float.MIN_VALUE, f.minSubnormal());
        assertEquals(Math.ulp(1.0f), f.epsilon());
        assertEquals(32, f.totalBits());
    }

    @Test
    void fp16Facts() {
        FloatFormat f = FloatFormat.FP16;
        assertEquals(15, f.bias());
        assertEquals(65504.0, f.max());
        assertEquals(6.103515625e-5, f.minNormal()); // 2^-14
        assertEquals(5.9604644775390625e-8, f.minSubnormal()); // 2^-24
        assertEquals(9.765625e-4, f.epsilon()); // 2^-10
        assertEquals(11 * Math.log10(2), f.decimalDigits(), 1e-12); // about 3.3 digits
    }

    @Test
    void bf16Facts() {
        FloatFormat f = FloatFormat.BF16;
        assertEquals(127, f.bias());
        assertEquals(3.3895313892515355e38, f.max()); // (2 - 2^-7) x 2^127
        assertEquals(Float.MIN_NORMAL, f.minNormal()); // same exponent range as fp32
        assertEquals(0x1p-133, f.minSubnormal());
        assertEquals(0.0078125, f.epsilon()); // 2^-7
    }

    @Test
    void factsAgreeWithTheConversions() {
        for (FloatFormat f : FloatFormat.values()) {
            int maxBits = ((f.reservedExponent() - 1) << f.mantissaBits()) | ((1 << f.mantissaBits()) - 1);
            assertEquals(f.max(), f.decode(maxBits), f.label());
            assertEquals(f.minSubnormal(), f.decode(1), f.label());
            assertEquals(f.minNormal(), f.decode(1 << f.mantissaBits()), f.label());
            assertEquals(1 + f.epsilon(), f.decode(f.encode(1f) + 1), f.label());
        }
    }
}
