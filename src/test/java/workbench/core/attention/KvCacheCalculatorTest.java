package workbench.core.attention;

import org.junit.jupiter.api.Test;
import workbench.core.attention.KvCacheCalculator.Shape;
import workbench.core.attention.KvCacheCalculator.ValueType;
import workbench.core.catalog.PublishedModels;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KvCacheCalculatorTest {

    @Test
    void llama2With70BillionParametersByHand() {
        Shape llama = Shape.of(PublishedModels.find("Llama-2-70B").orElseThrow());
        // Llama-2-70B: 80 layers, 64 query heads, 8 KV heads, head size 8192 / 64 = 128.
        assertEquals(new Shape("Llama-2-70B", 80, 64, 8, 128), llama);
        assertEquals("GQA", llama.kind());
        // Per token at fp16: 2 (K and V) × 80 layers × 8 heads × 128 × 2 bytes = 327,680 bytes = 320 KiB.
        assertEquals(327_680L, KvCacheCalculator.bytesPerToken(llama, ValueType.FP16));
        assertEquals(655_360L, KvCacheCalculator.bytesPerToken(llama, ValueType.FP32));
        assertEquals(163_840L, KvCacheCalculator.bytesPerToken(llama, ValueType.INT8));
        // Its full 4,096-token context: 327,680 × 4,096 = 1,342,177,280 bytes = 1.25 GiB; a batch of 8 is 10 GiB.
        assertEquals(1_342_177_280L, KvCacheCalculator.bytes(llama, ValueType.FP16, 4096, 1));
        assertEquals(10_737_418_240L, KvCacheCalculator.bytes(llama, ValueType.FP16, 4096, 8));
        // Had it kept MHA (64 KV heads) the cache would be 8× larger: 2 × 80 × 64 × 128 × 2 = 2,621,440 per token,
        // and with MQA (1 KV head) 8× smaller: 2 × 80 × 1 × 128 × 2 = 40,960 per token.
        assertEquals(2_621_440L, KvCacheCalculator.bytesPerToken(llama.withKvHeads(64), ValueType.FP16));
        assertEquals("MHA", llama.withKvHeads(64).kind());
        assertEquals(40_960L, KvCacheCalculator.bytesPerToken(llama.withKvHeads(1), ValueType.FP16));
        assertEquals("MQA", llama.withKvHeads(1).kind());
    }

    @Test
    void llama2With7BillionParametersIsMha() {
        Shape llama = Shape.of(PublishedModels.find("Llama-2-7B").orElseThrow());
        // 2 × 32 layers × 32 heads × 128 × 2 bytes = 524,288 bytes = 512 KiB per token; 4,096 tokens = 2 GiB.
        assertEquals("MHA", llama.kind());
        assertEquals(524_288L, KvCacheCalculator.bytesPerToken(llama, ValueType.FP16));
        assertEquals(2_147_483_648L, KvCacheCalculator.bytes(llama, ValueType.FP16, 4096, 1));
    }

    @Test
    void validKvHeadsAreTheDivisors() {
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64), KvCacheCalculator.validKvHeads(64));
        assertEquals(List.of(1, 5, 25), KvCacheCalculator.validKvHeads(25));
    }

    @Test
    void rejectsImpossibleShapesAndOverflow() {
        assertThrows(IllegalArgumentException.class, () -> new Shape("x", 2, 6, 4, 8));
        assertThrows(IllegalArgumentException.class, () -> new Shape("x", 0, 4, 4, 8));
        Shape big = new Shape("x", 1000, 1000, 1000, 1000);
        assertThrows(IllegalArgumentException.class,
                () -> KvCacheCalculator.bytes(big, ValueType.FP32, Long.MAX_VALUE / 2, 1000));
        assertThrows(IllegalArgumentException.class, () -> KvCacheCalculator.bytes(big, ValueType.FP32, -1, 1));
    }
}
