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
import workbench.core.recurrent.Architecture;
import workbench.core.recurrent.ComparisonSettings;
import workbench.core.recurrent.RecurrentModel;
import workbench.core.recurrent.SequenceModel;
import workbench.core.recurrent.TransformerSequenceModel;
import workbench.core.tensor.Rng;
import workbench.core.train.SequenceBatch;
import workbench.core.train.SyntheticTask;
import workbench.core.train.SyntheticTaskSpec;

import java.util.concurrent.TimeUnit;

/**
 * The Recurrent lab's costs at its default sizes (H = 32, E = 16, the transformer as wide as makes
 * its parameter count closest to the LSTM's): one training step (forward and backward over a batch
 * of 32) of each model, and one forward pass over a single sequence of length T.
 * Run: mvn -Pbench -q compile exec:exec -Dbench=RecurrentBench
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RecurrentBench {

    @Param({"RNN", "LSTM", "GRU", "TRANSFORMER"})
    public String model;

    @Param({"32", "128"})
    public int length;

    private SequenceModel sequenceModel;
    private SequenceBatch batch;
    private int[] tokens;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticTaskSpec spec = new SyntheticTaskSpec(SyntheticTask.FIRST_TOKEN, Math.min(length - 1, 64), 4);
        ComparisonSettings settings = ComparisonSettings.defaults(spec);
        Architecture a = Architecture.valueOf(model);
        sequenceModel = a.recurrent()
                ? new RecurrentModel(settings.config(a.cell()))
                : new TransformerSequenceModel(settings.transformerConfig());
        batch = spec.batch(32, new Rng(1)).padTo(length, SyntheticTask.BLANK);
        tokens = batch.inputs()[0];
    }

    @Benchmark
    public double trainingStep() {
        return sequenceModel.lossAndGradients(batch);
    }

    @Benchmark
    public void forwardOneSequence() {
        sequenceModel.forwardOnly(tokens);
    }
}
