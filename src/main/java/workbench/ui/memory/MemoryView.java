package workbench.ui.memory;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import workbench.core.memory.BitPattern;
import workbench.core.memory.ComputeOptimal;
import workbench.core.memory.FloatFormat;
import workbench.core.memory.GpuFits;
import workbench.core.memory.MemoryPart;
import workbench.core.memory.MemoryReport;
import workbench.core.memory.MemoryRequest;
import workbench.core.memory.NumberText;
import workbench.core.memory.ParameterCount;
import workbench.core.memory.Precision;
import workbench.core.memory.ModelWeights;
import workbench.core.memory.WeightBits;
import workbench.core.model.ModelBundle;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.LabSettings;

import java.util.EnumMap;
import java.util.Map;

/**
 * The memory lab: how many bytes a model needs for inference and for training, which GPUs that
 * fits on, what one weight looks like in fp32, fp16 and bf16, and how much data a model of this
 * size should see, and what storing the loaded model's weights in fewer bits does to it, measured.
 */
public final class MemoryView implements LabPage {

    public static final String ID = "memory";
    public static final String VIEW_ID = "memory-view";
    public static final String MODEL_CHOICE_ID = "memory-model";
    public static final String PARAMETERS_ID = "memory-parameters";
    public static final String LAYERS_ID = "memory-layers";
    public static final String D_MODEL_ID = "memory-d-model";
    public static final String HEADS_ID = "memory-heads";
    public static final String KV_HEADS_ID = "memory-kv-heads";
    public static final String PRECISION_ID = "memory-precision";
    public static final String CONTEXT_ID = "memory-context";
    public static final String BATCH_ID = "memory-batch";
    public static final String CALCULATOR_MESSAGE_ID = "memory-calculator-message";
    public static final String SUMMARY_ID = "memory-summary";
    public static final String BARS_ID = "memory-bars";
    public static final String GPU_GRID_ID = "memory-gpus";
    public static final String INFERENCE_CARD_ID = "memory-inference";
    public static final String TRAINING_CARD_ID = "memory-training";
    public static final String RULE_CARD_ID = "memory-rule";
    public static final String WEIGHT_INPUT_ID = "memory-weight";
    public static final String WEIGHT_MESSAGE_ID = "memory-weight-message";
    public static final String RANGE_ID = "memory-format-range";
    public static final String OPTIMAL_MODEL_ID = "memory-optimal-model";
    public static final String TOKENS_INPUT_ID = "memory-tokens";
    public static final String OPTIMAL_TOKENS_ID = "memory-optimal-tokens";
    public static final String WEIGHT_TYPED_ID = "memory-weight-typed";
    public static final String WEIGHT_FROM_MODEL_ID = "memory-weight-from-model";
    public static final String PICK_TENSOR_ID = "memory-pick-tensor";
    public static final String PICK_RULE_ID = "memory-pick-rule";
    public static final String PICK_ROW_ID = "memory-pick-row";
    public static final String PICK_COL_ID = "memory-pick-col";
    public static final String PICK_SEED_ID = "memory-pick-seed";
    public static final String PICK_DRAW_ID = "memory-pick-draw";
    public static final String PICK_DESCRIPTION_ID = "memory-pick-description";
    public static final String QUANTIZE_ID = "memory-quantize";
    public static final String QUANTIZE_RUN_ID = "memory-quantize-run";
    public static final String QUANTIZE_CANCEL_ID = "memory-quantize-cancel";
    public static final String QUANTIZE_PROGRESS_ID = "memory-quantize-progress";
    public static final String QUANTIZE_STATUS_ID = "memory-quantize-status";
    public static final String QUANTIZE_SAMPLE_ID = "memory-quantize-sample";
    public static final String QUANTIZE_TABLE_ID = "memory-quantize-table";
    public static final String HISTOGRAM_ID = "memory-histogram";
    public static final String HISTOGRAM_TENSOR_ID = "memory-histogram-tensor";
    public static final String HISTOGRAM_VARIANT_ID = "memory-histogram-variant";
    public static final String HISTOGRAM_CAPTION_ID = "memory-histogram-caption";

    private final LabContext context;
    private final MemoryViewModel model = new MemoryViewModel();
    private final ScrollPane view = new ScrollPane();
    private final VBox content = new VBox(14);
    private final VBox controls = new VBox();
    private final MemoryBarsCanvas bars;
    private final FormatRangeCanvas range;
    private final GpuFitGrid gpuGrid = new GpuFitGrid();
    private final EstimateCard inferenceCard = new EstimateCard(INFERENCE_CARD_ID);
    private final EstimateCard trainingCard = new EstimateCard(TRAINING_CARD_ID);
    private final EstimateCard ruleCard = new EstimateCard(RULE_CARD_ID);
    private final Map<FloatFormat, BitFieldPane> bitPanes = new EnumMap<>(FloatFormat.class);
    private final Label summary = new Label();
    private final Label optimalForModel = new Label();
    private final Label optimalForTokens = new Label();
    private final QuantizeViewModel quantize;
    private final QuantizePane quantizePane;
    private final ChangeListener<ModelBundle> modelListener = (obs, old, now) -> showModel(now);

    public MemoryView(LabContext context) {
        this.context = context;
        bars = new MemoryBarsCanvas(context.themes());
        range = new FormatRangeCanvas(context.themes());
        quantize = new QuantizeViewModel(context.tasks());
        quantizePane = new QuantizePane(quantize, context.themes());
        buildView();
        buildControls();
        context.models().modelProperty().addListener(modelListener);
        showModel(context.models().modelProperty().get());
        model.reportProperty().addListener((obs, old, now) -> showReport(now));
        model.weightBitsProperty().addListener((obs, old, now) -> showWeight(now));
        model.optimalForModelProperty().addListener((obs, old, now) -> showOptimalForModel(now));
        model.optimalForTokensProperty().addListener((obs, old, now) -> showOptimalForTokens(now));
        showReport(model.report());
        showWeight(model.weightBits());
        showOptimalForModel(model.optimalForModelProperty().get());
        showOptimalForTokens(model.optimalForTokensProperty().get());
    }

    /** Node id of the bit field of {@code format}, e.g. "bits-fp16"; its parts add -hex, -value, -error, -fields. */
    public static String bitsId(FloatFormat format) {
        return "bits-" + format.label();
    }

    /** Node id of a GPU row's cell: {@code row} in the order of gpus.csv. */
    public static String gpuCellId(int row, boolean training) {
        return "memory-gpu-" + (training ? "training-" : "inference-") + row;
    }

    public MemoryViewModel viewModel() {
        return model;
    }

    /** The quantization experiment's state (its report once run). */
    QuantizeViewModel quantizeModel() {
        return quantize;
    }

    /** The session's model changed: the picker entry, the weights to pick from and the model to quantize follow. */
    private void showModel(ModelBundle bundle) {
        model.setLoadedModel(bundle == null ? null : bundle.name(), bundle == null ? null : bundle.model().config());
        quantize.setBundle(bundle);
        if (bundle == null) {
            model.picker().setWeights(null);
            return;
        }
        context.tasks().submitLatest("memory-weights", "Reading the weights of " + bundle.name(),
                progress -> ModelWeights.of(bundle.model().parameters()),
                weights -> {
                    if (bundle == context.models().modelProperty().get()) {
                        model.picker().setWeights(weights);
                    }
                }, null);
    }

    private void buildView() {
        Label title = new Label("Memory and precision");
        title.getStyleClass().add("page-title");
        Label intro = new Label("How many bytes does a model need, will it fit on a GPU, and what does storing a weight "
                + "in fewer bits cost? Every figure below is arithmetic you can follow, written out under it.");
        intro.getStyleClass().add("hint");
        intro.setWrapText(true);

        Label message = errorLabel(CALCULATOR_MESSAGE_ID);
        message.textProperty().bind(model.calculatorMessageProperty());
        summary.setId(SUMMARY_ID);
        summary.getStyleClass().add("value-readout");
        summary.setWrapText(true);

        bars.setId(BARS_ID);
        VBox chart = new VBox(4, bars, legend());
        gpuGrid.setId(GPU_GRID_ID);
        Label gpuHint = new Label("Usable memory: " + Math.round(GpuFits.USABLE_FRACTION * 100) + "% of the nominal "
                + "capacity, read as GiB (the rest goes to the CUDA context, the allocator and fragmentation). "
                + "\"needs n\": the bytes split evenly over n GPUs. Dashed lines in the chart mark these capacities.");
        gpuHint.getStyleClass().add("hint");
        gpuHint.setWrapText(true);
        VBox gpus = new VBox(6, sectionTitle("Which GPUs?"), gpuGrid, gpuHint);
        gpuHint.setPrefWidth(1);
        gpuHint.minWidthProperty().bind(gpuGrid.widthProperty());
        gpuHint.maxWidthProperty().bind(gpuGrid.widthProperty());
        // Beside the chart when the chart keeps at least 560 px, under it otherwise (projector text).
        SideBySidePane calculator = new SideBySidePane(chart, gpus, 560, 18);

        HBox cards = new HBox(10, inferenceCard, trainingCard, ruleCard);
        for (Node card : cards.getChildren()) {
            HBox.setHgrow(card, Priority.ALWAYS);
            ((Region) card).setMaxWidth(Double.MAX_VALUE);
            ((Region) card).setPrefWidth(100);
        }
        Label ruleHint = new Label("The rule of thumb (hatched) is a different kind of figure: bytes per parameter only, "
                + "blind to context, batch and architecture. Put it beside the itemised bar, not in its place.");
        ruleHint.getStyleClass().add("hint");
        ruleHint.setWrapText(true);

        content.getChildren().addAll(title, intro,
                sectionTitle("How much memory?"), summary, message, calculator, cards, ruleHint,
                bitsSection(), quantizePane, optimalSection());
        content.setPadding(new Insets(12));
        content.getStyleClass().add("memory-content");
        view.setContent(content);
        view.setFitToWidth(true);
        view.setId(VIEW_ID);
        view.getStyleClass().add("memory-view");
        view.getStylesheets().add(MemoryView.class.getResource("/workbench/ui/memory.css").toExternalForm());
    }

    private Node legend() {
        FlowPane legend = new FlowPane(14, 4);
        for (MemoryPart part : MemoryPart.values()) {
            Region swatch = new Region();
            swatch.getStyleClass().add(MemoryColors.hatched(part) ? "swatch-hatched" : "swatch");
            swatch.setStyle("-fx-background-color: " + MemoryColors.css(part) + ";");
            Label label = new Label(part.label());
            HBox item = new HBox(5, swatch, label);
            item.setAlignment(Pos.CENTER_LEFT);
            legend.getChildren().add(item);
        }
        return legend;
    }

    private Node bitsSection() {
        Label message = errorLabel(WEIGHT_MESSAGE_ID);
        message.textProperty().bind(model.weightMessageProperty());
        Label hint = new Label("Type a weight (0.1, -3.2e-5, 65520, 1e-8, inf, nan), or pick a real one of the loaded "
                + "model. fp32 is the nearest float to a typed number; fp16 and bf16 are rounded from that fp32 value, "
                + "as casting a model does. Errors are measured against what you typed, or against the model's fp32 "
                + "value.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        WeightSourcePane input = new WeightSourcePane(model, message);
        VBox box = new VBox(8, sectionTitle("Bits of one weight"), input, hint);
        for (FloatFormat f : FloatFormat.values()) {
            BitFieldPane pane = new BitFieldPane(f);
            bitPanes.put(f, pane);
            box.getChildren().add(pane);
        }
        range.setId(RANGE_ID);
        Label rangeHint = new Label("Positive magnitudes on a log scale. Pale: subnormals (fewer significant bits). "
                + "Solid: normal numbers. ε is the gap between 1 and the next value; the digits are (mantissa bits + 1)"
                + " × log10 2. bf16 keeps fp32's range and gives up precision; fp16 keeps more precision in a far "
                + "narrower range.");
        rangeHint.getStyleClass().add("hint");
        rangeHint.setWrapText(true);
        box.getChildren().addAll(sectionTitle("Range and precision of each format"), range, rangeHint);
        return box;
    }

    private Node optimalSection() {
        optimalForModel.setId(OPTIMAL_MODEL_ID);
        optimalForModel.setWrapText(true);
        optimalForTokens.setId(OPTIMAL_TOKENS_ID);
        optimalForTokens.setWrapText(true);
        TextField tokens = new TextField();
        tokens.setId(TOKENS_INPUT_ID);
        tokens.setPrefColumnCount(10);
        tokens.textProperty().bindBidirectional(model.tokensProperty());
        Label message = errorLabel("memory-tokens-message");
        message.textProperty().bind(model.tokensMessageProperty());
        HBox input = new HBox(8, new Label("Or with a data budget of"), tokens, new Label("tokens:"), message);
        input.setAlignment(Pos.CENTER_LEFT);
        Label source = new Label("Hoffmann et al. 2022 (Chinchilla): for a fixed compute budget, train on about "
                + "20 tokens per parameter. Training compute C ≈ 6·N·D FLOPs (Kaplan et al. 2020).");
        source.getStyleClass().add("hint");
        source.setWrapText(true);
        return new VBox(6, sectionTitle("How much data? The compute-optimal rule of thumb"), optimalForModel, input,
                optimalForTokens, source);
    }

    private void buildControls() {
        ComboBox<MemoryViewModel.ModelChoice> models = new ComboBox<>();
        models.setId(MODEL_CHOICE_ID);
        models.setItems(model.choices());
        models.valueProperty().bindBidirectional(model.modelProperty());
        models.setMaxWidth(Double.MAX_VALUE);

        TextField parameters = field(PARAMETERS_ID, model.parametersProperty());
        GridPane shape = new GridPane();
        shape.setHgap(8);
        shape.setVgap(6);
        shape.addRow(0, fieldLabel("Layers"), field(LAYERS_ID, model.layersProperty()));
        shape.addRow(1, fieldLabel("d_model"), field(D_MODEL_ID, model.dModelProperty()));
        shape.addRow(2, fieldLabel("Heads"), field(HEADS_ID, model.headsProperty()));
        shape.addRow(3, fieldLabel("KV heads"), field(KV_HEADS_ID, model.kvHeadsProperty()));
        Label shapeHint = new Label("Layers, heads and width size the KV cache and the activations. "
                + "Typing here makes the model Custom. Counts: 124M, 6.7B, 7e9.");
        shapeHint.getStyleClass().add("hint");
        shapeHint.setWrapText(true);

        ComboBox<Precision> precision = new ComboBox<>();
        precision.setId(PRECISION_ID);
        precision.getItems().setAll(Precision.values());
        precision.valueProperty().bindBidirectional(model.precisionProperty());
        precision.setMaxWidth(Double.MAX_VALUE);

        Label message = errorLabel(CALCULATOR_MESSAGE_ID + "-controls");
        message.textProperty().bind(model.calculatorMessageProperty());

        controls.getChildren().addAll(sectionTitle("Model"), models, new Label("Parameters"), parameters, shape,
                shapeHint, sectionTitle("Precision of the weights"), precision,
                new Label("Context (tokens per sequence)"), field(CONTEXT_ID, model.contextProperty()),
                new Label("Batch (sequences)"), field(BATCH_ID, model.batchProperty()), message);
        controls.getStyleClass().add("controls-box");
        controls.getStylesheets().add(MemoryView.class.getResource("/workbench/ui/memory.css").toExternalForm());
    }

    private static TextField field(String id, javafx.beans.property.StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(6);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static Label fieldLabel(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label sectionTitle(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static Label errorLabel(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("memory-error");
        label.setWrapText(true);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private void showReport(MemoryReport report) {
        if (report == null) {
            return;
        }
        MemoryRequest r = report.request();
        summary.setText(r.model().name() + "  ·  " + ParameterCount.format(r.model().parameters()) + " parameters ("
                + ParameterCount.grouped(r.model().parameters()) + ")  ·  " + r.precision().label() + "  ·  "
                + ParameterCount.grouped(r.context()) + " tokens × batch " + r.batch());
        bars.show(report, model.gpus());
        gpuGrid.show(report);
        inferenceCard.show(report.inference());
        trainingCard.show(report.training());
        ruleCard.show(report.ruleOfThumb());
    }

    private void showWeight(WeightBits bits) {
        if (bits == null) {
            return;
        }
        for (BitPattern p : bits.all()) {
            bitPanes.get(p.format()).show(p);
        }
        range.show(bits);
    }

    private void showOptimalForModel(ComputeOptimal c) {
        if (c == null) {
            return;
        }
        optimalForModel.setText("A model of " + ParameterCount.format((long) c.parameters()) + " parameters is "
                + "compute-optimal with about 20 × N = " + ParameterCount.format((long) c.tokens())
                + " training tokens; training then costs about 6·N·D = " + NumberText.significant(c.trainingFlops(), 3)
                + " FLOPs.");
    }

    private void showOptimalForTokens(ComputeOptimal c) {
        if (c == null) {
            return;
        }
        optimalForTokens.setText("the compute-optimal model has about D / 20 = " + ParameterCount.format(Math.round(c.parameters()))
                + " parameters (6·N·D = " + NumberText.significant(c.trainingFlops(), 3) + " FLOPs).");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Memory";
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Node exportNode() {
        return content;
    }

    @Override
    public Node controls() {
        return controls;
    }

    @Override
    public void reset() {
        model.reset();
        quantize.tensorProperty().set(QuantizeViewModel.DEFAULT_TENSOR);
        quantize.variantProperty().set(QuantizeViewModel.DEFAULT_VARIANT);
    }

    @Override
    public void dispose() {
        context.models().modelProperty().removeListener(modelListener);
        quantize.dispose();
        quantizePane.dispose();
    }

    /** The figures on screen in long form: section, item, value, unit, detail. */
    @Override
    public CsvTable table() {
        return MemoryCsv.of(model, quantize.report());
    }

    @Override
    public LabSettings settings() {
        return MemorySettings.of(model, quantize);
    }
}
