package workbench.ui.sampling;

import workbench.core.sampling.NextTokenModel;
import workbench.core.tokenizer.Tokenizer;

/**
 * What the sampling lab needs from a trained model: its next-token logits and the tokenizer that
 * turns a prompt into ids and ids back into text.
 *
 * @param name      shown above the bars, for example "King James Bible, characters"
 * @param model     gives next-token logits
 * @param tokenizer the model's own tokenizer (same vocabulary size)
 */
public record SamplingModel(String name, NextTokenModel model, Tokenizer tokenizer) {

    public SamplingModel {
        if (model == null || tokenizer == null) {
            throw new IllegalArgumentException("a sampling model needs both a model and its tokenizer");
        }
        if (model.vocabSize() != tokenizer.vocabSize()) {
            throw new IllegalArgumentException("the model has " + model.vocabSize() + " tokens but its tokenizer has "
                    + tokenizer.vocabSize());
        }
        name = name == null || name.isBlank() ? "model" : name;
    }
}
