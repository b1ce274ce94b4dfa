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
import workbench.core.tensor.Rng;
import workbench.core.tokenizer.UnencodableTextException;
import workbench.core.train.SequenceExample;
import workbench.core.train.SyntheticTask;
import workbench.core.train.SyntheticTaskSpec;
import workbench.core.trace.GateTrace;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The state of the Recurrent lab and the work it starts: the settings the controls edit, the
 * comparison being trained (its loss logs are read once per frame), the finished result, the
 * gate traces of the chosen input and the timing measurement. Holds no nodes.
 */
public final class RecurrentViewModel {

    public static final SyntheticTask DEFAULT_TASK = SyntheticTask.BRACKETS;
    public static final int DEFAULT_DISTANCE = 24;
    public static final int DEFAULT_SYMBOLS = 4;
    public static final int DEFAULT_HIDDEN = 32;
    public static final int DEFAULT_STEPS = 300;
    public static final int DEFAULT_SEED = 42;
    /** Longest input the gate view accepts: the heatmaps stay readable. */
    public static final int MAX_INPUT = 130;
    static final int TIMING_REPEATS = 5;
    /** Sequence lengths the timing measures (tests use shorter ones). */
    int[] timingLengths = ForwardTiming.DEFAULT_LENGTHS;

    private final TaskRunner tasks;
    final ObjectProperty<SyntheticTask> task = new SimpleObjectProperty<>(DEFAULT_TASK);
    final IntegerProperty distance = new SimpleIntegerProperty(DEFAULT_DISTANCE);
    final IntegerProperty symbols = new SimpleIntegerProperty(DEFAULT_SYMBOLS);
    final IntegerProperty hidden = new SimpleIntegerProperty(DEFAULT_HIDDEN);
    final IntegerProperty steps = new SimpleIntegerProperty(DEFAULT_STEPS);
    final IntegerProperty seed = new SimpleIntegerProperty(DEFAULT_SEED);
    final IntegerProperty example = new SimpleIntegerProperty(0);
    final ObjectProperty<CellKind> gateCell = new SimpleObjectProperty<>(CellKind.LSTM);
    final StringProperty input = new SimpleStringProperty("");
    final StringProperty inputProblem = new SimpleStringProperty("");
    final StringProperty status = new SimpleStringProperty("Choose a task and press Train.");
    final BooleanProperty training = new SimpleBooleanProperty(false);
    final BooleanProperty timingRunning = new SimpleBooleanProperty(false);
    final ObjectProperty<RecurrentComparison> comparison = new SimpleObjectProperty<>();
    final ObjectProperty<ComparisonResult> result = new SimpleObjectProperty<>();
    final ObjectProperty<Map<CellKind, GateTrace>> traces = new SimpleObjectProperty<>(Map.of());
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

    /** The settings the controls describe; IllegalArgumentException with a readable message if invalid. */
    public ComparisonSettings settings() {
        SyntheticTaskSpec spec = new SyntheticTaskSpec(task.get(), distance.get(), symbols.get());
        return ComparisonSettings.defaults(spec).withHiddenSize(hidden.get()).withSteps(steps.get())
                .withSeed(seed.get());
    }

    public ObjectProperty<ComparisonResult> resultProperty() {
        return result;
    }

    public ObjectProperty<Map<CellKind, GateTrace>> tracesProperty() {
        return traces;
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

    /** Starts training all three cells with the same budget, replacing any earlier run. */
    public void train() {
        ComparisonSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException invalid) {
            status.set(invalid.getMessage());
            return;
        }
        cancelTraining();
        live = null;
        result.set(null);
        traces.set(Map.of());
        training.set(true);
        status.set("Building the models...");
        String text = input.get();
        trainingHandle = tasks.submitLatest("recurrent-train", "Training RNN, LSTM and GRU", progress -> {
            RecurrentComparison run = new RecurrentComparison(settings, List.of(CellKind.values()));
            live = run;
            ComparisonResult done = run.train(monitor(progress));
            return new Trained(run, done, tracesOf(run, text));
        }, trained -> {
            comparison.set(trained.run());
            result.set(trained.result());
            training.set(false);
            if (text.equals(input.get())) {
                traces.set(trained.traces());
            } else {
                refreshTraces();      // the input was changed while the models trained
            }
            status.set("Trained " + trained.result().settings().steps() + " steps, seed "
                    + trained.result().settings().seed() + ".");
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
            status.set("Cancelled after " + run.log(CellKind.RNN).size() + " steps.");
            comparison.set(run);
            refreshTraces();
        }
    }

    /** Recomputes the gate traces of the current input on the current models. */
    public void refreshTraces() {
        RecurrentComparison run = comparison.get();
        String text = input.get();
        String problem = problemWith(text);
        inputProblem.set(problem);
        if (run == null || !problem.isEmpty() || training.get()) {
            return;
        }
        tasks.submitLatest("recurrent-trace", "Tracing the gates", progress -> tracesOf(run, text),
                traces::set, error -> inputProblem.set(ErrorMessages.describe(error)));
    }

    /** Measures one forward pass of each layer at growing lengths, at the chosen hidden size. */
    public void measureTiming() {
        int width = hidden.get();
        int[] lengths = timingLengths.clone();
        timingRunning.set(true);
        timingHandle = tasks.submitLatest("recurrent-timing", "Timing recurrent vs attention", progress ->
                        ForwardTiming.measure(width, lengths, TIMING_REPEATS, seed.get(),
                                monitor(progress)),
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
        traces.set(Map.of());
        timing.set(null);
        task.set(DEFAULT_TASK);
        distance.set(DEFAULT_DISTANCE);
        symbols.set(DEFAULT_SYMBOLS);
        hidden.set(DEFAULT_HIDDEN);
        steps.set(DEFAULT_STEPS);
        seed.set(DEFAULT_SEED);
        example.set(0);
        gateCell.set(CellKind.LSTM);
        status.set("Choose a task and press Train.");
        refreshExample();
    }

    public void dispose() {
        cancelTraining();
        cancelTiming();
    }

    /** The example the gate view shows: the task at the slider's distance, numbered from the seed. */
    private void refreshExample() {
        SyntheticTaskSpec spec;
        try {
            spec = new SyntheticTaskSpec(task.get(), distance.get(), symbols.get());
        } catch (IllegalArgumentException invalid) {
            inputProblem.set(invalid.getMessage());
            return;
        }
        SequenceExample e = spec.example(spec.maxDistance(), new Rng(seed.get() * 1_000_003L + example.get()));
        shownExample.set(e);
        input.set(SyntheticTask.tokenizer().decode(e.input()));
        refreshTraces();
    }

    /** Empty when {@code text} can be fed to the models, otherwise what is wrong with it. */
    static String problemWith(String text) {
        if (text == null || text.isEmpty()) {
            return "Type an input, for example (a[b>>.";
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_INPUT) {
            return "The input has " + length + " characters; at most " + MAX_INPUT + " fit the heatmaps.";
        }
        try {
            SyntheticTask.tokenizer().encode(text);
            return "";
        } catch (UnencodableTextException unknown) {
            return unknown.getMessage() + " Use only " + SyntheticTask.VOCABULARY + ".";
        }
    }

    private static Map<CellKind, GateTrace> tracesOf(RecurrentComparison run, String text) {
        Map<CellKind, GateTrace> out = new EnumMap<>(CellKind.class);
        if (!problemWith(text).isEmpty()) {
            return out;
        }
        int[] tokens = SyntheticTask.tokenizer().encode(text);
        for (CellKind cell : run.cells()) {
            out.put(cell, run.model(cell).trace(tokens));
        }
        return out;
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

    private record Trained(RecurrentComparison run, ComparisonResult result, Map<CellKind, GateTrace> traces) {
    }
}
