package workbench.ui.sampling;

import workbench.core.model.CachedDecoding;
import workbench.core.model.ModelBundle;
import workbench.core.model.ModelCatalog;
import workbench.core.sampling.IncrementalDecoder;
import workbench.core.sampling.NextTokenModel;
import workbench.core.tokenizer.Tokenizer;

import java.util.function.Supplier;

/**
 * What the sampling lab needs from a trained model: its next-token logits and the tokenizer that
 * turns a prompt into ids and ids back into text.
 *
 * @param name      shown above the bars, for example "King James Bible, characters"
 * @param model     the model: its vocabulary, window and next-token logits
 * @param tokenizer the model's own tokenizer (same vocabulary size)
 * @param decoders  makes fresh incremental decoders (KV caches) of the same model: the lab computes
 *                  every logit with them, as the {@code generate} command does
 * @param bundled   true for the checkpoint the {@code generate} command uses when given no {@code --model}
 */
public record SamplingModel(String name, NextTokenModel model, Tokenizer tokenizer, Supplier<IncrementalDecoder> decoders,
                            boolean bundled) {

    public SamplingModel {
        if (model == null || tokenizer == null) {
            throw new IllegalArgumentException("a sampling model needs both a model and its tokenizer");
        }
        if (decoders == null) {
            decoders = constant(model);
        }
        if (model.vocabSize() != tokenizer.vocabSize()) {
            throw new IllegalArgumentException("the model has " + model.vocabSize() + " tokens but its tokenizer has "
                    + tokenizer.vocabSize());
        }
        name = name == null || name.isBlank() ? "model" : name;
    }

    /** A model without a KV cache: its decoders read the whole context for every token. */
    public SamplingModel(String name, NextTokenModel model, Tokenizer tokenizer) {
        this(name, model, tokenizer, null, false);
    }

    /** The trained transformer of {@code bundle}, decoding with its KV cache like the generate command. */
    public static SamplingModel of(ModelBundle bundle) {
        return new SamplingModel(bundle.describe(), bundle.model(), bundle.tokenizer(), () -> new CachedDecoding(bundle.model()),
                bundle.name().equals(ModelCatalog.defaultEntry().name()));
    }

    private static Supplier<IncrementalDecoder> constant(NextTokenModel model) {
        return () -> IncrementalDecoder.stateless(model);
    }
}
