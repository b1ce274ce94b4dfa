package workbench.core.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import workbench.core.backend.ResidentMemory;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.Rng;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Measures naive and tiled attention on ND4J on this machine, for one sequence length: the time
 * per call and the extra memory each holds. Before allocating the naive N×N matrix it checks that
 * the system has room for it, and an allocation that fails anyway is reported, not thrown.
 */
public final class AttentionScaling {

    /**
     * CPU block sizes for the measured tiled path: large enough to spread ND4J's per-op cost
     * (10-60 µs a call) over big gemms, small enough that the 2048 × 1024 block of scores (8 MiB)
     * stays over 100 times smaller than the naive N × N matrix at N = 16k (1 GiB).
     */
    public static final BlockSizes CPU_BLOCKS = new BlockSizes(2048, 1024);

    /** Share of the system's available memory the naive matrix may take before it is not attempted. */
    private static final double MAX_SHARE_OF_AVAILABLE = 0.6;

    /**
     * One algorithm at one size.
     *
     * @param ran            false when it was not run or failed; {@code problem} says why
     * @param millis         median wall time of the timed calls
     * @param allocatedBytes bytes the implementation allocated beyond Q, K, V and O
     * @param peakRssGrowth  growth of the process's peak resident memory while it ran, or -1 if unknown
     * @param problem        empty when it ran
     */
    public record Measurement(boolean ran, double millis, long allocatedBytes, long peakRssGrowth, String problem) {
        static Measurement failed(String problem, long allocatedBytes) {
            return new Measurement(false, Double.NaN, allocatedBytes, -1, problem);
        }
    }

    /**
     * Both algorithms at one size.
     *
     * @param n          sequence length
     * @param d          head dimension
     * @param naive      the N×N path
     * @param tiled      the block path
     * @param maxAbsDiff largest |naive - tiled| over the outputs, NaN if one did not run
     */
    public record Point(int n, int d, Measurement naive, Measurement tiled, double maxAbsDiff) {
    }

    private AttentionScaling() {
    }

    /** How many timed calls to make at length n: more for short, cheap runs. */
    static int repeats(int n) {
        return n <= 1024 ? 5 : n <= 4096 ? 3 : 1;
    }

    /**
     * Measures both paths at sequence length n on synthetic Q, K, V ~ N(0, 1) from {@code seed}.
     *
     * @param cancelled checked between calls (and between query blocks of the tiled path)
     */
    public static Point measure(int n, int d, long seed, BooleanSupplier cancelled) {
        return measure(n, d, seed, cancelled, ResidentMemory::systemAvailable);
    }

    /** {@link #measure} with the system's free memory read from {@code available} (tests pass a small one). */
    static Point measure(int n, int d, long seed, BooleanSupplier cancelled, Supplier<OptionalLong> available) {
        if (n < 1 || d < 1) {
            throw new IllegalArgumentException("sequence length and head dimension must be positive");
        }
        Rng rng = new Rng(seed);
        INDArray q = Arrays2D.fromFloat2D(rng.gaussian(n, d, 1.0)); // (N, d)
        INDArray k = Arrays2D.fromFloat2D(rng.gaussian(n, d, 1.0)); // (N, d)
        INDArray v = Arrays2D.fromFloat2D(rng.gaussian(n, d, 1.0)); // (N, d)
        INDArray naiveOut = Nd4j.create(DataType.FLOAT, n, d);
        INDArray tiledOut = Nd4j.create(DataType.FLOAT, n, d);

        Measurement tiled = measureTiled(q, k, v, tiledOut, cancelled);
        check(cancelled);
        Measurement naive = measureNaive(q, k, v, naiveOut, cancelled, available.get());
        double diff = naive.ran() && tiled.ran()
                ? Transforms.abs(naiveOut.sub(tiledOut)).maxNumber().doubleValue() : Double.NaN;
        return new Point(n, d, naive, tiled, diff);
    }

    private static Measurement measureTiled(INDArray q, INDArray k, INDArray v, INDArray out, BooleanSupplier cancelled) {
        int n = (int) q.size(0);
        long before = startPeak();
        try (Nd4jTiledAttention tiled = new Nd4jTiledAttention(n, n, (int) v.size(1), CPU_BLOCKS)) {
            double ms = time(() -> tiled.attend(q, k, v, out, cancelled), repeats(n), cancelled);
            return new Measurement(true, ms, tiled.extraBytes(), peakGrowth(before), "");
        } catch (OutOfMemoryError oom) {
            return Measurement.failed("out of memory: " + oom.getMessage(), -1);
        }
    }

    private static Measurement measureNaive(INDArray q, INDArray k, INDArray v, INDArray out, BooleanSupplier cancelled,
                                            OptionalLong available) {
        int n = (int) q.size(0);
        long need = (long) n * n * Float.BYTES;
        if (available.isPresent() && need > available.getAsLong() * MAX_SHARE_OF_AVAILABLE) {
            return Measurement.failed(String.format(java.util.Locale.ROOT,
                    "not run: the N×N matrix needs %.2f GiB and only %.2f GiB of memory is free",
                    need / GIB, available.getAsLong() / GIB), need);
        }
        long before = startPeak();
        Nd4jNaiveAttention naive;
        try {
            naive = new Nd4jNaiveAttention(n, n);
        } catch (OutOfMemoryError | RuntimeException allocationFailed) {
            return Measurement.failed("out of memory: could not allocate the " + n + "×" + n
                    + " score matrix (" + String.format(java.util.Locale.ROOT, "%.2f GiB", need / GIB) + ")", need);
        }
        try {
            double ms = time(() -> naive.attend(q, k, v, out), repeats(n), cancelled);
            return new Measurement(true, ms, naive.extraBytes(), peakGrowth(before), "");
        } catch (OutOfMemoryError oom) {
            return Measurement.failed("out of memory while running: " + oom.getMessage(), need);
        } finally {
            naive.close();
        }
    }

    private static final double GIB = 1024.0 * 1024.0 * 1024.0;

    /** One untimed warm-up call, then the median of {@code repeats} timed calls, in ms. */
    private static double time(Runnable call, int repeats, BooleanSupplier cancelled) {
        call.run();
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            check(cancelled);
            long t0 = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return repeats % 2 == 1 ? ms[repeats / 2] : (ms[repeats / 2 - 1] + ms[repeats / 2]) / 2;
    }

    private static long startPeak() {
        return ResidentMemory.resetPeak() ? ResidentMemory.current().orElse(-1) : -1;
    }

    private static long peakGrowth(long before) {
        OptionalLong peak = ResidentMemory.peak();
        return before < 0 || peak.isEmpty() ? -1 : Math.max(0, peak.getAsLong() - before);
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }
}
