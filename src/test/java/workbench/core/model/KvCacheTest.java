package workbench.core.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding token by token with the cache gives the logits of a full forward pass. */
class KvCacheTest {

    private static final int[] TOKENS = {2, 7, 1, 8, 2, 8, 1, 8, 2, 8};

    @ParameterizedTest
    @EnumSource(PositionalKind.class)
    void decodingMatchesTheFullForwardPass(PositionalKind positional) {
        for (int kv : new int[]{4, 2, 1}) {
            MiniTransformer model = new MiniTransformer(new TransformerConfig(10, 12, 32, 2, 4, kv, 64, positional,
                    MaskKind.CAUSAL, kv != 2, 4));
            float[][] full = model.logits(TOKENS);
            KvCache cache = model.newCache();
            float[] logits = model.prefill(cache, Arrays.copyOf(TOKENS, 4));
            assertArrayEquals(full[3], logits, 1e-4f);
            for (int i = 4; i < TOKENS.length; i++) {
                logits = model.decode(cache, TOKENS[i]);
                assertArrayEquals(full[i], logits, 1e-4f, positional + " kv " + kv + " position " + i);
            }
            assertEquals(TOKENS.length, cache.length());
        }
    }

    @Test
    void cacheBytesFollowTheFormulaAndShrinkWithFewerKeyValueHeads() {
        MiniTransformer mha = new MiniTransformer(new TransformerConfig(10, 12, 32, 2, 4, 4, 64,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 4));
        MiniTransformer gqa = new MiniTransformer(mha.config().withKvHeads(2));
        KvCache a = mha.newCache();
        KvCache b = gqa.newCache();
        mha.prefill(a, TOKENS);
        gqa.prefill(b, TOKENS);
        // 2 (K, V) x 2 layers x 4 heads x 10 tokens x 8 (head size) x 4 bytes
        assertEquals(2L * 2 * 4 * 10 * 8 * 4, a.bytes());
        assertEquals(a.bytes() / 2, b.bytes());
        assertEquals(2L * 2 * 4 * 10 * 8 * 2, a.bytes(2));
    }

    @Test
    void aFullCacheRefusesMoreTokens() {
        MiniTransformer model = new MiniTransformer(new TransformerConfig(10, 4, 16, 1, 2, 2, 32,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 4));
        KvCache cache = model.newCache();
        model.prefill(cache, new int[]{1, 2, 3, 4});
        assertTrue(cache.isFull());
        assertThrows(IllegalStateException.class, () -> model.decode(cache, 5));
    }

    @Test
    void cachedDecodingAnswersLikeTheModelAcrossTheSlidingWindow() {
        MiniTransformer model = new MiniTransformer(new TransformerConfig(10, 6, 16, 1, 2, 1, 32,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 4));
        CachedDecoding decoding = new CachedDecoding(model);
        int[] text = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        for (int n = 1; n <= text.length; n++) {
            int[] context = Arrays.copyOf(text, n);
            assertArrayEquals(model.nextLogits(context), decoding.nextLogits(context), 1e-4f, "context " + n);
            assertEquals(Math.min(n, 6), decoding.cache().length());
        }
    }
}
