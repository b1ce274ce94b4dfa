package workbench.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import workbench.concurrent.Progress;
import workbench.core.backend.BackendChoice;
import workbench.core.backend.Backends;
import workbench.core.model.CachedDecoding;
import workbench.core.model.Checkpoints;
import workbench.core.model.MiniTransformer;
import workbench.core.model.ModelBundle;
import workbench.core.sampling.BeamSearch;
import workbench.core.sampling.BeamTree;
import workbench.core.sampling.CachedModel;
import workbench.core.sampling.Generator;
import workbench.core.sampling.NextTokenModel;
import workbench.core.sampling.PromptDecoding;
import workbench.core.sampling.RolloutResult;
import workbench.core.sampling.Rollouts;
import workbench.core.sampling.Sampler;
import workbench.core.sampling.SamplingSettings;
import workbench.core.sampling.SamplingStep;
import workbench.core.tensor.Rng;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Cost of generated tokens on the bundled model (kjv-char: 4 layers, 4 heads, d 128, context 64).
 * <ul>
 *   <li>{@code samplerStep}: the sampling pipeline alone (penalty, temperature, top-k 40, top-p 0.9,
 *       draw, trace) for a character vocabulary (65) and a GPT-2 sized one (50257);</li>
 *   <li>{@code nextToken}: one full forward pass over a 64-token context plus the pipeline;</li>
 *   <li>{@code generate}: {@code tokens} tokens after the prompt, as the Sampling lab
 *       streams them and the generate command prints them, with a full forward pass per token
 *       ({@code decoding=full}) or the KV cache ({@code kv}: the prompt in one pass, then one token at
 *       a time until the 64-token window is full, then the sliding window in one pass). After the
 *       short prompt 52 tokens fill the window exactly; after the long one 9 do;</li>
 *   <li>{@code rollouts}: the lab's default rollouts (100 of 10 tokens), through the lab's cache of
 *       logits, over full passes or over {@link PromptDecoding} (the KV cache, keeping the prefix a
 *       rollout shares with the one before); {@code beam}: the lab's default beam search (width 3,
 *       6 tokens: 18 expansions, "tokens" in the CPU line) the same two ways.</li>
 * </ul>
 * On a shared machine the wall-clock scores swing with the load; each iteration of {@code generate}
 * and {@code rollouts} also prints the CPU time of the benchmark thread per token (ND4J runs
 * single-threaded here, on that thread), which the load barely moves.
 * Run: {@code mvn -Pbench -q compile exec:exec -Dbench=SamplingBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SamplingBench {

    private static final SamplingSettings SETTINGS = SamplingSettings.DEFAULTS.withTemperature(0.8).withTopK(40)
            .withTopP(0.9).withRepetitionPenalty(1.2);
    /** A short prompt, and the session's default prompt that the lab opens with. */
    private static final String SHORT = "And God said";
    private static final String LONG = "And God said, Let there be light: and there was light.";

    @State(Scope.Benchmark)
    public static class Logits {
        @Param({"65", "50257"})
        public int vocab;

        float[] logits;
        int[] context;
        Rng rng;

        @Setup(Level.Trial)
        public void setUp() {
            rng = new Rng(1);
            logits = new float[vocab];
            for (int i = 0; i < vocab; i++) {
                logits[i] = (float) (rng.nextGaussian() * 3);
            }
            context = randomContext(rng, 64, 65);
        }
    }

    /** The bundled model, single-threaded ND4J (the machine has two cores and the UI needs one). */
    @State(Scope.Benchmark)
    public static class Bundled {
        /** "short": "And God said" (12 tokens); "long": the lab's default prompt (55 tokens, the window is 64). */
        @Param({"short", "long"})
        public String prompt;

        ModelBundle bundle;
        MiniTransformer model;
        int[] ids;
        int[] context;
        Rng rng;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Backends.start(BackendChoice.CPU);
            Backends.setThreads(1);
            bundle = Checkpoints.bundled();
            model = bundle.model();
            ids = bundle.encode(prompt.equals("long") ? LONG : SHORT).ids();
            rng = new Rng(2);
            context = randomContext(rng, 64, model.vocabSize());
        }
    }

    /** CPU time of the benchmark thread per generated token, printed after each iteration. */
    public abstract static class CpuPerToken {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        long cpuNanos;
        long counted;

        long start() {
            return THREADS.getCurrentThreadCpuTime();
        }

        void stop(long started, int generated) {
            cpuNanos += THREADS.getCurrentThreadCpuTime() - started;
            counted += generated;
        }

        @TearDown(Level.Iteration)
        public void report() {
            System.out.printf(Locale.ROOT, "  [CPU per token: %.2f ms over %d tokens]%n", cpuNanos / 1e6 / Math.max(1, counted), counted);
            cpuNanos = 0;
            counted = 0;
        }
    }

    @State(Scope.Thread)
    public static class Decoding extends CpuPerToken {
        @Param({"full", "kv"})
        public String decoding;

        @Param({"52", "200"})
        public int tokens;
    }

    @State(Scope.Thread)
    public static class RolloutDecoding extends CpuPerToken {
        @Param({"full", "kv"})
        public String decoding;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public SamplingStep samplerStep(Logits s) {
        return Sampler.step(s.logits, s.context, SETTINGS, s.rng.nextDouble(), 0);
    }

    @Benchmark
    public SamplingStep nextToken(Bundled s) {
        return Sampler.step(s.model.nextLogits(s.context), s.context, SETTINGS, s.rng.nextDouble(), 0);
    }

    @Benchmark
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 4, time = 2)
    public int[] generate(Bundled s, Decoding d) {
        long started = d.start();
        NextTokenModel model = d.decoding.equals("kv") ? new CachedDecoding(s.model) : s.model;
        Generator generator = new Generator(model, s.ids, SETTINGS.withMaxNewTokens(d.tokens));
        generator.generateAll(Progress.NONE);
        d.stop(started, d.tokens);
        return generator.generated();
    }

    @Benchmark
    @Warmup(iterations = 1, time = 2)
    @Measurement(iterations = 3, time = 2)
    public RolloutResult rollouts(Bundled s, RolloutDecoding d) {
        long started = d.start();
        NextTokenModel model = d.decoding.equals("kv")
                ? new PromptDecoding(() -> new CachedDecoding(s.model), s.ids, 8) : s.model;
        RolloutResult result = Rollouts.run(new CachedModel(model, 4096), s.ids, SETTINGS, 100, 10, Progress.NONE);
        d.stop(started, 100 * 10);
        return result;
    }

    @Benchmark
    @Warmup(iterations = 1, time = 2)
    @Measurement(iterations = 3, time = 2)
    public BeamTree beam(Bundled s, RolloutDecoding d) {
        long started = d.start();
        NextTokenModel model = d.decoding.equals("kv")
                ? new PromptDecoding(() -> new CachedDecoding(s.model), s.ids, 8) : s.model;
        BeamTree tree = BeamSearch.run(new CachedModel(model, 4096), s.ids, 3, 6, 1.0, Progress.NONE);
        d.stop(started, 3 * 6);
        return tree;
    }

    static int[] randomContext(Rng rng, int length, int vocab) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = rng.nextInt(vocab);
        }
        return out;
    }
}
