package workbench.ui.flash;

import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.LabSettings;
import workbench.ui.common.LenientIntegerSpinner;
import workbench.ui.common.MemorySizeFormat;

import java.util.List;
import java.util.Locale;

/**
 * The FlashAttention lab: the tiled forward pass block by block (Tiling tab) and naive against
 * tiled attention measured on this machine (Scaling tab). The page wires controls to the view
 * model and runs the animation with an {@link AnimationTimer} that pulls steps once per frame.
 */
public final class FlashPage implements LabPage {

    public static final String ID = "flash";
    public static final String TABS_ID = "flash-tabs";
    public static final String TILE_CANVAS_ID = "flash-tiles";
    public static final String MATRIX_CANVAS_ID = "flash-conceptual-matrix";
    public static final String SOURCE_ID = "flash-source";
    public static final String N_ID = "flash-n";
    public static final String D_ID = "flash-d";
    public static final String SEED_ID = "flash-seed";
    public static final String CAUSAL_ID = "flash-causal";
    public static final String MEMORY_SLIDER_ID = "flash-fast-memory";
    public static final String MEMORY_TEXT_ID = "flash-fast-memory-text";
    public static final String BLOCKS_TEXT_ID = "flash-blocks-text";
    public static final String START_ID = "flash-to-start";
    public static final String BACK_ID = "flash-step-back";
    public static final String PLAY_ID = "flash-play";
    public static final String STEP_ID = "flash-step";
    public static final String END_ID = "flash-to-end";
    public static final String SPEED_ID = "flash-speed";
    public static final String STEP_COUNT_ID = "flash-step-count";
    public static final String COUNTERS_ID = "flash-counters";
    public static final String STEP_DETAIL_ID = "flash-step-detail";
    public static final String SOURCE_MODEL_ID = "flash-source-model";
    public static final String SOURCE_SYNTHETIC_ID = "flash-source-synthetic";
    public static final String PROMPT_ID = "flash-prompt";
    public static final String LAYER_ID = "flash-layer";
    public static final String HEAD_ID = "flash-head";
    public static final String PROBLEM_ID = "flash-problem";
    public static final String MODEL_CHECK_ID = "flash-model-check";

    private final LabContext context;
    private final FlashViewModel model;
    private final TileCanvas tiles;
    private final ConceptualMatrixCanvas matrix;
    private final StepDetailPane detail;
    private final CountersPane counters = new CountersPane();
    private final ScalingPane scaling;
    private final TabPane tabs = new TabPane();
    private final VBox controls = new VBox();
    private final Label source = new Label();
    private final ToggleGroup sourceKinds = new ToggleGroup();
    private final RadioButton modelSource = new RadioButton("The model's Q, K, V");
    private final RadioButton syntheticSource = new RadioButton("Synthetic Q, K, V (any N, d)");
    private final TextField prompt = new TextField();
    private final LenientIntegerSpinner layerSpinner = new LenientIntegerSpinner(0, 64, FlashViewModel.DEFAULT_LAYER, 1);
    private final LenientIntegerSpinner headSpinner = new LenientIntegerSpinner(0, 64, FlashViewModel.DEFAULT_HEAD, 1);
    private final Label problem = new Label();
    private final Label modelCheck = new Label();
    private final VBox modelBox = new VBox(6);
    private final VBox syntheticBox = new VBox(6);
    private final LenientIntegerSpinner nSpinner =
            new LenientIntegerSpinner(FlashViewModel.MIN_N, FlashViewModel.MAX_N, FlashViewModel.DEFAULT_N, 1);
    private final LenientIntegerSpinner dSpinner =
            new LenientIntegerSpinner(FlashViewModel.MIN_D, FlashViewModel.MAX_D, FlashViewModel.DEFAULT_D, 1);
    private final LenientIntegerSpinner seedSpinner =
            new LenientIntegerSpinner(0, Integer.MAX_VALUE, (int) FlashViewModel.DEFAULT_SEED, 1);
    private final CheckBox causal = new CheckBox("Causal mask (decoder)");
    private final Slider memory = new Slider(FlashViewModel.MIN_KB_EXPONENT, FlashViewModel.MAX_KB_EXPONENT,
            FlashViewModel.DEFAULT_KB_EXPONENT);
    private final Label memoryText = new Label();
    private final Label blocksText = new Label();
    private final Button play = new Button("Play");
    private final Slider speed = new Slider(FlashViewModel.MIN_SPEED, FlashViewModel.MAX_SPEED, FlashViewModel.DEFAULT_SPEED);
    private final Label speedText = new Label();
    private final Label stepCount = new Label();
    private final AnimationTimer animator;
    private final javafx.beans.value.ChangeListener<workbench.core.model.ModelBundle> modelListener =
            (obs, old, now) -> showSource();

    public FlashPage(LabContext context) {
        this.context = context;
        this.tiles = new TileCanvas(context.themes());
        this.matrix = new ConceptualMatrixCanvas(context.themes());
        this.detail = new StepDetailPane(context.themes());
        this.scaling = new ScalingPane(context);
        this.model = new FlashViewModel(context);
        this.animator = new StepAnimator();
        buildView();
        buildControls();
        bind();
        model.frameProperty().addListener((obs, old, frame) -> showFrame(frame));
        if (model.frame() != null) {
            showFrame(model.frame());
        }
    }

    /** Advances the animation by whole steps as time passes, at the chosen speed; one pull per frame. */
    private final class StepAnimator extends AnimationTimer {
        private long last = -1;
        private double carry;

        @Override
        public void start() {
            last = -1;
            carry = 0;
            super.start();
        }

        @Override
        public void handle(long now) {
            if (last >= 0) {
                carry += (now - last) / 1e9 * model.speedProperty().get();
            }
            last = now;
            int whole = (int) carry;
            if (whole > 0) {
                carry -= whole;
                if (!model.advance(whole)) {
                    model.playingProperty().set(false);
                }
            }
        }
    }

    private void buildView() {
        tiles.setId(TILE_CANVAS_ID);
        matrix.setId(MATRIX_CANVAS_ID);
        detail.setId(STEP_DETAIL_ID);
        counters.setId(COUNTERS_ID);
        // Larger text (projector theme) gets larger minimum sizes: the tab scrolls rather than squeezing.
        tiles.minHeightProperty().bind(Bindings.createDoubleBinding(
                () -> 320 * context.themes().theme().fontScale(), context.themes().themeProperty()));
        matrix.minWidthProperty().bind(Bindings.createDoubleBinding(
                () -> 300 * context.themes().theme().fontScale(), context.themes().themeProperty()));
        matrix.setPrefWidth(400);
        HBox top = new HBox(8, tiles, matrix);
        HBox.setHgrow(tiles, Priority.ALWAYS);
        VBox.setVgrow(top, Priority.ALWAYS);
        detail.minHeightProperty().bind(Bindings.createDoubleBinding(
                () -> 230 * context.themes().theme().fontScale(), context.themes().themeProperty()));
        detail.setPrefHeight(240);
        VBox tiling = new VBox(8, top, detail, counters);
        tiling.setPadding(new Insets(6));
        ScrollPane tilingScroll = new ScrollPane(tiling);
        tilingScroll.setFitToWidth(true);
        tilingScroll.setFitToHeight(true);
        scaling.setPadding(new Insets(6));
        ScrollPane scalingScroll = new ScrollPane(scaling);
        scalingScroll.setFitToWidth(true);
        scalingScroll.setFitToHeight(true);
        Tab tilingTab = new Tab("Tiling", tilingScroll);
        Tab scalingTab = new Tab("Scaling on this machine", scalingScroll);
        tabs.setId(TABS_ID);
        tabs.getTabs().setAll(tilingTab, scalingTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStylesheets().add(FlashPage.class.getResource("/workbench/ui/flash.css").toExternalForm());
    }

    private void buildControls() {
        Label title = new Label("FlashAttention");
        title.getStyleClass().add("page-title");
        source.setId(SOURCE_ID);
        source.setWrapText(true);
        source.getStyleClass().add("hint");
        modelSource.setId(SOURCE_MODEL_ID);
        syntheticSource.setId(SOURCE_SYNTHETIC_ID);
        modelSource.setToggleGroup(sourceKinds);
        syntheticSource.setToggleGroup(sourceKinds);
        modelSource.setUserData(FlashViewModel.SourceKind.MODEL);
        syntheticSource.setUserData(FlashViewModel.SourceKind.SYNTHETIC);
        prompt.setId(PROMPT_ID);
        prompt.setPromptText("Type a prompt");
        layerSpinner.setId(LAYER_ID);
        headSpinner.setId(HEAD_ID);
        problem.setId(PROBLEM_ID);
        problem.setWrapText(true);
        problem.getStyleClass().add("flash-problem");
        modelCheck.setId(MODEL_CHECK_ID);
        modelCheck.setWrapText(true);
        modelCheck.getStyleClass().add("flash-model-check");
        HBox layerHead = new HBox(8, labelled("Layer", layerSpinner), labelled("Head", headSpinner));
        modelBox.getChildren().setAll(labelled("Prompt (shared with the Attention lab)", prompt), layerHead, problem);
        syntheticBox.getChildren().setAll(labelled("Sequence length N", nSpinner), labelled("Head dimension d", dSpinner),
                labelled("Seed", seedSpinner));
        nSpinner.setId(N_ID);
        dSpinner.setId(D_ID);
        seedSpinner.setId(SEED_ID);
        causal.setId(CAUSAL_ID);
        causal.setSelected(true);
        memory.setId(MEMORY_SLIDER_ID);
        memory.setMajorTickUnit(1);
        memory.setMinorTickCount(0);
        memory.setSnapToTicks(true);
        memory.setShowTickMarks(true);
        memory.setShowTickLabels(true);
        memory.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double exponent) {
                int e = (int) Math.round(exponent);
                return e >= 0 ? Integer.toString(1 << e) : "1/" + (1 << -e);
            }

            @Override
            public Double fromString(String text) {
                throw new UnsupportedOperationException("read-only labels");
            }
        });
        memoryText.setId(MEMORY_TEXT_ID);
        memoryText.setWrapText(true);
        blocksText.setId(BLOCKS_TEXT_ID);
        blocksText.setWrapText(true);
        blocksText.getStyleClass().add("value-readout");

        Button start = button("Start", START_ID, "Back to the start", model::toStart);
        Button back = button("◀", BACK_ID, "One step back", () -> {
            model.playingProperty().set(false);
            model.advance(-1);
        });
        play.setId(PLAY_ID);
        play.setOnAction(e -> model.playingProperty().set(!model.playingProperty().get()));
        Button step = button("▶", STEP_ID, "One step forward", () -> {
            model.playingProperty().set(false);
            model.advance(1);
        });
        Button end = button("End", END_ID, "Jump to the end", model::toEnd);
        FlowPane transport = new FlowPane(4, 4, start, back, play, step, end);
        transport.getChildren().forEach(b -> ((Button) b).setMinWidth(Region.USE_PREF_SIZE));
        speed.setId(SPEED_ID);
        stepCount.setId(STEP_COUNT_ID);
        stepCount.getStyleClass().add("value-readout");

        Label hint = new Label("Each step loads a block of K and V and a block of Q, O, m and l into fast memory, "
                + "scores it, and writes O, m and l back. The N × N matrix is never written.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        controls.getStyleClass().add("controls-box");
        controls.getStylesheets().add(FlashPage.class.getResource("/workbench/ui/flash.css").toExternalForm());
        controls.getChildren().addAll(title, section("Input"), modelSource, syntheticSource, modelBox, syntheticBox,
                source, modelCheck, causal,
                section("Fast memory M (KB)"), memory, memoryText, blocksText,
                section("Animation"), transport, stepCount, labelled("Speed", speed), speedText, hint);
    }

    private void bind() {
        nSpinner.valueProperty().addListener((obs, old, v) -> model.nProperty().set(v));
        model.nProperty().addListener((obs, old, v) -> nSpinner.getValueFactory().setValue(v.intValue()));
        dSpinner.valueProperty().addListener((obs, old, v) -> model.dProperty().set(v));
        model.dProperty().addListener((obs, old, v) -> dSpinner.getValueFactory().setValue(v.intValue()));
        seedSpinner.valueProperty().addListener((obs, old, v) -> model.seedProperty().set(v));
        model.seedProperty().addListener((obs, old, v) -> seedSpinner.getValueFactory().setValue((int) v.longValue()));
        causal.selectedProperty().bindBidirectional(model.causalProperty());
        memory.valueProperty().addListener((obs, old, v) -> model.kbExponentProperty().set((int) Math.round(v.doubleValue())));
        model.kbExponentProperty().addListener((obs, old, v) -> memory.setValue(v.intValue()));
        speed.valueProperty().bindBidirectional(model.speedProperty());
        speedText.textProperty().bind(model.speedProperty().asString(Locale.ROOT, "%.1f steps per second"));
        model.playingProperty().addListener((obs, was, now) -> {
            play.setText(now ? "Pause" : "Play");
            if (now) {
                if (model.stepsDoneProperty().get() >= model.stepCount()) {
                    model.stepsDoneProperty().set(0);
                }
                animator.start();
            } else {
                animator.stop();
            }
        });
        model.sourceProperty().addListener((obs, old, now) -> showSource());
        sourceKinds.selectToggle(modelSource);
        sourceKinds.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.sourceKindProperty().set((FlashViewModel.SourceKind) now.getUserData());
            }
        });
        model.sourceKindProperty().addListener((obs, old, now) ->
                sourceKinds.selectToggle(now == FlashViewModel.SourceKind.MODEL ? modelSource : syntheticSource));
        prompt.textProperty().bindBidirectional(model.promptProperty());
        layerSpinner.valueProperty().addListener((obs, old, v) -> model.layerProperty().set(v));
        model.layerProperty().addListener((obs, old, v) -> layerSpinner.getValueFactory().setValue(v.intValue()));
        headSpinner.valueProperty().addListener((obs, old, v) -> model.headProperty().set(v));
        model.headProperty().addListener((obs, old, v) -> headSpinner.getValueFactory().setValue(v.intValue()));
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        context.models().modelProperty().addListener(modelListener);
        showSource();
    }

    /** Shows the inputs that apply to the source in use, and the model's layer and head ranges. */
    private void showSource() {
        var bundle = model.bundle();
        boolean usesModel = model.usesModel();
        modelSource.setText(bundle == null ? "The model's Q, K, V (loading…)" : "The model's Q, K, V: " + bundle.name());
        modelBox.setVisible(usesModel);
        modelBox.setManaged(usesModel);
        syntheticBox.setVisible(!usesModel);
        syntheticBox.setManaged(!usesModel);
        causal.setDisable(usesModel);
        if (bundle != null) {
            var config = bundle.model().config();
            setRange(layerSpinner, config.layers() - 1);
            setRange(headSpinner, config.heads() - 1);
        }
        modelCheck.setVisible(usesModel);
        modelCheck.setManaged(usesModel);
    }

    private static void setRange(LenientIntegerSpinner spinner, int max) {
        var factory = (javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) spinner.getValueFactory();
        factory.setMax(max);
    }

    private void showFrame(FlashFrame frame) {
        if (frame == null) {
            return;
        }
        FlashResult result = frame.result();
        tiles.setFrame(frame);
        matrix.setFrame(frame);
        detail.show(frame);
        counters.show(result);
        source.setText(result.input().description());
        modelCheck.setText(modelCheckText(result));
        memoryText.setText(memoryText(result));
        blocksText.setText(blocksText(result));
        stepCount.setText("Step " + frame.stepsDone() + " of " + frame.stepCount());
    }

    static String memoryText(FlashResult result) {
        return "M = " + MemorySizeFormat.bytes(result.fastMemoryBytes()) + " = "
                + MemorySizeFormat.count(result.fastMemoryFloats()) + " floats";
    }

    /** The comparison of the tiled output with the model's own head output, or "" for synthetic data. */
    static String modelCheckText(FlashResult result) {
        if (!result.input().hasReference()) {
            return "";
        }
        return String.format(Locale.ROOT, "Tiled O against %s: largest difference %.1e (float32 rounding). "
                + "Tiling changes how attention is computed, not what it computes.",
                result.input().referenceName(), result.referenceDifference());
    }

    static String blocksText(FlashResult result) {
        int d = result.width();
        return String.format(Locale.ROOT, "Bc = ⌈M / 4d⌉ = ⌈%d / %d⌉ = %d%nBr = min(Bc, d) = %d%n%d × %d blocks, %d computed",
                result.fastMemoryFloats(), 4 * d, result.sizes().keyColumns(), result.sizes().queryRows(),
                result.tiled().queryBlocks(), result.tiled().keyBlocks(), result.tiled().steps().size());
    }

    FlashViewModel model() {
        return model;
    }

    ScalingPane scaling() {
        return scaling;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "FlashAttention";
    }

    @Override
    public Node view() {
        return tabs;
    }

    @Override
    public Node controls() {
        return controls;
    }

    @Override
    public void reset() {
        model.reset();
        tabs.getSelectionModel().select(0);
    }

    @Override
    public void dispose() {
        animator.stop();
        context.models().modelProperty().removeListener(modelListener);
        model.dispose();
        scaling.dispose();
    }

    @Override
    public CsvTable table() {
        if (tabs.getSelectionModel().getSelectedIndex() == 1) {
            return scaling.table();
        }
        FlashResult result = model.result();
        return result == null ? CsvTable.EMPTY : CountersPane.table(result);
    }

    @Override
    public LabSettings settings() {
        return new LabSettings()
                .choice("source", List.of("model", "synthetic"), v -> model.sourceKindProperty().set(
                        v.equals("model") ? FlashViewModel.SourceKind.MODEL : FlashViewModel.SourceKind.SYNTHETIC))
                .text("prompt", v -> model.promptProperty().set(v))
                .integer("layer", 0, 63, v -> model.layerProperty().set(checked("layer", v, c -> c.layers())))
                .integer("head", 0, 63, v -> model.headProperty().set(checked("head", v, c -> c.heads())))
                .integer("n", FlashViewModel.MIN_N, FlashViewModel.MAX_N, v -> model.nProperty().set(v))
                .integer("d", FlashViewModel.MIN_D, FlashViewModel.MAX_D, v -> model.dProperty().set(v))
                .integer("seed", 0, Integer.MAX_VALUE, v -> model.seedProperty().set(v))
                .flag("causal", v -> model.causalProperty().set(v))
                .number("fast-memory-kb", Math.pow(2, FlashViewModel.MIN_KB_EXPONENT),
                        Math.pow(2, FlashViewModel.MAX_KB_EXPONENT),
                        kb -> model.kbExponentProperty().set((int) Math.round(Math.log(kb) / Math.log(2))))
                .integer("step", 0, 1_000_000, v -> {
                    model.playingProperty().set(false);
                    model.stepsDoneProperty().set(v);
                })
                .choice("tab", List.of("tiling", "scaling"), v -> tabs.getSelectionModel().select(v.equals("tiling") ? 0 : 1));
    }

    /** A layer or head number the loaded model has, or an exception naming the range. */
    private int checked(String what, int value, java.util.function.ToIntFunction<workbench.core.model.TransformerConfig> count) {
        var bundle = model.bundle();
        if (bundle != null && value >= count.applyAsInt(bundle.model().config())) {
            throw new IllegalArgumentException("the model has " + what + "s 0.." + (count.applyAsInt(bundle.model().config()) - 1)
                    + ", not " + value);
        }
        return value;
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static VBox labelled(String text, Node control) {
        return new VBox(2, new Label(text), control);
    }
}
