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
import workbench.core.model.Checkpoints;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.ModelBundle;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.tensor.Rng;
import workbench.core.train.AdamW;
import workbench.core.train.Batch;
import workbench.core.train.TokenWindows;

import java.util.concurrent.TimeUnit;

/**
 * Speed of the engine on this machine.
 * <ul>
 *   <li>{@code forward64} / {@code trace64}: a 64-token prompt through the bundled model (logits only,
 *       and with every intermediate copied out as the labs need it);</li>
 *   <li>{@code trainStep}: one AdamW step of the nanoGPT CPU shape (B 12, T 64, 4 layers, 4 heads,
 *       d 128) or of a 1-layer d 64 model (shape "small"), 768 tokens per step.</li>
 * </ul>
 * Run: {@code mvn -Pbench -q compile exec:exec -Dbench=TransformerBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransformerBench {

    @Param({"1", "2"})
    public int threads;

    @Param({"nanogpt", "small"})
    public String shape;

    private ModelBundle bundled;
    private int[] prompt;
    private MiniTransformer model;
    private AdamW optimizer;
    private TokenWindows data;
    private Rng rng;
    private Batch batch;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Backends.start(BackendChoice.CPU);
        Backends.setThreads(threads);
        bundled = Checkpoints.bundled();
        String text = "In the beginning God created the heaven and the earth. And the earth was without form";
        prompt = bundled.encode(text).ids();
        TransformerConfig config = shape.equals("small")
                ? new TransformerConfig(65, 64, 64, 1, 4, 4, 256, PositionalKind.LEARNED, MaskKind.CAUSAL, true, 1)
                : TransformerConfig.nanoGptCpu(65, 1);
        model = new MiniTransformer(config);
        optimizer = AdamW.defaults(model.parameters());
        rng = new Rng(1);
        int[] tokens = new int[50_000];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = rng.nextInt(65);
        }
        data = TokenWindows.split(tokens, 0.1, 64);
        batch = data.trainingBatch(rng, 12);
    }

    @Benchmark
    public float[] forward64() {
        return bundled.model().nextLogits(prompt);
    }

    @Benchmark
    public Object trace64() {
        return bundled.trace(prompt, ForwardOptions.NONE);
    }

    @Benchmark
    public double trainStep() {
        model.parameters().zeroGrad();
        double loss = model.lossAndGradients(batch.inputs(), batch.targets(), null);
        optimizer.step(1e-4);
        return loss;
    }
}
