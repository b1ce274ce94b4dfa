package workbench.core.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import workbench.core.tensor.ParameterSet;
import workbench.core.tensor.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Measures one forward pass of a layer of width d over sequences of growing length: each
 * recurrent cell (T steps, one after another, each waiting for the last) against one causal
 * self-attention layer (all T positions in a few large matrix products). Each figure is the
 * median of several timed runs after warm-up runs, on buffers allocated beforehand.
 */
public final class ForwardTiming {

    /** Sequence lengths measured by default. */
    public static final int[] DEFAULT_LENGTHS = {8, 16, 32, 64, 128, 256, 512};
    private static final int WARMUP = 2;

    private ForwardTiming() {
    }

    /** Times of one layer: {@code millis[i]} for {@code lengths[i]}. */
    public record Series(String label, long parameterCount, boolean sequential, double[] millis) {
    }

    /**
     * @param width   layer width d (input and hidden size of the cells, model width of attention)
     * @param lengths the sequence lengths T
     * @param series  the recurrent cells, then "Attention (1 layer)"
     */
    public record Result(int width, int[] lengths, List<Series> series) {
    }

    /**
     * Runs the measurement.
     *
     * @param repeats timed runs per length and layer (the median is kept)
     * @throws CancellationException when the monitor asks to stop
     */
    public static Result measure(int width, int[] lengths, int repeats, long seed, TrainingMonitor monitor) {
        if (width < 1 || width > RecurrentConfig.MAX_HIDDEN) {
            throw new IllegalArgumentException("width must be between 1 and " + RecurrentConfig.MAX_HIDDEN);
        }
        if (lengths.length == 0 || Arrays.stream(lengths).anyMatch(t -> t < 1 || t > 4096)) {
            throw new IllegalArgumentException("lengths must be between 1 and 4096");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("need at least one timed run");
        }
        List<Series> series = new ArrayList<>();
        int jobs = (CellKind.values().length + 1) * lengths.length;
        int done = 0;
        for (CellKind kind : CellKind.values()) {
            ParameterSet p = new ParameterSet(kind.specs("", width, width), DataType.FLOAT);
            RecurrentCell cell = kind.create(p, "", width, width);
            cell.initialize(new Rng(seed));
            double[] millis = new double[lengths.length];
            for (int i = 0; i < lengths.length; i++) {
                check(monitor);
                RecurrentCell.Run run = cell.newRun(lengths[i], 1);
                INDArray x = Workspaces.detached(DataType.FLOAT, lengths[i], width);
                RecurrentCell.fillGaussian(x, new Rng(lengths[i]), 1.0);
                millis[i] = median(repeats, () -> {
                    try (MemoryWorkspace ignored = Workspaces.scratch()) {
                        cell.forward(run, x);
                    }
                });
                monitor.progress((double) ++done / jobs, "Timing " + kind.label() + " at T = " + lengths[i]);
            }
            series.add(new Series(kind.label(), p.count(), true, millis));
        }
        CausalSelfAttention attention = new CausalSelfAttention(width, seed);
        double[] millis = new double[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            check(monitor);
            int t = lengths[i];
            millis[i] = median(repeats, () -> attention.forwardOnly(t));
            monitor.progress((double) ++done / jobs, "Timing attention at T = " + t);
        }
        series.add(new Series("Attention (1 layer)", attention.parameterCount(), false, millis));
        return new Result(width, lengths.clone(), series);
    }

    private static void check(TrainingMonitor monitor) {
        if (monitor.isCancelled()) {
            throw new CancellationException("timing cancelled");
        }
    }

    private static double median(int repeats, Runnable work) {
        for (int i = 0; i < WARMUP; i++) {
            work.run();
        }
        double[] times = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return repeats % 2 == 1 ? times[repeats / 2] : (times[repeats / 2 - 1] + times[repeats / 2]) / 2;
    }
}
