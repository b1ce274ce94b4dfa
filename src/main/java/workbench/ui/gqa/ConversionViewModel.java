package workbench.ui.gqa;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import workbench.concurrent.ErrorMessages;
import workbench.concurrent.TaskHandle;
import workbench.core.gqa.ConversionExperiment;
import workbench.core.gqa.ConversionExperiment.Report;
import workbench.core.gqa.Uptraining;
import workbench.core.model.ModelBundle;
import workbench.core.train.Corpus;
import workbench.core.train.TrainingProgress;
import workbench.ui.common.LabContext;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The "Convert" experiment's state: its settings (fine-tune steps, validation windows, seed), the
 * running task with its progress and cancel, and the last {@link Report}. The experiment itself
 * is {@link ConversionExperiment#run}, in the background; the fine-tuned model it returns is
 * handed to {@code onTuned}.
 */
final class ConversionViewModel {

    static final String TASK_KEY = "gqa-convert";

    /** What a finished run hands on: the K/V heads it pooled to, the fine-tuned model and its steps. */
    interface TunedListener {
        void tuned(int kvHeads, workbench.core.model.MiniTransformer model, int steps);
    }

    private final LabContext context;
    private final TunedListener onTuned;
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", Uptraining.DEFAULT_STEPS);
    private final IntegerProperty windows = new SimpleIntegerProperty(this, "windows", ConversionExperiment.DEFAULT_WINDOWS);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", ConversionExperiment.DEFAULT_SEED);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<Report> report = new ReadOnlyObjectWrapper<>(this, "report");
    /** The fine-tune's latest step, written by the task's thread and read once per frame. */
    private final AtomicReference<TrainingProgress> latest = new AtomicReference<>();
    private ModelBundle bundle;
    private TaskHandle handle;

    ConversionViewModel(LabContext context, TunedListener onTuned) {
        this.context = context;
        this.onTuned = onTuned;
        status.set(idleText(null));
    }

    void setBundle(ModelBundle value) {
        if (value == bundle) {
            return;
        }
        stop();
        bundle = value;
        report.set(null);
        status.set(idleText(value));
    }

    /** Converts the model to {@code kvHeads} K/V heads and fine-tunes it; does nothing while a run is going. */
    void run(int kvHeads) {
        ModelBundle model = bundle;
        if (model == null) {
            status.set("The model has not loaded yet; it loads in the background when the workbench starts.");
            return;
        }
        if (running.get()) {
            return;
        }
        ConversionExperiment.Settings settings;
        try {
            settings = new ConversionExperiment.Settings(kvHeads, steps.get(), windows.get(), seed.get());
        } catch (IllegalArgumentException bad) {
            status.set(bad.getMessage());
            return;
        }
        String kind = GroupMapsViewModel.label(model.model().config().heads(), kvHeads);
        if (kvHeads == model.model().config().kvHeads()) {
            status.set("The model is already " + kind + ": choose GQA or MQA to convert it.");
            return;
        }
        running.set(true);
        latest.set(null);
        status.set(String.format(Locale.ROOT, "Converting %s to %s and fine-tuning for %d steps (seed %d)…",
                model.name(), kind, settings.steps(), settings.seed()));
        handle = context.tasks().submitLatest(TASK_KEY, "Converting to " + kind + " and fine-tuning",
                progress -> ConversionExperiment.run(model.model(), model.tokenizer(), Corpus.bundled(), settings,
                        progress, latest::set),
                outcome -> {
                    if (model != bundle) {
                        return; // a result for a model no longer shown
                    }
                    running.set(false);
                    handle = null;
                    report.set(outcome.report());
                    status.set(doneText(outcome.report()));
                    if (outcome.report().fineTune().steps() > 0) {
                        onTuned.tuned(kvHeads, outcome.tuned(), outcome.report().fineTune().steps());
                    }
                },
                error -> {
                    running.set(false);
                    handle = null;
                    status.set("The conversion failed: " + ErrorMessages.describe(error));
                });
    }

    static String doneText(Report r) {
        var tune = r.fineTune();
        String stopped = tune.cancelled() ? String.format(Locale.ROOT, " Cancelled after %d of %d steps; the figures "
                + "are for the steps done.", tune.steps(), tune.plannedSteps()) : "";
        return String.format(Locale.ROOT, "Done in %.1f s of fine-tuning.%s", tune.seconds(), stopped);
    }

    /** Asks the fine-tune to stop after its current step; the steps done so far are kept and measured. */
    void cancel() {
        if (handle != null && running.get()) {
            handle.cancel();
            status.set("Stopping after the current step…");
        }
    }

    private void stop() {
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        running.set(false);
    }

    void dispose() {
        stop();
    }

    private static String idleText(ModelBundle model) {
        return model == null ? "Waiting for the model to load…"
                : "Press Convert to pool " + model.name() + "'s K/V heads and fine-tune the result.";
    }

    /** The running task (for its progress), or null. */
    TaskHandle handle() {
        return running.get() ? handle : null;
    }

    /** The fine-tune's latest step report, or null before the first. */
    TrainingProgress latest() {
        return latest.get();
    }

    IntegerProperty stepsProperty() {
        return steps;
    }

    IntegerProperty windowsProperty() {
        return windows;
    }

    LongProperty seedProperty() {
        return seed;
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Report> reportProperty() {
        return report.getReadOnlyProperty();
    }

    Report report() {
        return report.get();
    }

    void reset() {
        steps.set(Uptraining.DEFAULT_STEPS);
        windows.set(ConversionExperiment.DEFAULT_WINDOWS);
        seed.set(ConversionExperiment.DEFAULT_SEED);
    }
}
