package workbench.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
import workbench.core.attention.AttentionScaling;
import workbench.core.attention.Nd4jNaiveAttention;
import workbench.core.attention.Nd4jTiledAttention;
import workbench.core.backend.BackendChoice;
import workbench.core.backend.Backends;
import workbench.core.backend.ResidentMemory;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Naive (N×N scores materialised) against tiled (online softmax, one block of scores at a time)
 * attention on ND4J's CPU backend, d = 64, bidirectional. Run with
 * {@code mvn -Pbench -q compile exec:exec -Dbench=FlashAttentionBench}.
 * <p>
 * Time is JMH's. Extra memory is printed once per trial as "# extra memory ...": the bytes the
 * implementation allocated beyond Q, K, V and O, and the growth of the process's peak resident
 * size over building the implementation and running it once (Linux only), which also catches
 * any temporaries ND4J allocates inside its ops.
 * <p>
 * At N = 16384 the naive score matrix alone is 1 GiB off-heap; the fork's JavaCPP limits are
 * raised so that it is allowed. {@code threads} sets ND4J's (OpenMP and BLAS) threads for the trial,
 * as in {@link TransformerBench}; the bench profile of the pom sets how long idle threads spin.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=6g",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=12g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class FlashAttentionBench {

    @Param({"1", "2"})
    public int threads;

    @Param({"1024", "4096", "16384"})
    public int n;

    @Param({"naive", "tiled"})
    public String impl;

    private static final int D = 64;
    private INDArray q;
    private INDArray k;
    private INDArray v;
    private INDArray out;
    private Nd4jNaiveAttention naive;
    private Nd4jTiledAttention tiled;

    @Setup(Level.Trial)
    public void setUp() {
        Backends.start(BackendChoice.CPU);
        Backends.setThreads(threads);
        Nd4j.getRandom().setSeed(64);
        q = Nd4j.randn(DataType.FLOAT, n, D);
        k = Nd4j.randn(DataType.FLOAT, n, D);
        v = Nd4j.randn(DataType.FLOAT, n, D);
        out = Nd4j.create(DataType.FLOAT, n, D);
        System.gc();
        boolean reset = ResidentMemory.resetPeak();
        long before = ResidentMemory.current().orElse(-1);
        long allocated;
        if (impl.equals("naive")) {
            naive = new Nd4jNaiveAttention(n, n);
            allocated = naive.extraBytes();
        } else {
            tiled = new Nd4jTiledAttention(n, n, D, AttentionScaling.CPU_BLOCKS);
            allocated = tiled.extraBytes();
        }
        attend();
        long peak = ResidentMemory.peak().orElse(-1);
        String measured = reset && before >= 0 && peak >= 0 ? mib(Math.max(0, peak - before)) : "n/a";
        String fallback = tiled == null ? "" : " fallbackBlocks=" + tiled.fallbackBlocks();
        System.out.printf(Locale.ROOT, "%n# extra memory: impl=%s n=%d allocated=%s peakRssGrowth=%s%s%n",
                impl, n, mib(allocated), measured, fallback);
    }

    @Benchmark
    public INDArray attend() {
        if (naive != null) {
            naive.attend(q, k, v, out);
        } else {
            tiled.attend(q, k, v, out);
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (naive != null) {
            naive.close();
        }
        if (tiled != null) {
            tiled.close();
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.3f MiB", bytes / (1024.0 * 1024.0));
    }
}
