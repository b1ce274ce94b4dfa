package workbench.ui.gqa;

import javafx.animation.AnimationTimer;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import workbench.concurrent.TaskHandle;
import workbench.core.gqa.ConversionExperiment;
import workbench.core.gqa.ConversionExperiment.Report;
import workbench.core.gqa.Uptraining;
import workbench.core.train.TrainingProgress;
import workbench.ui.common.LenientIntegerSpinner;

import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * "Convert": the button that pools the trained model's K/V heads into the chosen number and
 * fine-tunes the result, with progress and cancel, and the three validation losses it measured
 * (trained MHA, mean-pooled, fine-tuned) on the same windows.
 */
final class ConversionPane extends VBox {

    static final String RUN_ID = "gqa-convert";
    static final String CANCEL_ID = "gqa-convert-cancel";
    static final String PROGRESS_ID = "gqa-convert-progress";
    static final String STATUS_ID = "gqa-convert-status";
    static final String STEPS_ID = "gqa-finetune-steps";
    static final String WINDOWS_ID = "gqa-finetune-windows";
    static final String SEED_ID = "gqa-finetune-seed";
    static final String RESULTS_ID = "gqa-convert-results";
    /** Cell ids: RESULT_PREFIX + "mha" / "pooled" / "tuned" + "-loss" / "-delta". */
    static final String RESULT_PREFIX = "gqa-convert-";

    private final ConversionViewModel model;
    private final Button run = new Button("Convert");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Label live = new Label();
    private final GridPane results = new GridPane();
    private final Label summary = new Label();
    private final AnimationTimer poll;

    ConversionPane(ConversionViewModel model, IntSupplier kvHeads, javafx.beans.value.ObservableStringValue target) {
        this.model = model;
        setSpacing(8);
        Label title = new Label("Convert the trained model, then fine-tune it briefly");
        title.getStyleClass().add("section-title");
        Label intro = hint("As in the GQA paper: in every layer the key and value projections of the K/V heads in a "
                + "group are replaced by their mean, every other weight is kept, and the result is trained for a "
                + "few more steps (\"uptraining\", here at a peak learning rate of "
                + new java.math.BigDecimal(Uptraining.PEAK_LR).round(new java.math.MathContext(2)).toPlainString() + ", batch " + Uptraining.BATCH_SIZE + "). All three losses are measured on the same validation "
                + "windows of the held-out text.");
        run.setId(RUN_ID);
        run.textProperty().bind(javafx.beans.binding.Bindings.concat("Convert to ", target));
        run.setOnAction(e -> model.run(kvHeads.getAsInt()));
        cancel.setId(CANCEL_ID);
        cancel.setOnAction(e -> model.cancel());
        progress.setId(PROGRESS_ID);
        progress.setPrefWidth(180);
        status.setId(STATUS_ID);
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        live.getStyleClass().add("value-readout");
        run.disableProperty().bind(model.runningProperty());
        for (Node n : List.of(cancel, progress, live)) {
            n.visibleProperty().bind(model.runningProperty());
            n.managedProperty().bind(n.visibleProperty());
        }
        LenientIntegerSpinner steps = spinner(STEPS_ID, Uptraining.MIN_STEPS, Uptraining.MAX_STEPS, model.stepsProperty(), 50);
        LenientIntegerSpinner windows = spinner(WINDOWS_ID, ConversionExperiment.MIN_WINDOWS,
                ConversionExperiment.MAX_WINDOWS, model.windowsProperty(), 16);
        LenientIntegerSpinner seed = new LenientIntegerSpinner(0, Integer.MAX_VALUE, (int) model.seedProperty().get(), 1);
        seed.setId(SEED_ID);
        seed.valueProperty().addListener((o, a, v) -> model.seedProperty().set(v));
        model.seedProperty().addListener((o, a, v) -> seed.getValueFactory().setValue((int) v.longValue()));
        FlowPane settings = new FlowPane(12, 6, labelled("Fine-tune steps", steps), labelled("Validation windows", windows),
                labelled("Batch seed", seed));
        FlowPane actions = new FlowPane(10, 6, run, progress, cancel, live);
        actions.setAlignment(Pos.CENTER_LEFT);

        results.setId(RESULTS_ID);
        results.setHgap(18);
        results.setVgap(3);
        results.getStyleClass().add("gqa-results");
        for (int c = 0; c < 4; c++) {
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setHalignment(c == 0 ? HPos.LEFT : HPos.RIGHT);
            results.getColumnConstraints().add(constraints);
        }
        summary.setWrapText(true);
        summary.getStyleClass().add("gqa-headline");
        getChildren().addAll(title, intro, settings, actions, status, results, summary);

        poll = new AnimationTimer() {
            @Override
            public void handle(long now) {
                TaskHandle h = model.handle();
                if (h != null) {
                    progress.setProgress(h.progress() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : h.progress());
                    TrainingProgress p = model.latest();
                    live.setText(p == null ? h.message() : String.format(Locale.ROOT, "step %d of %d, batch loss %.3f",
                            p.step(), p.totalSteps(), p.trainLoss()));
                }
            }
        };
        model.runningProperty().addListener((o, was, now) -> {
            if (now) {
                progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
                poll.start();
            } else {
                poll.stop();
            }
        });
        model.reportProperty().addListener((o, a, r) -> show(r));
        show(model.report());
    }

    private void show(Report r) {
        results.getChildren().clear();
        if (r == null) {
            summary.setText("");
            return;
        }
        header("model", "validation loss", "perplexity", "Δ loss vs MHA");
        row(1, "mha", "MHA (trained)", r.mhaLoss(), Double.NaN);
        row(2, "pooled", r.kind() + ", mean-pooled", r.pooledLoss(), r.pooledLoss() - r.mhaLoss());
        row(3, "tuned", String.format(Locale.ROOT, "%s after %d fine-tune step%s", r.kind(), r.fineTune().steps(),
                r.fineTune().steps() == 1 ? "" : "s"), r.tunedLoss(), r.tunedLoss() - r.mhaLoss());
        summary.setText(summaryText(r));
    }

    /** The sentence under the table. */
    static String summaryText(Report r) {
        String recovered = Double.isFinite(r.recovered())
                ? String.format(Locale.ROOT, " The fine-tune won back %.0f%% of the increase.", 100 * r.recovered()) : "";
        return String.format(Locale.ROOT, "Pooling %d K/V heads into %d changed the loss by %+.3f nats per token.%s "
                        + "Measured on %s predicted tokens (%d windows); fine-tune batches drawn with seed %d.",
                r.fromKv(), r.settings().kvHeads(), r.pooledLoss() - r.mhaLoss(), recovered,
                workbench.ui.common.MemorySizeFormat.count(r.tokens()), r.settings().windows(), r.settings().seed());
    }

    private void header(String... names) {
        for (int c = 0; c < names.length; c++) {
            Label l = new Label(names[c]);
            l.getStyleClass().add("section-title");
            results.add(l, c, 0);
        }
    }

    private void row(int r, String key, String name, double loss, double delta) {
        results.add(new Label(name), 0, r);
        results.add(cell(key + "-loss", String.format(Locale.ROOT, "%.4f", loss)), 1, r);
        results.add(cell(key + "-perplexity", String.format(Locale.ROOT, "%.3f", Math.exp(loss))), 2, r);
        results.add(cell(key + "-delta", Double.isNaN(delta) ? "—" : String.format(Locale.ROOT, "%+.4f", delta)), 3, r);
    }

    private static Label cell(String key, String text) {
        Label l = new Label(text);
        l.setId(RESULT_PREFIX + key);
        l.getStyleClass().add("value-readout");
        return l;
    }

    void dispose() {
        poll.stop();
    }

    private static LenientIntegerSpinner spinner(String id, int min, int max,
                                                 javafx.beans.property.IntegerProperty property, int step) {
        LenientIntegerSpinner s = new LenientIntegerSpinner(min, max, property.get(), step);
        s.setId(id);
        s.valueProperty().addListener((o, a, v) -> property.set(v));
        property.addListener((o, a, v) -> s.getValueFactory().setValue(v.intValue()));
        return s;
    }

    private static VBox labelled(String text, Node control) {
        return new VBox(2, new Label(text), control);
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("hint");
        return l;
    }
}
