package workbench.core.memory;

import org.junit.jupiter.api.Test;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.tensor.Arrays2D;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quantized copy on a tiny random model: layout, byte counts by hand, and what is left alone. */
class ModelQuantizerTest {

    // V 10, ctx 8, d 8, 1 layer, 2 heads, FFN 16, learned positions, tied output.
    private static final TransformerConfig TINY = new TransformerConfig(10, 8, 8, 1, 2, 2, 16,
            PositionalKind.LEARNED, MaskKind.CAUSAL, true, 5);

    @Test
    void bytesByHandForATinyModel() {
        MiniTransformer model = new MiniTransformer(TINY);
        // Matrices: tok_emb 10x8, pos_emb 8x8, wq wk wv wo 8x8 each, w1 8x16, w2 16x8 = 80+64+256+128+128 = 656.
        // 1-D: ln1.g/b, ln2.g/b, ln_f.g/b, 8 each = 48. Total 704 = the config's parameter count.
        assertEquals(704, TINY.parameterCount());
        assertEquals(704 * 4, ModelQuantizer.apply(model, WeightVariant.FP32).storedBytes());
        assertEquals(656 * 2 + 48 * 4, ModelQuantizer.apply(model, WeightVariant.FP16).storedBytes());
        assertEquals(656 * 2 + 48 * 4, ModelQuantizer.apply(model, WeightVariant.BF16).storedBytes());
        // int8 per tensor: one byte per value, one fp32 scale for each of the 8 matrices.
        assertEquals(656 + 8 * 4 + 48 * 4, ModelQuantizer.apply(model, WeightVariant.INT8_PER_TENSOR).storedBytes());
        // Per channel: tok_emb 10 rows + pos_emb 8 rows + 4 x 8 columns + w1 16 + w2 8 columns = 74 scales.
        ModelQuantizer.QuantizedModel perChannel = ModelQuantizer.apply(model, WeightVariant.INT8_PER_CHANNEL);
        assertEquals(656 + 74 * 4 + 48 * 4, perChannel.storedBytes());
        // int4: two values per byte.
        assertEquals(328 + 74 * 4 + 48 * 4, ModelQuantizer.apply(model, WeightVariant.INT4_PER_CHANNEL).storedBytes());

        TensorRoundTrip emb = perChannel.tensors().get(0);
        assertEquals("tok_emb", emb.name());
        assertEquals(Granularity.PER_ROW, emb.granularity());
        assertEquals(10, emb.scales());
        TensorRoundTrip w1 = perChannel.tensors().stream().filter(t -> t.name().equals("h0.ffn.w1")).findFirst().orElseThrow();
        assertEquals(Granularity.PER_COLUMN, w1.granularity());
        assertEquals(16, w1.scales());
        assertEquals("int8", w1.storedAs());
    }

    @Test
    void oneDimensionalParametersStayExactlyAsTheyWere() {
        MiniTransformer model = new MiniTransformer(TINY);
        model.parameters().get("h0.ln1.g").assign(1.0001); // not representable in bf16 or int8 with its neighbours
        ModelQuantizer.QuantizedModel q = ModelQuantizer.apply(model, WeightVariant.INT4_PER_TENSOR);
        assertNotSame(model, q.model());
        for (TensorRoundTrip t : q.tensors()) {
            if (!t.matrix()) {
                assertArrayEquals(Arrays2D.toFloat1D(model.parameters().get(t.name())),
                        Arrays2D.toFloat1D(q.model().parameters().get(t.name())), 0f, t.name());
                assertEquals("fp32", t.storedAs());
                assertNull(t.granularity());
                assertEquals(0, t.error().maxAbs());
            }
        }
        // The original is untouched: it still holds its own values.
        assertEquals(1.0001f, model.parameters().get("h0.ln1.g").getFloat(0), 0f);
    }

    @Test
    void theCopyHoldsTheStoredValues() {
        MiniTransformer model = new MiniTransformer(TINY);
        float[][] wq = Arrays2D.toFloat2D(model.parameters().get("h0.attn.wq"));
        ModelQuantizer.QuantizedModel q = ModelQuantizer.apply(model, WeightVariant.INT8_PER_TENSOR);
        QuantizedMatrix expected = AbsmaxQuantizer.quantize(wq, 8, Granularity.PER_TENSOR);
        float[][] held = Arrays2D.toFloat2D(q.model().parameters().get("h0.attn.wq"));
        for (int r = 0; r < wq.length; r++) {
            assertArrayEquals(expected.dequantize()[r], held[r], 0f);
        }
        // Every tensor of the copy holds what the record says it stored (the copy is written in one piece).
        ModelWeights copy = ModelWeights.of(q.model().parameters());
        for (int i = 0; i < copy.tensors().size(); i++) {
            assertEquals(q.weights().tensors().get(i).name(), copy.tensors().get(i).name());
            assertArrayEquals(q.weights().tensors().get(i).values(), copy.tensors().get(i).values(), 0f);
        }
    }

    @Test
    void granularityOfEachVariant() {
        assertEquals(Granularity.PER_TENSOR, WeightVariant.INT8_PER_TENSOR.granularity(true));
        assertEquals(Granularity.PER_ROW, WeightVariant.INT8_PER_CHANNEL.granularity(true));
        assertEquals(Granularity.PER_COLUMN, WeightVariant.INT4_PER_CHANNEL.granularity(false));
        assertTrue(ModelQuantizer.isEmbeddingTable("pos_emb"));
        assertEquals(List.of(WeightVariant.INT8_PER_CHANNEL), List.of(WeightVariant.parse("INT8-channel")));
        assertThrows(IllegalArgumentException.class, () -> WeightVariant.parse("int3"));
    }
}
