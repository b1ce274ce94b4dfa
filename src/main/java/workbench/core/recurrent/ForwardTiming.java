package workbench.core.recurrent;

import workbench.core.model.TransformerConfig;
import workbench.core.tensor.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Measures one forward pass of each of the lab's four models, built as the lab trains them, over
 * one sequence of growing length T: the recurrent models step through the T tokens one after
 * another (each step waits for the last), the transformer handles all T positions of a layer in a
 * few large matrix products. Each figure is the fastest of several timed runs after warm-up runs
 * (and each model first runs a few times, so that its code is compiled before it is timed): other
 * programs on the computer can only make a run slower, so the fastest run is the least disturbed.
 */
public final class ForwardTiming {

    /** Sequence lengths measured by default. */
    public static final int[] DEFAULT_LENGTHS = {8, 16, 32, 64, 128, 256, 512};
    /** Longest sequence that may be timed: the transformer's T x T scores stay a few MB. */
    public static final int MAX_LENGTH = 1024;
    private static final int WARMUP = 2;
    /** Runs of each model before its first timed length, so that the JIT has compiled its code. */
    private static final int MODEL_WARMUP = 10;

    private ForwardTiming() {
    }

    /**
     * Times of one model: {@code millis[i]} for {@code lengths[i]}.
     *
     * @param sequential true when the model steps through the tokens one at a time
     * @param layers     layers run one after another (1 for a recurrent model)
     */
    public record Series(Architecture architecture, long parameterCount, boolean sequential, int layers,
                         double[] millis) {

        public String label() {
            return architecture.label();
        }
    }

    /**
     * @param settings    the models' sizes (as in the comparison)
     * @param transformer the timed transformer's shape (its context is the longest length)
     * @param lengths     the sequence lengths T
     * @param series      the recurrent cells, then the transformer
     */
    public record Result(ComparisonSettings settings, TransformerConfig transformer, int[] lengths,
                         List<Series> series) {
    }

    /**
     * Runs the measurement.
     *
     * @param repeats timed runs per length and model (the fastest is kept)
     * @throws CancellationException when the monitor asks to stop
     */
    public static Result measure(ComparisonSettings settings, int[] lengths, int repeats, TrainingMonitor monitor) {
        if (lengths.length == 0 || Arrays.stream(lengths).anyMatch(t -> t < 1 || t > MAX_LENGTH)) {
            throw new IllegalArgumentException("lengths must be between 1 and " + MAX_LENGTH);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("need at least one timed run");
        }
        int longest = Arrays.stream(lengths).max().orElseThrow();
        TransformerConfig trained = settings.transformerConfig();
        TransformerConfig shape = new TransformerConfig(trained.vocabSize(), Math.max(longest, trained.contextLength()),
                trained.dModel(), trained.layers(), trained.heads(), trained.kvHeads(), trained.ffnWidth(),
                trained.positional(), trained.mask(), trained.tiedOutput(), trained.seed());
        List<Series> series = new ArrayList<>();
        int jobs = Architecture.values().length * lengths.length;
        int done = 0;
        for (Architecture a : Architecture.values()) {
            SequenceModel model = a.recurrent()
                    ? new RecurrentModel(settings.config(a.cell()))
                    : new TransformerSequenceModel(shape);
            double[] millis = new double[lengths.length];
            int[] first = tokens(lengths[0], settings.task().vocabSize(), settings.seed());
            for (int i = 0; i < MODEL_WARMUP; i++) {
                model.forwardOnly(first);
            }
            for (int i = 0; i < lengths.length; i++) {
                check(monitor);
                int[] tokens = tokens(lengths[i], settings.task().vocabSize(), settings.seed());
                millis[i] = fastest(repeats, () -> model.forwardOnly(tokens));
                monitor.progress((double) ++done / jobs, "Timing " + a.label() + " at T = " + lengths[i]);
            }
            series.add(new Series(a, model.parameterCount(), a.recurrent(), a.recurrent() ? 1 : shape.layers(),
                    millis));
        }
        return new Result(settings, shape, lengths.clone(), series);
    }

    private static int[] tokens(int length, int vocab, long seed) {
        Rng rng = new Rng(seed * 31 + length);
        int[] tokens = new int[length];
        for (int t = 0; t < length; t++) {
            tokens[t] = rng.nextInt(vocab);
        }
        return tokens;
    }

    private static void check(TrainingMonitor monitor) {
        if (monitor.isCancelled()) {
            throw new CancellationException("timing cancelled");
        }
    }

    private static double fastest(int repeats, Runnable work) {
        for (int i = 0; i < WARMUP; i++) {
            work.run();
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        return best;
    }
}
