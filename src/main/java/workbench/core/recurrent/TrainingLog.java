package workbench.core.recurrent;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The training loss of one model, step by step, written by the training thread and read by the
 * screen once per frame. The writer fills slot i and then publishes the new size through a
 * volatile counter, so a reader that sees size n also sees every value below n.
 */
public final class TrainingLog {

    /** Weight of the past in the smoothed curve (an exponential moving average, bias-corrected). */
    public static final double SMOOTHING = 0.9;

    private final float[] raw;
    private final float[] smoothed;
    private final AtomicInteger size = new AtomicInteger();
    private double average;

    public TrainingLog(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, is " + capacity);
        }
        raw = new float[capacity];
        smoothed = new float[capacity];
    }

    public int capacity() {
        return raw.length;
    }

    /** Records the next step's loss; only the training thread calls this. */
    public void append(double loss) {
        int i = size.get();
        if (i >= raw.length) {
            throw new IllegalStateException("the log is full (" + raw.length + " steps)");
        }
        average = SMOOTHING * average + (1 - SMOOTHING) * loss;
        raw[i] = (float) loss;
        smoothed[i] = (float) (average / (1 - Math.pow(SMOOTHING, i + 1)));
        size.set(i + 1);
    }

    /** Steps recorded so far. */
    public int size() {
        return size.get();
    }

    /** The raw per-step losses of steps [from, size()). */
    public float[] rawSince(int from) {
        int n = size.get();
        return Arrays.copyOfRange(raw, Math.min(from, n), n);
    }

    /** The smoothed losses of steps [from, size()). */
    public float[] smoothedSince(int from) {
        int n = size.get();
        return Arrays.copyOfRange(smoothed, Math.min(from, n), n);
    }

    /** The last smoothed loss, NaN before the first step. */
    public double lastSmoothed() {
        int n = size.get();
        return n == 0 ? Double.NaN : smoothed[n - 1];
    }
}
