package workbench.ui.memory;

import javafx.animation.AnimationTimer;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import workbench.concurrent.TaskHandle;
import workbench.core.memory.ErrorStats;
import workbench.core.memory.NumberText;
import workbench.core.memory.QuantizationReport;
import workbench.core.memory.TensorHistograms;
import workbench.core.memory.TensorRoundTrip;
import workbench.core.memory.ValidationSample;
import workbench.core.memory.VariantResult;
import workbench.core.memory.WeightVariant;
import workbench.ui.common.ThemeManager;

import java.util.List;
import java.util.Locale;

/**
 * The quantization experiment on screen: a button that runs it in the background (with progress
 * and cancel), the table of every variant's stored bytes, weight error, validation loss and
 * perplexity, and the histogram of one matrix before and after one variant.
 */
final class QuantizePane extends VBox {

    static final String[] COLUMNS = {"variant", "scales", "bytes", "saved", "error", "loss", "delta", "ppl"};
    private static final String[] HEADERS = {"Variant", "Scales", "Stored bytes", "Saved",
        "Weight error", "Val. loss", "Δ loss", "Perplexity"};

    private final QuantizeViewModel model;
    private final Button run = new Button("Quantize and measure");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Label sample = new Label();
    private final GridPane table = new GridPane();
    private final ComboBox<String> tensor = new ComboBox<>();
    private final ComboBox<WeightVariant> variant = new ComboBox<>();
    private final WeightHistogramCanvas histogram;
    private final Label caption = new Label();
    private final AnimationTimer poll;

    QuantizePane(QuantizeViewModel model, ThemeManager themes) {
        this.model = model;
        this.histogram = new WeightHistogramCanvas(themes);
        setId(MemoryView.QUANTIZE_ID);
        setSpacing(8);
        getStyleClass().add("quantize-pane");

        Label title = new Label("Quantize the loaded model — for real");
        title.getStyleClass().add("section-title");
        Label intro = hint("Each variant is a copy of the model whose 26 weight matrices (attention and feed-forward "
                + "matrices, token and position embeddings) are stored in the format and read back; the copy then "
                + "computes exactly as the original does, on the values it read back. The 2,304 LayerNorm gains and "
                + "biases stay fp32 in every variant. int8 and int4 are symmetric absmax: scale = max|w| / 127 (or / 7) "
                + "per tensor, or per output channel (a column of a matrix, a row of an embedding table), with "
                + "the scales stored as fp32 and counted.");

        run.setId(MemoryView.QUANTIZE_RUN_ID);
        run.setOnAction(e -> model.run());
        cancel.setId(MemoryView.QUANTIZE_CANCEL_ID);
        cancel.setOnAction(e -> model.cancel());
        progress.setId(MemoryView.QUANTIZE_PROGRESS_ID);
        progress.setPrefWidth(180);
        status.setId(MemoryView.QUANTIZE_STATUS_ID);
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        run.disableProperty().bind(model.runningProperty().or(model.bundleProperty().isNull()));
        cancel.visibleProperty().bind(model.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        progress.visibleProperty().bind(model.runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        FlowPane actions = new FlowPane(10, 6, run, progress, cancel, status);
        actions.setAlignment(Pos.CENTER_LEFT);

        sample.setId(MemoryView.QUANTIZE_SAMPLE_ID);
        sample.setWrapText(true);
        table.setId(MemoryView.QUANTIZE_TABLE_ID);
        table.getStyleClass().add("quantize-table");
        table.setHgap(16);
        table.setVgap(3);
        for (int c = 0; c < HEADERS.length; c++) {
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setHalignment(c < 2 ? HPos.LEFT : HPos.RIGHT);
            table.getColumnConstraints().add(constraints);
        }
        Label tableHint = hint("Stored bytes: every weight as stored, scales and fp32 LayerNorm values included. Weight "
                + "error: the root-mean-square change of the matrices' values as a share of their root-mean-square "
                + "size. Δ loss is against the fp32 row on the same windows, so it is far steadier than the losses "
                + "themselves. Perplexity = e^loss. Click a row to draw it below.");

        tensor.setId(MemoryView.HISTOGRAM_TENSOR_ID);
        tensor.valueProperty().bindBidirectional(model.tensorProperty());
        variant.setId(MemoryView.HISTOGRAM_VARIANT_ID);
        variant.getItems().setAll(WeightVariant.values());
        variant.valueProperty().bindBidirectional(model.variantProperty());
        HBox pickers = new HBox(8, new Label("Histogram of"), tensor, new Label("after"), variant);
        pickers.setAlignment(Pos.CENTER_LEFT);
        histogram.setId(MemoryView.HISTOGRAM_ID);
        caption.setId(MemoryView.HISTOGRAM_CAPTION_ID);
        caption.setWrapText(true);
        caption.getStyleClass().add("value-readout");

        getChildren().addAll(title, intro, actions, sample, table, tableHint, pickers, histogram, caption);

        poll = new AnimationTimer() {
            @Override
            public void handle(long now) {
                TaskHandle h = model.handle();
                if (h != null) {
                    progress.setProgress(h.progress() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : h.progress());
                }
            }
        };
        model.runningProperty().addListener((obs, old, now) -> {
            if (now) {
                progress.setProgress(0);
                poll.start();
            } else {
                poll.stop();
            }
        });
        model.reportProperty().addListener((obs, old, now) -> showReport(now));
        model.tensorProperty().addListener((obs, old, now) -> showHistogram());
        model.variantProperty().addListener((obs, old, now) -> {
            showHistogram();
            markSelectedRow();
        });
        showReport(model.report());
    }

    void dispose() {
        poll.stop();
    }

    /** Node id of a table cell, e.g. "memory-q-int8-channel-loss"; columns are {@link #COLUMNS}. */
    static String cellId(WeightVariant v, String column) {
        return "memory-q-" + v.key() + "-" + column;
    }

    private void showReport(QuantizationReport report) {
        table.getChildren().clear();
        if (report == null) {
            sample.setText("");
            tensor.getItems().clear();
            tensor.setDisable(true);
            histogram.clear("Press Quantize and measure to see the weights before and after.");
            caption.setText("");
            return;
        }
        sample.setText(sampleText(report));
        for (int c = 0; c < HEADERS.length; c++) {
            Label header = new Label(HEADERS[c]);
            header.setMinWidth(Region.USE_PREF_SIZE);
            header.getStyleClass().addAll("gpu-grid-header", "quantize-cell");
            table.add(header, c, 0);
        }
        List<VariantResult> results = report.results();
        for (int r = 0; r < results.size(); r++) {
            VariantResult result = results.get(r);
            String[] cells = row(report, result);
            for (int c = 0; c < cells.length; c++) {
                Label cell = new Label(cells[c]);
                cell.setId(cellId(result.variant(), COLUMNS[c]));
                cell.setMinWidth(Region.USE_PREF_SIZE); // never "…": the pane scrolls sideways before a figure is cut
                if (c == 0) {
                    cell.setTooltip(new Tooltip(result.variant().description()));
                }
                cell.getStyleClass().addAll(c == 0 ? "quantize-variant" : "value-readout", "quantize-cell");
                cell.setOnMouseClicked(e -> model.variantProperty().set(result.variant()));
                table.add(cell, c, r + 1);
            }
        }
        String keep = model.tensorProperty().get();
        tensor.getItems().setAll(report.histogramNames());
        tensor.setDisable(false);
        model.tensorProperty().set(report.histogramNames().contains(keep) ? keep : report.histogramNames().get(0));
        markSelectedRow();
        showHistogram();
    }

    /** The figures of one table row, as shown. */
    static String[] row(QuantizationReport report, VariantResult r) {
        WeightVariant v = r.variant();
        return new String[]{
            v.label(),
            v.isInteger() ? String.format(Locale.ROOT, "%,d", r.scales()) : "–",
            String.format(Locale.ROOT, "%,d", r.storedBytes()),
            String.format(Locale.ROOT, "%.1f%%", 100 * report.savedFraction(r)),
            v == WeightVariant.FP32 ? "0" : NumberText.significant(100 * r.matrixError().relativeRmse(), 2) + "%",
            String.format(Locale.ROOT, "%.4f", r.loss()),
            deltaText(report.deltaLoss(r)),
            String.format(Locale.ROOT, "%.3f", r.perplexity())};
    }

    /** Δ loss to 4 decimals; one too small for that keeps two significant digits instead of showing ±0.0000. */
    static String deltaText(double delta) {
        if (delta == 0 || Math.abs(delta) >= 0.0005) {
            return String.format(Locale.ROOT, "%+.4f", delta);
        }
        return NumberText.signed(delta, 2);
    }

    static String sampleText(QuantizationReport report) {
        ValidationSample s = report.sample();
        return String.format(Locale.ROOT, "%s (%,d parameters), measured on %d of the %,d windows of %d tokens that tile "
                        + "the held-out last tenth of the King James text (evenly spaced; %,d predicted characters), "
                        + "%d windows per forward pass. Every variant reads the same windows.",
                report.model(), report.parameters(), s.windows(), s.availableWindows(), s.windowLength(),
                s.predictedTokens(), s.batches().get(0).size());
    }

    private void markSelectedRow() {
        for (Node n : table.getChildren()) {
            n.getStyleClass().remove("quantize-selected");
            Integer row = GridPane.getRowIndex(n);
            QuantizationReport report = model.report();
            if (report != null && row != null && row > 0
                    && report.results().get(row - 1).variant() == model.variantProperty().get()) {
                n.getStyleClass().add("quantize-selected");
            }
        }
    }

    private void showHistogram() {
        QuantizationReport report = model.report();
        WeightVariant v = model.variantProperty().get();
        String name = model.tensorProperty().get();
        if (report == null || v == null || name == null || !report.histogramNames().contains(name)) {
            return;
        }
        TensorHistograms h = report.histograms(name);
        int index = report.results().stream().map(VariantResult::variant).toList().indexOf(v);
        if (index < 0) {
            histogram.clear(v.label() + " was not measured.");
            return;
        }
        histogram.show(String.format(Locale.ROOT, "%s · %,d values · %d bins over ±%s", name, h.values(),
                h.original().bins(), NumberText.significant(h.original().hi(), 3)), h.original(), h.stored().get(index),
                v.label());
        caption.setText(captionText(report, name, v));
    }

    /** What the variant did to the chosen matrix (or to all of them), in figures. */
    static String captionText(QuantizationReport report, String name, WeightVariant v) {
        VariantResult result = report.result(v);
        ErrorStats e;
        String what;
        if (QuantizationReport.POOLED.equals(name)) {
            e = result.matrixError();
            what = "all " + result.tensors().stream().filter(TensorRoundTrip::matrix).count() + " matrices";
        } else {
            TensorRoundTrip t = result.tensors().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            e = t.error();
            what = name + " (" + t.rows() + " × " + t.cols() + (t.scales() > 0 ? ", " + t.scales() + " scale"
                    + (t.scales() == 1 ? "" : "s") : "") + ")";
        }
        if (e.maxAbs() == 0) {
            return v.label() + " on " + what + ": every value is stored exactly.";
        }
        return v.label() + " on " + what + ": largest change " + NumberText.significant(e.maxAbs(), 3)
                + ", root-mean-square change " + NumberText.significant(e.rmse(), 3) + " ("
                + NumberText.significant(100 * e.relativeRmse(), 2) + "% of the values' own RMS).";
    }

    private static Label hint(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("hint");
        label.setWrapText(true);
        return label;
    }
}
