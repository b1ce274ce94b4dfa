package workbench.core.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import workbench.core.attention.NaiveAttention;
import workbench.core.tensor.Arrays2D;
import workbench.core.trace.AttentionTrace;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.LayerTrace;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model's batched multi-head attention against the plain-loop oracle, head by head. */
class AttentionAgainstOracleTest {

    private static final int[] PROMPT = {3, 1, 4, 1, 5, 9, 2, 6};

    private static TransformerConfig config(int heads, int kv, PositionalKind pos) {
        return new TransformerConfig(12, 16, 32, 2, heads, kv, 64, pos, MaskKind.CAUSAL, true, 3);
    }

    @Test
    void everyHeadOfMhaEqualsNaiveAttention() {
        checkAgainstOracle(new MiniTransformer(config(4, 4, PositionalKind.LEARNED)), ForwardOptions.NONE);
    }

    @Test
    void gqaAndMqaHeadsEqualNaiveAttentionOnTheirSharedKeys() {
        checkAgainstOracle(new MiniTransformer(config(4, 2, PositionalKind.ROPE)), ForwardOptions.NONE);
        checkAgainstOracle(new MiniTransformer(config(4, 1, PositionalKind.SINUSOIDAL)), ForwardOptions.NONE);
    }

    @Test
    void bidirectionalAndMaskedTokensFollowTheOracle() {
        MiniTransformer model = new MiniTransformer(config(4, 2, PositionalKind.LEARNED));
        checkAgainstOracle(model, ForwardOptions.NONE.withMask(MaskKind.BIDIRECTIONAL));
        ForwardTrace masked = checkAgainstOracle(model, ForwardOptions.NONE.withMaskedKeys(Set.of(0, 3)));
        for (LayerTrace layer : masked.layers()) {
            for (float[][] head : layer.weights()) {
                assertArrayEquals(new float[PROMPT.length], head[0], "row 0 can see only token 0, which is hidden");
                for (float[] row : head) {
                    assertEquals(0f, row[3]);
                }
            }
        }
    }

    private ForwardTrace checkAgainstOracle(MiniTransformer model, ForwardOptions options) {
        ForwardTrace trace = model.trace(PROMPT, options);
        TransformerConfig c = model.config();
        for (LayerTrace layer : trace.layers()) {
            assertEquals(c.heads(), layer.queries().length);
            assertEquals(c.kvHeads(), layer.keys().length);
            for (int h = 0; h < c.heads(); h++) {
                int g = h / c.groupSize();
                AttentionTrace oracle = NaiveAttention.trace(layer.queries()[h], layer.keys()[g],
                        layer.values()[g], layer.allowed());
                assertTrue(Arrays2D.maxAbsDiff(oracle.scores(), layer.scores()[h]) < 1e-5, "scores");
                assertTrue(Arrays2D.maxAbsDiff(oracle.weights(), layer.weights()[h]) < 1e-5, "weights");
                assertTrue(Arrays2D.maxAbsDiff(oracle.output(), layer.headOutputs()[h]) < 1e-5, "head output");
            }
        }
        return trace;
    }

    @Test
    void queriesKeysAndValuesAreTheProjectionsOfTheNormalisedInput() {
        MiniTransformer model = new MiniTransformer(config(4, 2, PositionalKind.LEARNED));
        ForwardTrace trace = model.trace(PROMPT, ForwardOptions.NONE);
        LayerTrace layer = trace.layers().get(1);
        INDArray x = Arrays2D.fromFloat2D(layer.norm1());
        INDArray wk = model.parameters().get("h1.attn.wk");
        int hs = model.config().headSize();
        float[][] k1 = Arrays2D.toFloat2D(x.mmul(wk).get(NDArrayIndex.all(), NDArrayIndex.interval(hs, 2L * hs)));
        assertTrue(Arrays2D.maxAbsDiff(k1, layer.keys()[1]) < 1e-5);
    }

    /**
     * A GQA model whose two K/V heads are copied into the matching query-head groups of an MHA model
     * must compute exactly what the MHA model computes: grouping only shares, it changes nothing else.
     */
    @Test
    void gqaEqualsMhaWithDuplicatedKeyValueHeads() {
        MiniTransformer gqa = new MiniTransformer(config(4, 2, PositionalKind.LEARNED));
        MiniTransformer mha = new MiniTransformer(config(4, 4, PositionalKind.LEARNED));
        int hs = gqa.config().headSize();
        for (String name : mha.parameters().names()) {
            if (name.endsWith("attn.wk") || name.endsWith("attn.wv")) {
                INDArray source = gqa.parameters().get(name);
                INDArray target = mha.parameters().get(name);
                for (int h = 0; h < 4; h++) {
                    int g = h / 2;
                    target.get(NDArrayIndex.all(), NDArrayIndex.interval((long) h * hs, (long) (h + 1) * hs))
                            .assign(source.get(NDArrayIndex.all(), NDArrayIndex.interval((long) g * hs, (long) (g + 1) * hs)));
                }
            } else {
                mha.parameters().get(name).assign(gqa.parameters().get(name));
            }
        }
        float[][] a = gqa.logits(PROMPT);
        float[][] b = mha.logits(PROMPT);
        assertTrue(Arrays2D.maxAbsDiff(a, b) < 1e-5);
    }

    @Test
    void mqaSharesOneKeyValueHeadAcrossAllQueryHeads() {
        MiniTransformer mqa = new MiniTransformer(config(4, 1, PositionalKind.LEARNED));
        assertEquals(32 * 8, mqa.parameters().get("h0.attn.wk").length());
        LayerTrace layer = mqa.trace(PROMPT, ForwardOptions.NONE).layers().get(0);
        assertEquals(1, layer.keys().length);
        assertEquals(4, layer.weights().length);
    }

    @Test
    void switchingAHeadOffZeroesItsOutputAndChangesTheLogits() {
        MiniTransformer model = new MiniTransformer(config(4, 4, PositionalKind.LEARNED));
        ForwardTrace before = model.trace(PROMPT, ForwardOptions.NONE);
        ForwardTrace after = model.trace(PROMPT, ForwardOptions.NONE.withDisabledHeads(
                Set.of(new ForwardOptions.HeadRef(1, 2))));
        for (float[] row : after.layers().get(1).headOutputs()[2]) {
            assertArrayEquals(new float[row.length], row);
        }
        assertTrue(Arrays2D.maxAbsDiff(before.layers().get(0).output(), after.layers().get(0).output()) == 0,
                "layers before the switched-off head are unchanged");
        assertTrue(Arrays2D.maxAbsDiff(before.logits(), after.logits()) > 1e-6);
        // The attention output equals the concatenation of head outputs times Wo, with head 2 left out.
        LayerTrace layer = after.layers().get(1);
        int hs = model.config().headSize();
        float[][] concat = new float[PROMPT.length][4 * hs];
        for (int h = 0; h < 4; h++) {
            for (int t = 0; t < PROMPT.length; t++) {
                System.arraycopy(layer.headOutputs()[h][t], 0, concat[t], h * hs, hs);
            }
        }
        float[][] expected = Arrays2D.toFloat2D(Arrays2D.fromFloat2D(concat).mmul(model.parameters().get("h1.attn.wo")));
        assertTrue(Arrays2D.maxAbsDiff(expected, layer.attentionOutput()) < 1e-5);
    }

    @Test
    void probabilitiesSumToOneAndTraceMatchesLogits() {
        MiniTransformer model = new MiniTransformer(config(4, 4, PositionalKind.LEARNED));
        ForwardTrace trace = model.trace(PROMPT, ForwardOptions.NONE);
        for (float[] row : trace.probabilities()) {
            double sum = 0;
            for (float p : row) {
                sum += p;
            }
            assertEquals(1.0, sum, 1e-5);
        }
        assertTrue(Arrays2D.maxAbsDiff(trace.logits(), model.logits(PROMPT)) < 1e-6);
        assertArrayEquals(model.nextLogits(PROMPT), trace.logits()[PROMPT.length - 1], 1e-6f);
        assertEquals(Optional.empty(), ForwardOptions.NONE.maskOverride());
    }
}
