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
import workbench.core.recurrent.CausalSelfAttention;

import java.util.concurrent.TimeUnit;

/**
 * One causal self-attention layer of width 32 over one sequence of length T, the parallel
 * counterpart of {@link RecurrentBench#forwardOneSequence}.
 * Run: mvn -Pbench -q compile exec:exec -Dbench=AttentionLayerBench
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AttentionLayerBench {

    @Param({"32", "128", "512"})
    public int length;

    private CausalSelfAttention attention;

    @Setup(Level.Trial)
    public void setUp() {
        attention = new CausalSelfAttention(32, 1);
        attention.forwardOnly(length);
    }

    @Benchmark
    public void attentionLayer() {
        attention.forwardOnly(length);
    }
}
