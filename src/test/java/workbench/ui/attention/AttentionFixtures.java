package workbench.ui.attention;

import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.ModelBundle;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.tokenizer.CharTokenizer;

import java.util.Optional;

/**
 * A real transformer with random weights and a character tokenizer, for view tests: they check that
 * the views show what the engine computed, which does not need trained weights.
 */
final class AttentionFixtures {

    static final String CHARACTERS = "\n !'(),-.:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private AttentionFixtures() {
    }

    /** 2 layers of 4 heads, width 64, context 64: the bundled model's context, smaller elsewhere. */
    static ModelBundle bundle() {
        CharTokenizer tokenizer = CharTokenizer.fromText(CHARACTERS);
        TransformerConfig config = new TransformerConfig(tokenizer.vocabSize(), 64, 64, 2, 4, 4, 128,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 7);
        return new ModelBundle("test-char", new MiniTransformer(config), tokenizer, Optional.empty());
    }

    /** The bundled model's shape (4 layers, 4 heads, d = 128, context 64) with random weights. */
    static ModelBundle nanoGptShape() {
        CharTokenizer tokenizer = CharTokenizer.fromText(CHARACTERS);
        return new ModelBundle("random-char", new MiniTransformer(TransformerConfig.nanoGptCpu(tokenizer.vocabSize(), 3)),
                tokenizer, Optional.empty());
    }
}
