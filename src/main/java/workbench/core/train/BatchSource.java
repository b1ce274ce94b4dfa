package workbench.core.train;

import workbench.core.tensor.Rng;

/** Where a trainer gets its batches: windows of a corpus, or examples of a synthetic task. */
public interface BatchSource {

    /** A random training batch drawn with {@code rng}. */
    Batch trainingBatch(Rng rng, int batchSize);

    /**
     * The fixed validation batches: the same every call, so that validation losses are comparable
     * across steps and runs.
     */
    java.util.List<Batch> validationBatches(int batchSize, int maxBatches);
}
