package workbench.core.recurrent;

import org.nd4j.linalg.api.ndarray.INDArray;
import workbench.core.tensor.Rng;
import workbench.core.train.AdamW;
import workbench.core.train.LearningRateSchedule;
import workbench.core.train.SequenceBatch;
import workbench.core.train.SequenceExample;
import workbench.core.train.SequenceScore;
import workbench.core.train.SyntheticTask;
import workbench.core.train.SyntheticTaskSpec;
import workbench.core.trace.GradientFlowTrace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Trains several recurrent cells side by side: at every step each model sees the same batch and
 * takes one AdamW step, so the loss curves grow together and the budget is identical. Then each
 * is tested on fresh examples at every distance of the task.
 * <p>
 * Data: training batches, test batches and the probe example come from three independent streams
 * split off {@code new Rng(seed)}; the weights come from the same seed. Training pads every batch
 * to the task's longest length so that all steps share one buffer shape.
 */
public final class RecurrentComparison {

    /** Test examples per distance. */
    public static final int TEST_PER_DISTANCE = 32;
    /** Gradients are scaled down to at most this global norm (recurrent nets can explode). */
    public static final double CLIP_NORM = 1.0;

    private final ComparisonSettings settings;
    private final List<CellKind> cells;
    private final Map<CellKind, RecurrentModel> models = new EnumMap<>(CellKind.class);
    private final Map<CellKind, TrainingLog> logs = new EnumMap<>(CellKind.class);
    private final Map<CellKind, GradientFlowTrace> flowAtInit = new EnumMap<>(CellKind.class);
    private final Rng trainData;
    private final Rng testData;
    private final SequenceExample probe;

    public RecurrentComparison(ComparisonSettings settings, List<CellKind> cells) {
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("choose at least one cell");
        }
        this.settings = settings;
        this.cells = List.copyOf(cells);
        Rng root = new Rng(settings.seed());
        this.trainData = root.split();
        this.testData = root.split();
        SyntheticTaskSpec task = settings.task();
        this.probe = task.example(task.maxDistance(), root.split());
        for (CellKind cell : this.cells) {
            RecurrentModel model = new RecurrentModel(settings.config(cell));
            models.put(cell, model);
            logs.put(cell, new TrainingLog(settings.steps()));
            flowAtInit.put(cell, flow(model));
        }
    }

    public ComparisonSettings settings() {
        return settings;
    }

    public List<CellKind> cells() {
        return cells;
    }

    /** The model of one cell (trained in place by {@link #train}). */
    public RecurrentModel model(CellKind cell) {
        RecurrentModel model = models.get(cell);
        if (model == null) {
            throw new IllegalArgumentException(cell + " is not part of this comparison");
        }
        return model;
    }

    /** The live loss log of one cell; safe to read from another thread while training runs. */
    public TrainingLog log(CellKind cell) {
        return logs.get(cell);
    }

    /** The example whose gradient flow is measured: the task at its longest distance. */
    public SequenceExample probe() {
        return probe;
    }

    /**
     * Runs the whole budget, then tests every model.
     *
     * @throws CancellationException if the monitor asks to stop; the models keep what they learned
     */
    public ComparisonResult train(TrainingMonitor monitor) {
        SyntheticTaskSpec task = settings.task();
        int steps = settings.steps();
        Map<CellKind, AdamW> optimizers = new EnumMap<>(CellKind.class);
        Map<CellKind, Long> nanos = new EnumMap<>(CellKind.class);
        for (CellKind cell : cells) {
            optimizers.put(cell, new AdamW(models.get(cell).parameters(), 0.9, 0.99, 1e-8, 0.0));
            nanos.put(cell, 0L);
        }
        LearningRateSchedule schedule = new LearningRateSchedule(settings.learningRate(), settings.learningRate() / 10,
                Math.max(1, steps / 20), steps);
        for (int step = 0; step < steps; step++) {
            if (monitor.isCancelled()) {
                throw new CancellationException("training cancelled after " + step + " steps");
            }
            SequenceBatch batch = task.batch(settings.batchSize(), trainData).padTo(task.maxLength(), SyntheticTask.BLANK);
            double lr = schedule.at(step);
            for (CellKind cell : cells) {
                long start = System.nanoTime();
                RecurrentModel model = models.get(cell);
                double loss = model.lossAndGradients(batch);
                clip(model);
                optimizers.get(cell).step(lr);
                nanos.merge(cell, System.nanoTime() - start, Long::sum);
                logs.get(cell).append(loss);
            }
            monitor.progress(0.9 * (step + 1) / steps, "Training step " + (step + 1) + " of " + steps);
        }
        List<SequenceBatch> test = new ArrayList<>();
        for (SequenceBatch b : task.sweep(TEST_PER_DISTANCE, testData)) {
            test.add(b.padTo(task.maxLength(), SyntheticTask.BLANK));
        }
        List<CellOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (monitor.isCancelled()) {
                throw new CancellationException("testing cancelled");
            }
            CellKind cell = cells.get(i);
            RecurrentModel model = models.get(cell);
            SequenceScore score = SequenceScore.empty();
            for (SequenceBatch b : test) {
                score = score.plus(model.score(b));
            }
            outcomes.add(new CellOutcome(cell, model.parameterCount(), logs.get(cell).lastSmoothed(), score,
                    flowAtInit.get(cell), flow(model), nanos.get(cell) / 1e6 / steps));
            monitor.progress(0.9 + 0.1 * (i + 1) / cells.size(), "Testing " + cell.label());
        }
        return new ComparisonResult(settings, outcomes, probe);
    }

    /** Scales the gradient to at most {@link #CLIP_NORM} in global L2 norm. */
    private static void clip(RecurrentModel model) {
        INDArray grad = model.parameters().flatGrad();
        double norm = grad.norm2Number().doubleValue();
        if (norm > CLIP_NORM) {
            grad.muli(CLIP_NORM / norm);
        }
    }

    /** Gradient flow from the probe's last scored position back to its first token. */
    private GradientFlowTrace flow(RecurrentModel model) {
        boolean[] scored = probe.scored();
        int position = scored.length - 1;
        while (!scored[position]) {
            position--;
        }
        return model.gradientFlow(probe.input(), position, probe.target()[position]);
    }
}
