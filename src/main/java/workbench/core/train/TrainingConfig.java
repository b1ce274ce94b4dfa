package workbench.core.train;

/**
 * How to train, saved with the checkpoint so that a run can be repeated.
 *
 * @param steps        optimizer steps
 * @param batchSize    sequences per step (B)
 * @param peakLr       learning rate after warm-up
 * @param minLr        learning rate at the end of the cosine decay
 * @param warmupSteps  linear warm-up steps
 * @param weightDecay  AdamW decoupled weight decay (matrices only)
 * @param gradClip     clip the global gradient norm to this (0 = no clipping)
 * @param evalEvery    validate every this many steps (and at the end)
 * @param evalBatches  validation batches per evaluation
 * @param seed         seed of the batch sampling
 */
public record TrainingConfig(int steps, int batchSize, double peakLr, double minLr, int warmupSteps,
                             double weightDecay, double gradClip, int evalEvery, int evalBatches, long seed) {

    public TrainingConfig {
        if (steps <= 0 || batchSize <= 0 || evalEvery <= 0 || evalBatches <= 0) {
            throw new IllegalArgumentException("steps, batch size, evalEvery and evalBatches must be positive");
        }
        if (!(peakLr > 0) || minLr < 0 || minLr > peakLr || warmupSteps < 0 || weightDecay < 0 || gradClip < 0) {
            throw new IllegalArgumentException("learning rates, warm-up, decay and clipping must be sensible");
        }
    }

    /** nanoGPT's character-level Shakespeare settings, scaled to {@code steps}. */
    public static TrainingConfig nanoGptCpu(int steps, long seed) {
        return new TrainingConfig(steps, 12, 1e-3, 1e-4, Math.min(100, steps / 10), 0.1, 1.0,
                Math.max(1, Math.min(250, steps)), 20, seed);
    }

    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(peakLr, minLr, warmupSteps, steps);
    }
}
