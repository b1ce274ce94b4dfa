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
import org.openjdk.jmh.annotations.Warmup;
import workbench.core.backend.BackendChoice;
import workbench.core.backend.Backends;
import workbench.core.model.MiniTransformer;
import workbench.core.model.TransformerConfig;
import workbench.core.sampling.Sampler;
import workbench.core.sampling.SamplingSettings;
import workbench.core.sampling.SamplingStep;
import workbench.core.tensor.Rng;

import java.util.concurrent.TimeUnit;

/**
 * Cost of one generated token.
 * <ul>
 *   <li>{@code samplerStep}: the sampling pipeline alone (penalty, temperature, top-k 40, top-p 0.9,
 *       draw, trace) for a character vocabulary (65) and a GPT-2 sized one (50257);</li>
 *   <li>{@code nextToken}: the nanoGPT CPU shape's logits for a 64-token context plus the pipeline,
 *       what the sampling lab and the generate command pay per token (weights untrained: the cost
 *       does not depend on them).</li>
 * </ul>
 * Run: {@code mvn -Pbench -q compile exec:exec -Dbench=SamplingBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SamplingBench {

    private static final SamplingSettings SETTINGS = SamplingSettings.DEFAULTS.withTemperature(0.8).withTopK(40)
            .withTopP(0.9).withRepetitionPenalty(1.2);

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

    @State(Scope.Benchmark)
    public static class Model {
        MiniTransformer model;
        int[] context;
        Rng rng;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Backends.start(BackendChoice.CPU);
            rng = new Rng(2);
            model = new MiniTransformer(TransformerConfig.nanoGptCpu(65, 1));
            context = randomContext(rng, 64, 65);
        }
    }

    @Benchmark
    public SamplingStep samplerStep(Logits s) {
        return Sampler.step(s.logits, s.context, SETTINGS, s.rng.nextDouble(), 0);
    }

    @Benchmark
    public SamplingStep nextToken(Model s) {
        return Sampler.step(s.model.nextLogits(s.context), s.context, SETTINGS, s.rng.nextDouble(), 0);
    }

    static int[] randomContext(Rng rng, int length, int vocab) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = rng.nextInt(vocab);
        }
        return out;
    }
}
