package workbench.core.attention;

import org.junit.jupiter.api.Test;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.LayerTrace;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryWalkTest {

    private static final int[] PROMPT = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};

    /**
     * The three-token case of NaiveAttentionTest as a one-head layer, query 2: dots (1, 2, 2),
     * scores / sqrt 2, row max 1.414214, exp(score - max) = (0.493069, 1, 1), sum 2.493069,
     * weights (0.197776, 0.401112, 0.401112), output (0.598888, 0.802224); W_O is the identity.
     */
    @Test
    void handComputedQueryWalk() {
        float[][] q = {{1, 0}, {0, 1}, {1, 1}};
        float[][] k = {{1, 0}, {0, 2}, {1, 1}};
        float[][] v = {{1, 0}, {0, 1}, {1, 1}};
        float[][] w = {{1, 0, 0}, {0.195570f, 0.804430f, 0}, {0.197776f, 0.401112f, 0.401112f}};
        float[][] out = {{1, 0}, {0.195570f, 0.804430f}, {0.598888f, 0.802224f}};
        LayerTrace layer = new LayerTrace(0, null, null, new float[][][]{q}, new float[][][]{k},
                new float[][][]{v}, null, workbench.core.attention.NaiveAttention.causalMask(3),
                new float[][][]{w}, new float[][][]{out}, out, null, null, null, null, null);
        QueryWalk walk = QueryWalk.of(layer, 0, 2, new float[][]{{1, 0}, {0, 1}}, false);
        assertEquals(1 / Math.sqrt(2), walk.scale(), 1e-12);
        assertArrayEquals(new float[]{1, 2, 2}, walk.dots(), 1e-6f);
        assertEquals(1.414214f, walk.rowMax(), 1e-5f);
        assertArrayEquals(new float[]{-0.707107f, 0, 0}, walk.shifted(), 1e-5f);
        assertArrayEquals(new float[]{0.493069f, 1, 1}, walk.exps(), 1e-5f);
        assertEquals(2.493069f, walk.rowSum(), 1e-5f);
        assertArrayEquals(new float[]{0.598888f, 0.802224f}, walk.output(), 1e-6f);
        assertArrayEquals(walk.headOutput(), walk.concat(), 0f, "one head: the concatenation is its output");

        QueryWalk row1 = QueryWalk.of(layer, 0, 1, new float[][]{{1, 0}, {0, 1}}, false);
        assertFalse(row1.allowed()[2]);
        assertEquals(Float.NEGATIVE_INFINITY, row1.shifted()[2]);
        assertEquals(0f, row1.exps()[2]);
        assertEquals(0f, row1.weights()[2]);
    }

    @Test
    void theWalkAgreesWithTheModelsOwnTraceForEveryHeadAndQuery() {
        TransformerConfig config = new TransformerConfig(12, 16, 32, 2, 4, 2, 64, PositionalKind.LEARNED,
                MaskKind.CAUSAL, true, 11);
        MiniTransformer model = new MiniTransformer(config);
        for (ForwardOptions options : new ForwardOptions[]{ForwardOptions.NONE,
                ForwardOptions.NONE.withMask(MaskKind.BIDIRECTIONAL),
                ForwardOptions.NONE.withMaskedKeys(Set.of(0, 4)),
                ForwardOptions.NONE.withDisabledHeads(Set.of(new ForwardOptions.HeadRef(1, 3)))}) {
            ForwardTrace trace = model.trace(PROMPT, options);
            for (LayerTrace layer : trace.layers()) {
                float[][] wo = QueryWalk.outputProjection(model, layer.index());
                assertEquals(config.dModel(), wo.length);
                for (int h = 0; h < config.heads(); h++) {
                    for (int i = 0; i < PROMPT.length; i++) {
                        boolean off = options.disabledHeads().contains(new ForwardOptions.HeadRef(layer.index(), h));
                        check(QueryWalk.of(layer, h, i, wo, off), layer, h, i);
                    }
                }
            }
        }
    }

    private static void check(QueryWalk walk, LayerTrace layer, int h, int i) {
        assertEquals(h / 2, walk.kvHead(), "two query heads share each key/value head");
        assertArrayEquals(layer.weights()[h][i], walk.weights(), 0f, "weights are the trace's own");
        assertArrayEquals(layer.scores()[h][i], walk.scores(), 1e-5f, "oracle scores equal the trace's");
        assertArrayEquals(layer.weights()[h][i], walk.everyQuery().weights()[i], 1e-6f, "oracle weights equal the trace's");
        assertArrayEquals(layer.queries()[h][i], walk.queries()[i], 0f);
        double sumWeights = 0;
        for (int j = 0; j < walk.length(); j++) {
            assertEquals(walk.dots()[j] * walk.scale(), walk.scores()[j], 1e-5);
            if (walk.allowed()[j]) {
                assertEquals(Math.exp(walk.shifted()[j]), walk.exps()[j], 1e-6);
                assertEquals(walk.exps()[j] / walk.rowSum(), walk.weights()[j], 1e-6,
                        "exp(score - max) / sum is the trace's weight");
                assertTrue(walk.shifted()[j] <= 0, "after subtracting the max no score is positive");
            } else {
                assertEquals(0f, walk.weights()[j], "masked entries are 0");
                assertEquals(0f, walk.exps()[j]);
            }
            sumWeights += walk.weights()[j];
        }
        if (walk.fullyMasked()) {
            assertEquals(0, sumWeights, 0);
        } else {
            assertEquals(1, sumWeights, 1e-5, "softmax rows sum to 1");
        }
        float[] weighted = new float[walk.headSize()];
        for (int j = 0; j < walk.length(); j++) {
            for (int c = 0; c < weighted.length; c++) {
                weighted[c] += walk.weights()[j] * walk.values()[j][c];
            }
        }
        assertArrayEquals(weighted, walk.weightedValues(), 1e-5f, "Σ_j w_j v_j");
        assertArrayEquals(walk.switchedOff() ? new float[weighted.length] : weighted, walk.headOutput(), 1e-5f,
                "the head passes on Σ_j w_j v_j, or zeros when switched off");
        float[] projected = new float[walk.output().length];
        for (int r = 0; r < walk.concat().length; r++) {
            for (int c = 0; c < projected.length; c++) {
                projected[c] += walk.concat()[r] * walk.outputProjection()[r][c];
            }
        }
        assertArrayEquals(projected, walk.output(), 1e-4f, "attention output = concat x W_O");
    }

    @Test
    void outOfRangeHeadsAndQueriesAreClearErrors() {
        MiniTransformer model = new MiniTransformer(new TransformerConfig(12, 16, 32, 1, 4, 4, 64,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 1));
        LayerTrace layer = model.trace(PROMPT, ForwardOptions.NONE).layers().get(0);
        float[][] wo = QueryWalk.outputProjection(model, 0);
        assertThrows(IllegalArgumentException.class, () -> QueryWalk.of(layer, 4, 0, wo, false));
        assertThrows(IllegalArgumentException.class, () -> QueryWalk.of(layer, 0, PROMPT.length, wo, false));
    }
}
