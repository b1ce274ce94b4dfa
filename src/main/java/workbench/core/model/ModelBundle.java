package workbench.core.model;

import workbench.core.tokenizer.Tokenizer;
import workbench.core.trace.ForwardTrace;

import java.util.Arrays;
import java.util.Optional;

/**
 * A model with everything needed to use it: its tokenizer, a name, and how it was trained.
 *
 * @param name     short name for the status bar, e.g. "kjv-char"
 * @param model    the weights
 * @param tokenizer text to ids and back
 * @param training how it was trained, if known
 */
public record ModelBundle(String name, MiniTransformer model, Tokenizer tokenizer, Optional<TrainingSummary> training) {

    public ModelBundle {
        if (tokenizer.vocabSize() != model.config().vocabSize()) {
            throw new IllegalArgumentException("tokenizer has " + tokenizer.vocabSize()
                    + " tokens but the model expects " + model.config().vocabSize());
        }
    }

    /** A prompt as the model will read it: encoded, and cut from the left to the context length. */
    public record Prompt(int[] ids, int droppedFromLeft) {
    }

    /**
     * Encodes {@code text}; longer than the context it keeps the last tokens and says how many
     * it dropped. Characters the tokenizer cannot encode raise an exception naming them.
     */
    public Prompt encode(String text) {
        int[] ids = tokenizer.encode(text);
        int context = model.config().contextLength();
        if (ids.length <= context) {
            return new Prompt(ids, 0);
        }
        return new Prompt(Arrays.copyOfRange(ids, ids.length - context, ids.length), ids.length - context);
    }

    /** The full forward trace of {@code ids}, labelled with the tokenizer's token texts. */
    public ForwardTrace trace(int[] ids, ForwardOptions options) {
        return model.trace(ids, options, tokenizer::tokenText);
    }

    /** "kjv-char · 0.82M parameters · MHA 4x4 · learned positions". */
    public String describe() {
        TransformerConfig c = model.config();
        return String.format(java.util.Locale.ROOT, "%s · %.2fM parameters · %d layers × %d heads (%s) · %s positions",
                name, c.parameterCount() / 1e6, c.layers(), c.heads(), c.attentionKind(),
                c.positional().name().toLowerCase(java.util.Locale.ROOT));
    }
}
