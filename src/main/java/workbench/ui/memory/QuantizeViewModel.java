package workbench.ui.memory;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import workbench.concurrent.ErrorMessages;
import workbench.concurrent.TaskHandle;
import workbench.concurrent.TaskRunner;
import workbench.core.memory.QuantizationExperiment;
import workbench.core.memory.QuantizationReport;
import workbench.core.memory.WeightVariant;
import workbench.core.model.ModelBundle;
import workbench.core.train.Corpus;

import java.util.Locale;

/**
 * The quantization experiment's state: the model it runs on, the running task, the last report,
 * and which tensor and variant the histogram shows. The run itself is
 * {@link QuantizationExperiment#run(ModelBundle, Corpus, workbench.concurrent.Progress)}, in the background.
 */
final class QuantizeViewModel {

    static final String TASK_KEY = "memory-quantize";
    static final String DEFAULT_TENSOR = "h0.attn.wq";
    static final WeightVariant DEFAULT_VARIANT = WeightVariant.INT8_PER_TENSOR;

    private final TaskRunner tasks;
    private final ReadOnlyObjectWrapper<ModelBundle> bundle = new ReadOnlyObjectWrapper<>(this, "bundle");
    private final ReadOnlyObjectWrapper<QuantizationReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status");
    private final ObjectProperty<String> tensor = new SimpleObjectProperty<>(this, "tensor", DEFAULT_TENSOR);
    private final ObjectProperty<WeightVariant> variant = new SimpleObjectProperty<>(this, "variant", DEFAULT_VARIANT);
    private TaskHandle handle;

    QuantizeViewModel(TaskRunner tasks) {
        this.tasks = tasks;
        status.set(idleText(null));
    }

    /** The model to quantize; a change cancels a run in progress and clears the old figures. */
    void setBundle(ModelBundle value) {
        if (value == bundle.get()) {
            return;
        }
        stop();
        bundle.set(value);
        report.set(null);
        status.set(idleText(value));
    }

    /** Starts the experiment in the background; does nothing while one runs. */
    void run() {
        ModelBundle model = bundle.get();
        if (model == null) {
            status.set("The model has not loaded yet; it loads in the background when the workbench starts.");
            return;
        }
        if (running.get()) {
            return;
        }
        running.set(true);
        status.set("Quantizing " + model.name() + " and measuring each variant…");
        handle = tasks.submitLatest(TASK_KEY, "Quantizing " + model.name(),
                progress -> QuantizationExperiment.run(model, Corpus.bundled(), progress),
                done -> {
                    if (model != bundle.get()) {
                        return; // a result for a model no longer shown
                    }
                    running.set(false);
                    report.set(done);
                    status.set(String.format(Locale.ROOT, "Measured %d variants of %s in %.1f s.",
                            done.results().size(), done.model(), done.seconds()));
                },
                error -> {
                    running.set(false);
                    status.set("The experiment failed: " + ErrorMessages.describe(error));
                });
    }

    /** Asks the run to stop at its next batch; nothing it measured so far is shown. */
    void cancel() {
        if (running.get()) {
            stop();
            status.set("Cancelled. Press Quantize and measure to run it again.");
        }
    }

    void dispose() {
        stop();
    }

    private void stop() {
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        running.set(false);
    }

    private static String idleText(ModelBundle model) {
        return model == null ? "Waiting for the model to load…"
                : "Press Quantize and measure to store " + model.name() + "'s weights in each format and measure it.";
    }

    /** The running task, for its progress; null when none runs. */
    TaskHandle handle() {
        return running.get() ? handle : null;
    }

    ReadOnlyObjectProperty<ModelBundle> bundleProperty() {
        return bundle.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<QuantizationReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    QuantizationReport report() {
        return report.get();
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    ObjectProperty<String> tensorProperty() {
        return tensor;
    }

    ObjectProperty<WeightVariant> variantProperty() {
        return variant;
    }
}
