package workbench.core.gqa;

import org.junit.jupiter.api.Test;
import workbench.concurrent.Progress;
import workbench.core.memory.ValidationSample;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.tokenizer.CharTokenizer;
import workbench.core.train.Corpus;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConversionExperimentTest {

    @Test
    void measuresTheTrainedPooledAndTunedModelsOnTheSameWindows() {
        Corpus corpus = Corpus.of("tiny", "the cat sat on the mat. a dog sat on the log. ".repeat(40));
        CharTokenizer chars = CharTokenizer.fromText(corpus.text());
        MiniTransformer mha = new MiniTransformer(new TransformerConfig(chars.vocabSize(), 16, 16, 1, 4, 4, 32,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 11));
        float before = mha.parameters().get("h0.attn.wk").getFloat(0);
        AtomicInteger heard = new AtomicInteger();
        var outcome = ConversionExperiment.run(mha, chars, corpus, new ConversionExperiment.Settings(2, 3, 6, 5),
                Progress.NONE, p -> heard.incrementAndGet());
        var r = outcome.report();
        ValidationSample sample = ValidationSample.of(chars, corpus, 16, 6, ConversionExperiment.EVAL_BATCH);
        assertEquals(sample.loss(mha), r.mhaLoss(), 1e-9);
        assertEquals(sample.loss(KvHeadConversion.meanPool(mha, 2)), r.pooledLoss(), 1e-9);
        assertEquals(sample.loss(outcome.tuned()), r.tunedLoss(), 1e-9);
        assertEquals(3, r.fineTune().steps());
        assertEquals(3, heard.get());
        assertEquals(6L * 16, r.tokens());
        assertEquals("GQA-2", r.kind());
        assertEquals(2, outcome.tuned().config().kvHeads());
        assertEquals(before, mha.parameters().get("h0.attn.wk").getFloat(0), "the trained model is left as it was");
        assertEquals((r.pooledLoss() - r.tunedLoss()) / (r.pooledLoss() - r.mhaLoss()), r.recovered(), 1e-12);
        assertTrue(r.tunedLoss() != r.pooledLoss());
    }

    @Test
    void refusesSettingsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new ConversionExperiment.Settings(2, 0, 8, 1));
        IllegalArgumentException windows = assertThrows(IllegalArgumentException.class,
                () -> new ConversionExperiment.Settings(2, 10, 0, 1));
        assertTrue(windows.getMessage().contains("validation windows"));
    }
}
