package workbench.core.memory;

import org.junit.jupiter.api.Test;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.tensor.ParameterSet;
import workbench.core.tensor.Rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightPickerTest {

    private static ModelWeights parameters() {
        MiniTransformer model = new MiniTransformer(new TransformerConfig(10, 8, 8, 1, 2, 2, 16,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 5));
        ParameterSet p = model.parameters();
        p.get("h0.attn.wq").putScalar(new int[]{2, 3}, -1.75f);  // the largest |w| of the model
        p.get("h0.attn.wk").putScalar(new int[]{1, 1}, 1.75f);    // equally large, later: loses the tie
        p.get("h0.ffn.w1").putScalar(new int[]{4, 9}, 1e-7f);    // the smallest |w| of w1
        p.get("h0.ln1.b").putScalar(3, 0.25f);
        return ModelWeights.of(p);
    }

    @Test
    void atAnIndex() {
        ModelWeights p = parameters();
        PickedWeight w = WeightPicker.pick(p, "h0.attn.wq", WeightPicker.Rule.AT_INDEX, 2, 3, 0);
        assertEquals(-1.75f, w.value());
        assertEquals("h0.attn.wq[2, 3]", w.address());
        assertFalse(w.vector());
        PickedWeight bias = WeightPicker.pick(p, "h0.ln1.b", WeightPicker.Rule.AT_INDEX, 0, 3, 0);
        assertEquals(0.25f, bias.value());
        assertEquals("h0.ln1.b[3]", bias.address());
        assertTrue(bias.describe().startsWith("h0.ln1.b[3] = 0.25"), bias.describe());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> WeightPicker.pick(p, "h0.attn.wq", WeightPicker.Rule.AT_INDEX, 8, 0, 0));
        assertTrue(outside.getMessage().contains("0 to 7"), outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WeightPicker.pick(p, "h0.ln1.b", WeightPicker.Rule.AT_INDEX, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> WeightPicker.pick(p, "nope", WeightPicker.Rule.LARGEST, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> WeightPicker.pick(p, WeightPicker.ANY_TENSOR, WeightPicker.Rule.AT_INDEX, 0, 0, 0));
        assertEquals(1, p.tensor("h0.ln1.b").rows());
        assertEquals(16, p.tensor("h0.ffn.w1").cols());
        assertEquals(704, p.count());
    }

    @Test
    void largestAndSmallestInATensorOrAnywhere() {
        ModelWeights p = parameters();
        PickedWeight largest = WeightPicker.pick(p, WeightPicker.ANY_TENSOR, WeightPicker.Rule.LARGEST, 0, 0, 0);
        assertEquals("h0.attn.wq[2, 3]", largest.address()); // the tie goes to the first in parameter order
        PickedWeight inWk = WeightPicker.pick(p, "h0.attn.wk", WeightPicker.Rule.LARGEST, 0, 0, 0);
        assertEquals("h0.attn.wk[1, 1]", inWk.address());
        // LayerNorm biases start at 0: the smallest |w| of the model is the first of them.
        PickedWeight smallest = WeightPicker.pick(p, WeightPicker.ANY_TENSOR, WeightPicker.Rule.SMALLEST, 0, 0, 0);
        assertEquals("h0.ln1.b[0]", smallest.address());
        assertEquals(0f, smallest.value());
        PickedWeight smallestInW1 = WeightPicker.pick(p, "h0.ffn.w1", WeightPicker.Rule.SMALLEST, 0, 0, 0);
        assertEquals("h0.ffn.w1[4, 9]", smallestInW1.address());
    }

    @Test
    void randomIsTheSeedsDrawOverEveryValue() {
        ModelWeights p = parameters();
        PickedWeight a = WeightPicker.pick(p, WeightPicker.ANY_TENSOR, WeightPicker.Rule.RANDOM, 0, 0, 42);
        assertEquals(a, WeightPicker.pick(p, WeightPicker.ANY_TENSOR, WeightPicker.Rule.RANDOM, 0, 0, 42));
        assertEquals(42, a.seed());
        // By hand: the seed's first draw over the 704 values, then found by walking the parameters in order.
        int index = new Rng(42).nextInt(704);
        long offset = 0;
        for (ModelWeights.Tensor t : p.tensors()) {
            if (index < offset + t.values().length) {
                assertEquals(t.name(), a.tensor());
                int within = (int) (index - offset);
                assertEquals(within / t.cols(), a.row());
                assertEquals(within % t.cols(), a.col());
                assertEquals(t.at(a.row(), a.col()), a.value());
                break;
            }
            offset += t.values().length;
        }
        PickedWeight inWq = WeightPicker.pick(p, "h0.attn.wq", WeightPicker.Rule.RANDOM, 0, 0, 7);
        int draw = new Rng(7).nextInt(64);
        assertEquals("h0.attn.wq[" + draw / 8 + ", " + draw % 8 + "]", inWq.address());
        assertTrue(inWq.describe().contains("seed 7"));
    }
}
