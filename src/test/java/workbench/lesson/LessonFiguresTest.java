package workbench.lesson;

import org.junit.jupiter.api.Test;
import workbench.core.attention.KvCacheCalculator;
import workbench.core.catalog.PublishedModels;
import workbench.core.model.Checkpoints;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.ModelBundle;
import workbench.core.sampling.Distributions;
import workbench.core.sampling.RepetitionPenalty;
import workbench.core.sampling.Temperature;
import workbench.core.sampling.Truncation;
import workbench.core.trace.ForwardTrace;
import workbench.ui.common.MemorySizeFormat;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Figures a lesson quotes that its lab does not print itself, recomputed on the bundled model so
 * the text cannot drift from what the model does.
 */
class LessonFiguresTest {

    /** Lesson 6, "Break the mask": next-character accuracy and loss, causal against bidirectional. */
    @Test
    void lessonSixCausalAgainstBidirectionalMask() throws Exception {
        ModelBundle bundle = Checkpoints.bundled();
        int[] ids = bundle.encode("And the LORD spake unto Moses").ids();
        assertEquals(29, ids.length, "one token per character");

        Score causal = score(bundle.trace(ids, ForwardOptions.NONE), ids);
        Score bidirectional = score(bundle.trace(ids, ForwardOptions.NONE.withMask(MaskKind.BIDIRECTIONAL)), ids);

        assertEquals(26, causal.right, "right with the causal mask, of 28");
        assertEquals(11, bidirectional.right, "right with the bidirectional mask, of 28");
        assertEquals(0.51, causal.loss, 0.005, "nats per character, causal");
        assertEquals(2.9, bidirectional.loss, 0.05, "nats per character, bidirectional");
    }

    /** Lesson 7: the bars after "…and there was " at several temperatures, and the cuts. */
    @Test
    void lessonSevenNextCharacter() throws Exception {
        ModelBundle bundle = Checkpoints.bundled();
        assertEquals(62, bundle.tokenizer().vocabSize(), "62 characters");
        double[] logits = logits(bundle, "And God said, Let there be light: and there was ");
        double[] p = Temperature.apply(logits, 1);
        int[] rank = Distributions.ranking(p);
        assertEquals("t", text(bundle, rank[0]));
        assertEquals(0.20, p[rank[0]], 0.005, "t has about 20%");
        assertEquals(java.util.Set.of("w", "s", "a"), java.util.Set.of(text(bundle, rank[1]), text(bundle, rank[2]),
                text(bundle, rank[3])));
        for (int r = 1; r <= 3; r++) {
            assertEquals(0.11, p[rank[r]], 0.01, "then w, s and a with about 11% each");
        }
        assertEquals(0.99, Temperature.apply(logits, 0.1)[rank[0]], 0.005, "T = 0.1");
        assertEquals(0.43, Temperature.apply(logits, 0.5)[rank[0]], 0.005, "T = 0.5");
        assertEquals(0.09, Temperature.apply(logits, 2)[rank[0]], 0.005, "T = 2");
        assertEquals(0.58, Truncation.topK(p, 5).keptMass(), 0.005, "the top 5 hold 58%");
        assertEquals(15, Truncation.topP(p, 0.9).kept(), "top-p 0.9 keeps 15 characters");

        double[] sure = Temperature.apply(logits(bundle, "In the beginning God created the heav"), 1);
        assertEquals("e", text(bundle, Distributions.argmax(sure)));
        assertEquals(0.97, sure[Distributions.argmax(sure)], 0.005);
        assertEquals(1, Truncation.topP(sure, 0.9).kept(), "top-p 0.9 keeps one");
    }

    /** Lesson 7: greedy text falls into a loop; a penalty of 2 breaks it and misspells. */
    @Test
    void lessonSevenGreedyAndThePenalty() throws Exception {
        ModelBundle bundle = Checkpoints.bundled();
        String prompt = "And the LORD said unto Moses,";
        String greedy = greedy(bundle, prompt, 1);
        assertTrue(greedy.contains("the LORD thy God shall be the children of Israel the service of the "
                + "children of Israel the LORD thy God shall"), greedy);
        String penalised = greedy(bundle, prompt, 2);
        assertTrue(penalised.contains("wrefore") && penalised.contains("begate"), penalised);
    }

    /** Lessons 5 and 6: the prediction after "…unto Mo" with a head switched off or the M hidden. */
    @Test
    void lessonsFiveAndSixInterventions() throws Exception {
        ModelBundle bundle = Checkpoints.bundled();
        int[] ids = bundle.encode("And the LORD spake unto Mo").ids();
        int s = id(bundle, "s");
        float[] all = bundle.trace(ids, ForwardOptions.NONE).nextTokenProbabilities();
        assertEquals(0.86, all[s], 0.005, "all heads on: s has 86%");

        float[] off = bundle.trace(ids, ForwardOptions.NONE.withDisabledHeads(
                java.util.Set.of(new ForwardOptions.HeadRef(0, 0)))).nextTokenProbabilities();
        assertEquals(0.05, off[s], 0.005, "layer 0, head 0 off: s falls to 5%");
        assertEquals(0.74, off[id(bundle, "r")], 0.005, "and r jumps to 74%");

        assertEquals("M", text(bundle, ids[24]));
        float[] hidden = bundle.trace(ids, ForwardOptions.NONE.withMaskedKeys(java.util.Set.of(24))).nextTokenProbabilities();
        assertTrue(hidden[s] < 0.02, "s drops to almost nothing: " + hidden[s]);
        assertEquals(0.34, hidden[id(bundle, "u")], 0.005);
        assertEquals(0.27, hidden[id(bundle, "f")], 0.005);

        int[] repeat = bundle.encode("And God said, Let there be light: and there was light. And God said, Let there be li").ids();
        float[] copy = bundle.trace(repeat, ForwardOptions.NONE).nextTokenProbabilities();
        assertEquals(0.08, copy[id(bundle, "g")], 0.005, "the model gives g only 8%");
    }

    /** Lesson 10: the cache sizes, as the GQA lab prints them (fp16). */
    @Test
    void lessonTenCacheSizes() {
        KvCacheCalculator.Shape llama7 = shape("Llama-2-7B");
        assertEquals("512 KB", fp16(llama7, 1, 1));
        assertEquals("2.00 GB", fp16(llama7, 4096, 1));
        assertEquals("32.0 GB", fp16(llama7, 4096, 16));
        assertEquals("512 MB", fp16(llama7.withKvHeads(8), 4096, 1), "a quarter with 8 K/V heads");
        assertEquals("64.0 MB", fp16(llama7.withKvHeads(1), 4096, 1), "MQA");
        KvCacheCalculator.Shape llama70 = shape("Llama-2-70B");
        assertEquals(8, llama70.kvHeads());
        assertEquals("1.25 GB", fp16(llama70, 4096, 1));
        assertEquals("10.0 GB", fp16(llama70.withKvHeads(64), 4096, 1));
        KvCacheCalculator.Shape mistral = shape("Mistral-7B");
        assertEquals(32768, PublishedModels.find("Mistral-7B").orElseThrow().context());
        assertEquals("4.00 GB", fp16(mistral, 32768, 1));
        assertEquals("16.0 GB", fp16(mistral.withKvHeads(32), 32768, 1));
        assertTrue(2L * PublishedModels.find("Mistral-7B").orElseThrow().parameters() < 16L << 30,
                "16 GB is more than the fp16 weights");
    }

    private static KvCacheCalculator.Shape shape(String model) {
        return KvCacheCalculator.Shape.of(PublishedModels.find(model).orElseThrow());
    }

    private static String fp16(KvCacheCalculator.Shape shape, long tokens, long batch) {
        return MemorySizeFormat.bytes(KvCacheCalculator.bytes(shape, KvCacheCalculator.ValueType.FP16, tokens, batch));
    }

    private static int id(ModelBundle bundle, String character) {
        int[] ids = bundle.tokenizer().encode(character);
        assertEquals(1, ids.length);
        return ids[0];
    }

    /** 120 greedy characters after {@code prompt}, every earlier character penalised. */
    private static String greedy(ModelBundle bundle, String prompt, double penalty) {
        int[] ids = bundle.encode(prompt).ids();
        int start = ids.length;
        for (int i = 0; i < 120; i++) {
            double[] z = RepetitionPenalty.apply(Distributions.toDouble(bundle.model().nextLogits(ids)), ids, penalty);
            ids = Arrays.copyOf(ids, ids.length + 1);
            ids[ids.length - 1] = Distributions.argmax(z);
        }
        return bundle.tokenizer().decode(Arrays.copyOfRange(ids, start, ids.length));
    }

    private static double[] logits(ModelBundle bundle, String prompt) {
        return Distributions.toDouble(bundle.model().nextLogits(bundle.encode(prompt).ids()));
    }

    private static String text(ModelBundle bundle, int id) {
        return bundle.tokenizer().decode(new int[]{id});
    }

    private record Score(int right, double loss) {
    }

    /** Predictions at positions 0..T-2 against the character that follows each. */
    private static Score score(ForwardTrace trace, int[] ids) {
        int right = 0;
        double loss = 0;
        for (int t = 0; t + 1 < ids.length; t++) {
            float[] p = trace.probabilities()[t]; // (V)
            int best = 0;
            for (int v = 1; v < p.length; v++) {
                if (p[v] > p[best]) {
                    best = v;
                }
            }
            right += best == ids[t + 1] ? 1 : 0;
            loss -= Math.log(p[ids[t + 1]]);
        }
        return new Score(right, loss / (ids.length - 1));
    }
}
