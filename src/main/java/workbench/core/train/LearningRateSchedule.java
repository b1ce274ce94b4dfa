package workbench.core.train;

/**
 * Linear warm-up to the peak rate, then cosine decay to the minimum rate (nanoGPT's schedule).
 *
 * @param peak        learning rate after warm-up
 * @param minimum     learning rate at the end
 * @param warmupSteps steps of linear warm-up
 * @param totalSteps  steps in the whole run
 */
public record LearningRateSchedule(double peak, double minimum, int warmupSteps, int totalSteps) {

    public LearningRateSchedule {
        if (peak <= 0 || minimum < 0 || minimum > peak) {
            throw new IllegalArgumentException("need 0 <= minimum <= peak and peak > 0");
        }
        if (warmupSteps < 0 || totalSteps <= 0) {
            throw new IllegalArgumentException("warm-up must be >= 0 and total steps > 0");
        }
    }

    /** The rate for 0-based step {@code step}. */
    public double at(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        if (step >= totalSteps) {
            return minimum;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return minimum + 0.5 * (1 + Math.cos(Math.PI * progress)) * (peak - minimum);
    }
}
