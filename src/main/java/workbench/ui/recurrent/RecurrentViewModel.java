package workbench.ui.recurrent;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import workbench.concurrent.ErrorMessages;
import workbench.concurrent.Progress;
import workbench.concurrent.TaskHandle;
import workbench.concurrent.TaskRunner;
import workbench.core.recurrent.CellKind;
import workbench.core.recurrent.ComparisonResult;
import workbench.core.recurrent.ComparisonSettings;
import workbench.core.recurrent.ForwardTiming;
import workbench.core.recurrent.RecurrentComparison;
import workbench.core.recurrent.TrainingMonitor;
import workbench.core.recurrent.TransformerSequenceModel;
import workbench.core.tokenizer.CharTokenizer;
import workbench.core.tokenizer.UnencodableTextException;
import workbench.core.train.CorpusTask;
import workbench.core.train.SequenceExample;
import workbench.core.train.SequenceTask;
import workbench.core.train.SyntheticTask;
import workbench.core.train.SyntheticTaskSpec;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.GateTrace;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The state of the Recurrent lab and the work it starts: the settings the controls edit, the
 * comparison being trained (its loss logs are read once per frame), the finished result, the
 * gate traces and the transformer's attention for the chosen input, and the timing measurement.
 * Holds no nodes.
 */
public final class RecurrentViewModel {

    static final TaskChoice DEFAULT_TASK = TaskChoice.of(SyntheticTask.BRACKETS);
    public static final int DEFAULT_DISTANCE = 24;
    public static final int DEFAULT_SYMBOLS = 4;
    public static final int DEFAULT_HIDDEN = 32;
    public static final int DEFAULT_STEPS = 300;
    public static final int DEFAULT_SEED = 42;
    /** Longest input the gate view accepts: the transformer's context, and the heatmaps stay readable. */
    public static final int MAX_INPUT = TransformerSequenceModel.CONTEXT;
    static final int TIMING_REPEATS = 9;
    /** Sequence lengths the timing measures (tests use shorter ones). */
    int[] timingLengths = ForwardTiming.DEFAULT_LENGTHS;

    private final TaskRunner tasks;
    final ObjectProperty<TaskChoice> task = new SimpleObjectProperty<>(DEFAULT_TASK);
    final IntegerProperty distance = new SimpleIntegerProperty(DEFAULT_DISTANCE);
    final IntegerProperty symbols = new SimpleIntegerProperty(DEFAULT_SYMBOLS);
    final IntegerProperty hidden = new SimpleIntegerProperty(DEFAULT_HIDDEN);
    final IntegerProperty steps = new SimpleIntegerProperty(DEFAULT_STEPS);
    final IntegerProperty seed = new SimpleIntegerProperty(DEFAULT_SEED);
    final IntegerProperty example = new SimpleIntegerProperty(0);
    final ObjectProperty<CellKind> gateCell = new SimpleObjectProperty<>(CellKind.LSTM);
    final IntegerProperty attentionLayer = new SimpleIntegerProperty(0);
    final IntegerProperty attentionHead = new SimpleIntegerProperty(0);
    final StringProperty input = new SimpleStringProperty("");
    final StringProperty inputProblem = new SimpleStringProperty("");
    final StringProperty status = new SimpleStringProperty("Choose a task and press Train.");
    final BooleanProperty training = new SimpleBooleanProperty(false);
    final BooleanProperty timingRunning = new SimpleBooleanProperty(false);
    /** The corpus task, once it has been read (in the background) for the first time. */
    final ObjectProperty<CorpusTask> corpus = new SimpleObjectProperty<>();
    final ObjectProperty<RecurrentComparison> comparison = new SimpleObjectProperty<>();
    final ObjectProperty<ComparisonResult> result = new SimpleObjectProperty<>();
    final ObjectProperty<Map<CellKind, GateTrace>> traces = new SimpleObjectProperty<>(Map.of());
    /** The transformer's trace of the same input; null when there is none. */
    final ObjectProperty<ForwardTrace> attention = new SimpleObjectProperty<>();
    final ObjectProperty<SequenceExample> shownExample = new SimpleObjectProperty<>();
    final ObjectProperty<ForwardTiming.Result> timing = new SimpleObjectProperty<>();
    /** The comparison being trained, published by the training thread for the per-frame reader. */
    private volatile RecurrentComparison live;
    private TaskHandle trainingHandle;
    private TaskHandle timingHandle;

    public RecurrentViewModel(TaskRunner tasks) {
        this.tasks = tasks;
        task.addListener((obs, old, now) -> {
            if (distance.get() < now.minDistance()) {
                distance.set(now.minDistance());
            }
            refreshExample();
        });
        distance.addListener((obs, old, now) -> refreshExample());
        symbols.addListener((obs, old, now) -> refreshExample());
        example.addListener((obs, old, now) -> refreshExample());
        seed.addListener((obs, old, now) -> refreshExample());
        refreshExample();
    }

    /** The chosen task, or null while the corpus is still being read. */
    SequenceTask sequenceTask() {
        TaskChoice choice = task.get();
        return choice.isCorpus() ? corpus.get()
                : new SyntheticTaskSpec(choice.synthetic(), distance.get(), symbols.get());
    }

    /**
     * What to train on, read on the FX thread: IllegalArgumentException with a readable message
     * if the settings are invalid. The corpus may still have to be read, so the task is fetched
     * when the work runs.
     */
    private Supplier<ComparisonSettings> settingsSupplier() {
        TaskChoice choice = task.get();
        int h = hidden.get();
        int n = steps.get();
        int s = seed.get();
        SyntheticTaskSpec spec = choice.isCorpus() ? null
                : new SyntheticTaskSpec(choice.synthetic(), distance.get(), symbols.get());
        Supplier<SequenceTask> source = spec != null ? () -> spec : CorpusTask::bundled;
        if (spec != null) {
            settingsFor(spec, h, n, s);      // fails here, on the FX thread, if something is out of range
        }
        return () -> settingsFor(source.get(), h, n, s);
    }

    private static ComparisonSettings settingsFor(SequenceTask t, int hidden, int steps, int seed) {
        return ComparisonSettings.defaults(t).withHiddenSize(hidden).withSteps(steps).withSeed(seed);
    }

    public ObjectProperty<ComparisonResult> resultProperty() {
        return result;
    }

    public ObjectProperty<Map<CellKind, GateTrace>> tracesProperty() {
        return traces;
    }

    public ObjectProperty<ForwardTrace> attentionProperty() {
        return attention;
    }

    public ObjectProperty<ForwardTiming.Result> timingProperty() {
        return timing;
    }

    public ObjectProperty<RecurrentComparison> comparisonProperty() {
        return comparison;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The comparison whose loss logs the screen should show now (the running one), or null. */
    RecurrentComparison live() {
        return live;
    }

    /** The training task, while it runs or after it ended; null before the first run. */
    TaskHandle trainingHandle() {
        return trainingHandle;
    }

    TaskHandle timingHandle() {
        return timingHandle;
    }

    /** Starts training the three cells and the transformer with the same budget, replacing any earlier run. */
    public void train() {
        Supplier<ComparisonSettings> settings;
        try {
            settings = settingsSupplier();
        } catch (IllegalArgumentException invalid) {
            status.set(invalid.getMessage());
            return;
        }
        cancelTraining();
        live = null;
        result.set(null);
        clearTraces();
        training.set(true);
        status.set("Building the models...");
        String text = input.get();
        trainingHandle = tasks.submitLatest("recurrent-train", "Training RNN, LSTM, GRU and a transformer", progress -> {
            RecurrentComparison run = RecurrentComparison.all(settings.get());
            live = run;
            ComparisonResult done = run.train(monitor(progress));
            return new Trained(run, done, tracesOf(run, text));
        }, trained -> {
            comparison.set(trained.run());
            result.set(trained.result());
            training.set(false);
            if (text.equals(input.get())) {
                showTraces(trained.traces());
            } else {
                refreshTraces();      // the input was changed while the models trained
            }
            status.set("Trained " + trained.result().settings().steps() + " steps on "
                    + trained.result().settings().task().label() + ", seed " + trained.result().settings().seed() + ".");
        }, error -> {
            training.set(false);
            status.set("Training failed: " + ErrorMessages.describe(error));
        });
    }

    /** Stops a running training; the curves keep what was learned so far. */
    public void cancelTraining() {
        boolean wasTraining = training.get();
        if (trainingHandle != null && !trainingHandle.isDone()) {
            trainingHandle.cancel();
        }
        training.set(false);
        RecurrentComparison run = live;
        if (wasTraining && run != null) {
            // The models keep what they learned so far; their gates can still be looked at.
            status.set("Cancelled after " + run.stepsDone() + " steps.");
            comparison.set(run);
            refreshTraces();
        }
    }

    /** Recomputes the gate traces and the attention map of the current input on the current models. */
    public void refreshTraces() {
        RecurrentComparison run = comparison.get();
        String text = input.get();
        String problem = problemWith(text, tokenizerForInput());
        if (!problem.isEmpty() && run != null && run.settings().task().getClass() != taskClass()) {
            problem += " The models were trained on " + run.settings().task().label() + ": press Train to train "
                    + "them on this task.";
        }
        inputProblem.set(problem);
        if (run == null || !problem.isEmpty() || training.get()) {
            return;
        }
        tasks.submitLatest("recurrent-trace", "Tracing the gates and attention", progress -> tracesOf(run, text),
                this::showTraces, error -> inputProblem.set(ErrorMessages.describe(error)));
    }

    /** Measures one forward pass of each model at growing lengths, at the chosen sizes. */
    public void measureTiming() {
        Supplier<ComparisonSettings> settings;
        try {
            settings = settingsSupplier();
        } catch (IllegalArgumentException invalid) {
            status.set(invalid.getMessage());
            return;
        }
        int[] lengths = timingLengths.clone();
        timingRunning.set(true);
        timingHandle = tasks.submitLatest("recurrent-timing", "Timing recurrent models vs the transformer", progress ->
                        ForwardTiming.measure(settings.get(), lengths, TIMING_REPEATS, monitor(progress)),
                measured -> {
                    timing.set(measured);
                    timingRunning.set(false);
                }, error -> {
                    timingRunning.set(false);
                    status.set("Timing failed: " + ErrorMessages.describe(error));
                });
    }

    public void cancelTiming() {
        if (timingHandle != null && !timingHandle.isDone()) {
            timingHandle.cancel();
        }
        timingRunning.set(false);
    }

    /** Puts every setting back to its default and forgets the results. */
    public void reset() {
        cancelTraining();
        cancelTiming();
        live = null;
        comparison.set(null);      // first, so the setting changes below trace nothing
        result.set(null);
        clearTraces();
        timing.set(null);
        task.set(DEFAULT_TASK);
        distance.set(DEFAULT_DISTANCE);
        symbols.set(DEFAULT_SYMBOLS);
        hidden.set(DEFAULT_HIDDEN);
        steps.set(DEFAULT_STEPS);
        seed.set(DEFAULT_SEED);
        example.set(0);
        gateCell.set(CellKind.LSTM);
        attentionLayer.set(0);
        attentionHead.set(0);
        status.set("Choose a task and press Train.");
        refreshExample();
    }

    public void dispose() {
        cancelTraining();
        cancelTiming();
    }

    private Class<?> taskClass() {
        return task.get().isCorpus() ? CorpusTask.class : SyntheticTaskSpec.class;
    }

    /** The tokenizer typed input must fit: the trained models', else the chosen task's (null while loading). */
    CharTokenizer tokenizerForInput() {
        RecurrentComparison run = comparison.get();
        if (run != null) {
            return run.settings().task().tokenizer();
        }
        SequenceTask t = sequenceTask();
        return t == null ? null : t.tokenizer();
    }

    /** The example the gate view shows: the task's example numbered by the spinner and the seed. */
    private void refreshExample() {
        SequenceTask t;
        try {
            t = sequenceTask();
        } catch (IllegalArgumentException invalid) {
            inputProblem.set(invalid.getMessage());
            return;
        }
        if (t == null) {
            readCorpus();
            return;
        }
        SequenceExample e = t.example(example.get(), seed.get());
        shownExample.set(e);
        input.set(t.tokenizer().decode(e.input()));
        refreshTraces();
    }

    /** Reads the corpus in the background the first time it is chosen. */
    private void readCorpus() {
        inputProblem.set("Reading the corpus...");
        tasks.submitLatest("recurrent-corpus", "Reading the corpus", progress -> CorpusTask.bundled(), loaded -> {
            corpus.set(loaded);
            inputProblem.set("");
            if (task.get().isCorpus()) {
                refreshExample();
            }
        }, error -> inputProblem.set("The corpus could not be read: " + ErrorMessages.describe(error)));
    }

    /** Empty when {@code text} can be fed to models with this tokenizer, otherwise what is wrong with it. */
    static String problemWith(String text, CharTokenizer tokenizer) {
        if (text == null || text.isEmpty()) {
            return "Type an input, for example (a[b>>.";
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_INPUT) {
            return "The input has " + length + " characters; at most " + MAX_INPUT + " fit the transformer's context "
                    + "and the heatmaps.";
        }
        if (tokenizer == null) {
            return "Reading the corpus...";
        }
        try {
            tokenizer.encode(text);
            return "";
        } catch (UnencodableTextException unknown) {
            String allowed = tokenizer.vocabSize() == SyntheticTask.VOCABULARY.length()
                    ? " Use only " + SyntheticTask.VOCABULARY + "." : " Use characters that occur in the corpus.";
            return unknown.getMessage() + allowed;
        }
    }

    private void clearTraces() {
        traces.set(Map.of());
        attention.set(null);
    }

    private void showTraces(InputTraces computed) {
        attention.set(computed.attention());
        traces.set(computed.gates());
    }

    private static InputTraces tracesOf(RecurrentComparison run, String text) {
        Map<CellKind, GateTrace> out = new EnumMap<>(CellKind.class);
        CharTokenizer tokenizer = run.settings().task().tokenizer();
        if (!problemWith(text, tokenizer).isEmpty()) {
            return new InputTraces(out, null);
        }
        int[] tokens = tokenizer.encode(text);
        for (CellKind cell : run.cells()) {
            out.put(cell, run.model(cell).trace(tokens));
        }
        ForwardTrace attention = run.has(workbench.core.recurrent.Architecture.TRANSFORMER)
                ? run.transformer().trace(tokens, id -> TokenText.visible(tokenizer.tokenText(id)))
                : null;
        return new InputTraces(out, attention);
    }

    private static TrainingMonitor monitor(Progress progress) {
        return new TrainingMonitor() {
            @Override
            public void progress(double fraction, String message) {
                progress.update(fraction, message);
            }

            @Override
            public boolean isCancelled() {
                return progress.isCancelled();
            }
        };
    }

    /** The traces of one input: every cell's gates and the transformer's forward pass (null if none). */
    private record InputTraces(Map<CellKind, GateTrace> gates, ForwardTrace attention) {
    }

    private record Trained(RecurrentComparison run, ComparisonResult result, InputTraces traces) {
    }
}
