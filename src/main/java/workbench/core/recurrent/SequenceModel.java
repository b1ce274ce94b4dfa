package workbench.core.recurrent;

import workbench.core.tensor.ParameterSet;
import workbench.core.train.SequenceBatch;
import workbench.core.train.SequenceScore;

/**
 * What the side-by-side comparison needs of a model that reads tokens left to right and predicts
 * the next one: a recurrent model or the transformer. All of them are trained by the same loop
 * ({@link RecurrentComparison}) on the same batches.
 */
public interface SequenceModel {

    /** "Simple RNN", "LSTM", "GRU" or "Transformer". */
    String label();

    /** Every trainable tensor, in one flat buffer that AdamW updates. */
    ParameterSet parameters();

    long parameterCount();

    /**
     * Mean cross-entropy over the batch's scored positions, with every parameter gradient written
     * into {@link #parameters()}' gradient buffer (replacing what was there).
     *
     * @param batch (B, T) sequences
     */
    double lossAndGradients(SequenceBatch batch);

    /** Loss and top-1 accuracy over the batch's scored positions, in total and by distance. */
    SequenceScore score(SequenceBatch batch);

    /** One forward pass over one sequence of T tokens, copying out as little as possible (for timing). */
    void forwardOnly(int[] tokens);
}
