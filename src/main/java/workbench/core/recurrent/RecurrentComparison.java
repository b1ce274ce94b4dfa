package workbench.core.recurrent;

import org.nd4j.linalg.api.ndarray.INDArray;
import workbench.core.tensor.Rng;
import workbench.core.train.AdamW;
import workbench.core.train.LearningRateSchedule;
import workbench.core.train.SequenceBatch;
import workbench.core.train.SequenceExample;
import workbench.core.train.SequenceScore;
import workbench.core.train.SequenceTask;
import workbench.core.trace.GradientFlowTrace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Trains several models side by side, the recurrent cells and the transformer: at every step each
 * model sees the same batch and takes one AdamW step with the same learning rate, so the loss
 * curves grow together and the budget is identical. Then each is tested on the same held-out
 * examples (at every distance, for a synthetic task).
 * <p>
 * Data: training batches, test batches and the probe example come from three independent streams
 * split off {@code new Rng(seed)}; the weights come from the same seed. Every batch has the task's
 * longest length, so that all steps share one buffer shape.
 */
public final class RecurrentComparison {

    /** Gradients are scaled down to at most this global norm (recurrent nets can explode). */
    public static final double CLIP_NORM = 1.0;

    private final ComparisonSettings settings;
    private final List<Architecture> architectures;
    private final Map<Architecture, SequenceModel> models = new EnumMap<>(Architecture.class);
    private final Map<Architecture, TrainingLog> logs = new EnumMap<>(Architecture.class);
    private final Map<Architecture, GradientFlowTrace> flowAtInit = new EnumMap<>(Architecture.class);
    private final Rng trainData;
    private final Rng testData;
    private final SequenceExample probe;

    public RecurrentComparison(ComparisonSettings settings, List<Architecture> architectures) {
        if (architectures.isEmpty()) {
            throw new IllegalArgumentException("choose at least one model");
        }
        this.settings = settings;
        this.architectures = List.copyOf(architectures);
        Rng root = new Rng(settings.seed());
        this.trainData = root.split();
        this.testData = root.split();
        this.probe = settings.task().probe(root.split());
        for (Architecture a : this.architectures) {
            SequenceModel model;
            if (a.recurrent()) {
                RecurrentModel recurrent = new RecurrentModel(settings.config(a.cell()));
                flowAtInit.put(a, flow(recurrent));
                model = recurrent;
            } else {
                model = new TransformerSequenceModel(settings.transformerConfig());
            }
            models.put(a, model);
            logs.put(a, new TrainingLog(settings.steps()));
        }
    }

    /** The three recurrent cells and the transformer. */
    public static RecurrentComparison all(ComparisonSettings settings) {
        return new RecurrentComparison(settings, List.of(Architecture.values()));
    }

    public ComparisonSettings settings() {
        return settings;
    }

    /** The models trained, in order. */
    public List<Architecture> architectures() {
        return architectures;
    }

    /** The recurrent cells among them, in order. */
    public List<CellKind> cells() {
        return architectures.stream().filter(Architecture::recurrent).map(Architecture::cell).toList();
    }

    public boolean has(Architecture architecture) {
        return models.containsKey(architecture);
    }

    /** The model of one cell (trained in place by {@link #train}). */
    public RecurrentModel model(CellKind cell) {
        return (RecurrentModel) require(Architecture.of(cell));
    }

    /** The transformer (trained in place by {@link #train}). */
    public TransformerSequenceModel transformer() {
        return (TransformerSequenceModel) require(Architecture.TRANSFORMER);
    }

    private SequenceModel require(Architecture architecture) {
        SequenceModel model = models.get(architecture);
        if (model == null) {
            throw new IllegalArgumentException(architecture + " is not part of this comparison");
        }
        return model;
    }

    /** The live loss log of one model; safe to read from another thread while training runs. */
    public TrainingLog log(Architecture architecture) {
        return logs.get(architecture);
    }

    public TrainingLog log(CellKind cell) {
        return log(Architecture.of(cell));
    }

    /** Steps every model has completed so far (they advance together). */
    public int stepsDone() {
        return logs.get(architectures.get(architectures.size() - 1)).size();
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
        SequenceTask task = settings.task();
        int steps = settings.steps();
        Map<Architecture, AdamW> optimizers = new EnumMap<>(Architecture.class);
        Map<Architecture, Long> nanos = new EnumMap<>(Architecture.class);
        for (Architecture a : architectures) {
            optimizers.put(a, new AdamW(models.get(a).parameters(), 0.9, 0.99, 1e-8, 0.0));
            nanos.put(a, 0L);
        }
        LearningRateSchedule schedule = new LearningRateSchedule(settings.learningRate(), settings.learningRate() / 10,
                Math.max(1, steps / 20), steps);
        for (int step = 0; step < steps; step++) {
            if (monitor.isCancelled()) {
                throw new CancellationException("training cancelled after " + step + " steps");
            }
            SequenceBatch batch = task.trainingBatch(settings.batchSize(), trainData);
            double lr = schedule.at(step);
            for (Architecture a : architectures) {
                long start = System.nanoTime();
                SequenceModel model = models.get(a);
                double loss = model.lossAndGradients(batch);
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException(a.label() + " diverged at step " + (step + 1) + " (loss "
                            + loss + "); try another seed or a smaller model");
                }
                clip(model);
                optimizers.get(a).step(lr);
                nanos.merge(a, System.nanoTime() - start, Long::sum);
                logs.get(a).append(loss);
            }
            monitor.progress(0.9 * (step + 1) / steps, "Training step " + (step + 1) + " of " + steps);
        }
        List<SequenceBatch> test = task.testBatches(testData);
        List<ModelOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < architectures.size(); i++) {
            if (monitor.isCancelled()) {
                throw new CancellationException("testing cancelled");
            }
            Architecture a = architectures.get(i);
            SequenceModel model = models.get(a);
            SequenceScore score = SequenceScore.empty();
            for (SequenceBatch b : test) {
                score = score.plus(model.score(b));
            }
            Optional<ModelOutcome.GradientFlows> flows = a.recurrent()
                    ? Optional.of(new ModelOutcome.GradientFlows(flowAtInit.get(a), flow((RecurrentModel) model)))
                    : Optional.empty();
            outcomes.add(new ModelOutcome(a, model.parameterCount(), logs.get(a).lastSmoothed(), score, flows,
                    nanos.get(a) / 1e6 / steps));
            monitor.progress(0.9 + 0.1 * (i + 1) / architectures.size(), "Testing " + a.label());
        }
        return new ComparisonResult(settings, outcomes, probe, settings.transformerConfig());
    }

    /** Scales the gradient to at most {@link #CLIP_NORM} in global L2 norm. */
    private static void clip(SequenceModel model) {
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
