package workbench.core.gqa;

import org.junit.jupiter.api.Test;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.tensor.Arrays2D;
import workbench.core.trace.LayerTrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KvHeadConversionTest {

    private static final int[] TOKENS = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};

    /** 2 layers, 4 heads of size 8, random weights (seeded). */
    private static MiniTransformer mha(PositionalKind positional) {
        return new MiniTransformer(new TransformerConfig(12, 16, 32, 2, 4, 4, 64, positional, MaskKind.CAUSAL,
                true, 11));
    }

    @Test
    void asManyGroupsAsHeadsGivesTheOriginalModelExactly() {
        MiniTransformer original = mha(PositionalKind.LEARNED);
        MiniTransformer same = KvHeadConversion.meanPool(original, 4);
        assertEquals(original.config(), same.config());
        assertArrayEquals(original.parameters().flat().toFloatVector(), same.parameters().flat().toFloatVector());
        float[][] a = original.logits(TOKENS);
        float[][] b = same.logits(TOKENS);
        for (int t = 0; t < a.length; t++) {
            assertArrayEquals(a[t], b[t], 0f, "position " + t);
        }
    }

    @Test
    void pooledProjectionsAreTheMeansOfEachGroupsColumns() {
        MiniTransformer original = mha(PositionalKind.LEARNED);
        MiniTransformer gqa = KvHeadConversion.meanPool(original, 2);
        assertEquals(2, gqa.config().kvHeads());
        int hs = original.config().headSize();
        for (String tensor : new String[]{"h1.attn.wk", "h1.attn.wv"}) {
            float[][] w = Arrays2D.toFloat2D(original.parameters().get(tensor)); // (32, 4 * 8)
            float[][] p = Arrays2D.toFloat2D(gqa.parameters().get(tensor));      // (32, 2 * 8)
            assertEquals(2 * hs, p[0].length);
            for (int r = 0; r < w.length; r++) {
                for (int c = 0; c < hs; c++) {
                    assertEquals((w[r][c] + w[r][hs + c]) / 2, p[r][c], 1e-7, tensor + " group 0");
                    assertEquals((w[r][2 * hs + c] + w[r][3 * hs + c]) / 2, p[r][hs + c], 1e-7, tensor + " group 1");
                }
            }
        }
        // Every other tensor is copied unchanged.
        for (String name : original.parameters().names()) {
            if (!KvHeadConversion.isPooled(name)) {
                assertArrayEquals(original.parameters().get(name).dup().data().asFloat(),
                        gqa.parameters().get(name).dup().data().asFloat(), 0f, name);
            }
        }
    }

    @Test
    void theConvertedKeysAndValuesAreTheGroupMeansOfTheOriginalOnes() {
        // In the first layer both models read the same normalised input, and K = x·Wk is linear in Wk,
        // so each pooled head's keys and values are the mean of its group's; RoPE rotates every head
        // alike, so the same holds after it.
        for (PositionalKind positional : new PositionalKind[]{PositionalKind.LEARNED, PositionalKind.ROPE}) {
            MiniTransformer original = mha(positional);
            LayerTrace before = original.trace(TOKENS, ForwardOptions.NONE).layers().get(0);
            for (int groups : new int[]{2, 1}) {
                LayerTrace after = KvHeadConversion.meanPool(original, groups).trace(TOKENS, ForwardOptions.NONE)
                        .layers().get(0);
                assertEquals(groups, after.kvHeads());
                int size = 4 / groups;
                for (int g = 0; g < groups; g++) {
                    for (int t = 0; t < TOKENS.length; t++) {
                        for (int c = 0; c < 8; c++) {
                            double k = 0;
                            double v = 0;
                            for (int h = g * size; h < (g + 1) * size; h++) {
                                k += before.keys()[h][t][c];
                                v += before.values()[h][t][c];
                            }
                            String where = positional + " groups " + groups + " head " + g + " token " + t;
                            assertEquals(k / size, after.keys()[g][t][c], 1e-5, "keys, " + where);
                            assertEquals(v / size, after.values()[g][t][c], 1e-5, "values, " + where);
                        }
                    }
                }
                // The queries are untouched.
                assertEquals(0, Arrays2D.maxAbsDiff(before.queries()[3], after.queries()[3]), 1e-6);
            }
        }
    }

    @Test
    void leavesTheSourceUnchangedAndRefusesACountThatDoesNotDivide() {
        MiniTransformer original = mha(PositionalKind.LEARNED);
        float[] weights = original.parameters().flat().toFloatVector();
        MiniTransformer mqa = KvHeadConversion.meanPool(original, 1);
        assertArrayEquals(weights, original.parameters().flat().toFloatVector());
        assertEquals("MQA", mqa.config().attentionKind());
        assertTrue(mqa.parameters().count() < original.parameters().count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KvHeadConversion.meanPool(original, 3));
        assertTrue(e.getMessage().contains("divides 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KvHeadConversion.meanPool(original, 0));
        // A GQA model can be pooled further, but never back up.
        assertEquals(1, KvHeadConversion.meanPool(KvHeadConversion.meanPool(original, 2), 1).config().kvHeads());
        assertThrows(IllegalArgumentException.class, () -> KvHeadConversion.meanPool(mqa, 2));
        assertFalse(KvHeadConversion.isPooled("h0.attn.wq"));
    }
}
