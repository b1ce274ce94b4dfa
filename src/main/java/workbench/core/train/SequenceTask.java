package workbench.core.train;

import workbench.core.tensor.Rng;
import workbench.core.tokenizer.CharTokenizer;

import java.util.List;

/**
 * A task the Recurrent lab trains its models on: where the training, test and example sequences
 * come from, and the character tokenizer they are written in. Every batch a task hands out has
 * the same length {@link #maxLength()}, so that a model's buffers can be reused from step to step.
 */
public interface SequenceTask {

    /** A short name ("Bracket matching", "Next character"). */
    String label();

    /** One sentence on what the model has to do. */
    String description();

    /** The tokenizer of every sequence of this task. */
    CharTokenizer tokenizer();

    default int vocabSize() {
        return tokenizer().vocabSize();
    }

    /** T of every training and test batch: the longest sequence of the task. */
    int maxLength();

    /** {@code size} training sequences drawn with {@code rng}, padded to {@link #maxLength()}: (size, T). */
    SequenceBatch trainingBatch(int size, Rng rng);

    /** The held-out sequences a trained model is scored on, each batch (B, T); the same for the same rng. */
    List<SequenceBatch> testBatches(Rng rng);

    /** The example numbered {@code index} for the gate view, the same for the same seed. */
    SequenceExample example(int index, long seed);

    /** An example at the task's longest distance, whose gradient flow back in time is measured. */
    SequenceExample probe(Rng rng);

    /**
     * True when every scored position has one dependency distance (synthetic tasks), so that
     * accuracy against distance means something; false for free text, where each character
     * depends on everything before it.
     */
    boolean hasDistances();

    /** The accuracy of a simple guess that needs no memory at all (see {@link #baselineName()}). */
    double baselineAccuracy();

    /** What the baseline guess is, for a legend ("chance", "always ' '"). */
    String baselineName();
}
