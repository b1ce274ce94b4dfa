package workbench.ui.sampling;

import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;
import workbench.core.sampling.SamplingSettings;
import workbench.core.sampling.SamplingStep;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.LabSettings;
import workbench.ui.common.ModelSession;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sampling lab: how a model picks its next token. The view renders what the core computed
 * ({@code workbench.core.sampling}); the model comes from a supplier, and without one the page says
 * honestly that it needs the trained model instead of showing anything made up.
 */
public final class SamplingPage implements LabPage {

    public static final String ID = "sampling";
    public static final String PROMPT_ID = "sampling-prompt";
    public static final String MESSAGE_ID = "sampling-message";
    public static final String NEEDS_MODEL_ID = "sampling-needs-model";
    public static final String TEXT_ID = "sampling-text";
    public static final String TABS_ID = "sampling-tabs";
    public static final String BARS_ID = "sampling-bars";
    public static final String BARS_READOUT_ID = "sampling-bars-readout";
    public static final String CUMULATIVE_ID = "sampling-cumulative";
    public static final String CAPTION_ID = "sampling-caption";
    public static final String BEAM_TREE_ID = "sampling-beam-tree";
    public static final String BEAM_RESULT_ID = "sampling-beam-result";
    public static final String ROLLOUT_HISTOGRAM_ID = "sampling-rollout-histogram";
    public static final String ROLLOUT_STATS_ID = "sampling-rollout-stats";
    public static final String GREEDY_ID = "sampling-greedy";
    public static final String RANDOM_ID = "sampling-random";
    public static final String TEMPERATURE_ID = "sampling-temperature";
    public static final String TOP_K_ID = "sampling-top-k";
    public static final String TOP_P_ID = "sampling-top-p";
    public static final String PENALTY_ID = "sampling-penalty";
    public static final String MAX_TOKENS_ID = "sampling-max-tokens";
    public static final String SEED_ID = "sampling-seed";
    public static final String NEXT_SEED_ID = "sampling-next-seed";
    public static final String PLAY_ID = "sampling-play";
    public static final String STEP_ID = "sampling-step";
    public static final String CLEAR_ID = "sampling-clear";
    public static final String BEAM_WIDTH_ID = "sampling-beam-width";
    public static final String BEAM_LENGTH_ID = "sampling-beam-length";
    public static final String RUN_BEAM_ID = "sampling-run-beam";
    public static final String ROLLOUT_COUNT_ID = "sampling-rollout-count";
    public static final String ROLLOUT_LENGTH_ID = "sampling-rollout-length";
    public static final String RUN_ROLLOUTS_ID = "sampling-run-rollouts";
    public static final String SETTINGS_LINE_ID = "sampling-settings-line";
    /** The panels a lesson can open with {@code panel: ...}. */
    public static final List<String> PANELS = List.of("next-token", "beam", "rollouts");

    private final LabContext context;
    private final Supplier<Optional<SamplingModel>> models;
    private final SamplingViewModel vm;
    private final VBox view = new VBox(8);
    private final SamplingControls controls;
    private final NextTokenBarsCanvas bars;
    private final CumulativeBarCanvas cumulative;
    private final BeamTreeCanvas beamTree;
    private final RolloutHistogramCanvas histogram;
    private final RolloutStatsTable rolloutStats = new RolloutStatsTable();
    private final TabPane tabs = new TabPane();
    private final Label caption = new Label();
    private final Label modelName = new Label();
    private final AnimationTimer player;
    /** Held here: a binding nobody references is garbage-collected and stops firing. */
    private javafx.beans.binding.BooleanBinding busy;
    /** The prompt {@link #reset()} restores: the one the lab opened with. */
    private String resetPrompt = SamplingViewModel.DEFAULT_PROMPT;

    /**
     * The page as the app shows it: it follows the session's model (loaded in the background, or
     * opened by the user) and shares the session's prompt with the other labs.
     */
    public static SamplingPage forSession(LabContext context) {
        SamplingPage page = new SamplingPage(context, () -> context.models().current().map(SamplingModel::of));
        context.models().modelProperty().addListener((obs, old, now) -> page.setModel(now == null ? null : SamplingModel.of(now)));
        page.viewModel().promptProperty().bindBidirectional(context.models().promptProperty());
        page.resetPrompt = ModelSession.DEFAULT_PROMPT;
        return page;
    }

    /** The page without a model: it shows that it needs the trained model. */
    public SamplingPage(LabContext context) {
        this(context, Optional::empty);
    }

    /**
     * @param context the workbench's task runner, themes and notifier
     * @param models  the model to sample from, asked when the page opens and on {@link #reloadModel()}
     */
    public SamplingPage(LabContext context, Supplier<Optional<SamplingModel>> models) {
        this.context = context;
        this.models = models;
        this.vm = new SamplingViewModel(context.tasks());
        this.bars = new NextTokenBarsCanvas(context.themes());
        this.cumulative = new CumulativeBarCanvas(context.themes());
        this.beamTree = new BeamTreeCanvas(context.themes());
        this.histogram = new RolloutHistogramCanvas(context.themes());
        this.controls = new SamplingControls(vm);
        this.player = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.tick(now);
            }
        };
        build();
        bind();
        reloadModel();
    }

    private void build() {
        view.getStylesheets().add(SamplingPage.class.getResource("/workbench/ui/sampling.css").toExternalForm());
        view.getStyleClass().add("sampling-view");
        view.setPadding(new Insets(4, 8, 8, 8));
        Label title = new Label("Sampling");
        title.getStyleClass().add("page-title");
        modelName.getStyleClass().add("hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, spacer, modelName);
        header.setAlignment(Pos.BASELINE_LEFT);

        TextField prompt = new TextField();
        prompt.setId(PROMPT_ID);
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        prompt.getStyleClass().add("sampling-prompt");
        HBox.setHgrow(prompt, Priority.ALWAYS);
        HBox promptRow = new HBox(8, new Label("Prompt"), prompt);
        promptRow.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId(MESSAGE_ID);
        message.getStyleClass().add("sampling-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty().and(vm.modelProperty().isNotNull()));
        message.managedProperty().bind(message.visibleProperty());

        GeneratedTextView text = new GeneratedTextView(vm);
        text.setId(TEXT_ID);

        bars.setId(BARS_ID);
        cumulative.setId(CUMULATIVE_ID);
        caption.setId(CAPTION_ID);
        caption.getStyleClass().add("sampling-caption");
        caption.setWrapText(true);
        Label barsReadout = new Label(" ");
        barsReadout.setId(BARS_READOUT_ID);
        barsReadout.getStyleClass().add("value-readout");
        barsReadout.textProperty().bind(bars.readoutProperty().map(s -> s.isEmpty() ? "Point at a bar to read its numbers." : s));
        VBox.setVgrow(bars, Priority.ALWAYS);
        VBox nextToken = new VBox(4, caption, bars, barsReadout, cumulative);
        nextToken.setPadding(new Insets(6, 0, 0, 0));

        beamTree.setId(BEAM_TREE_ID);
        beamTree.setEmptyMessage("Run beam search (on the right) to see the beams.");
        Label beamResult = new Label();
        beamResult.setId(BEAM_RESULT_ID);
        beamResult.getStyleClass().add("value-readout");
        beamResult.setWrapText(true);
        Label beamReadout = new Label(" ");
        beamReadout.getStyleClass().add("value-readout");
        beamReadout.textProperty().bind(beamTree.readoutProperty().map(s -> s.isEmpty() ? "Point at a node to read its scores." : s));
        vm.beamProperty().addListener((o, a, tree) -> {
            beamTree.setTree(tree, vm::tokenLabel, vm.promptProperty().get());
            beamResult.setText(SamplingTexts.beamSummary(tree, vm::tokenText));
        });
        VBox.setVgrow(beamTree, Priority.ALWAYS);
        VBox beamBox = new VBox(4, beamTree, beamReadout, beamResult);
        beamBox.setPadding(new Insets(6, 0, 0, 0));

        histogram.setId(ROLLOUT_HISTOGRAM_ID);
        histogram.setEmptyMessage("Run the rollouts (on the right) to see how often each first token comes up.");
        rolloutStats.setId(ROLLOUT_STATS_ID);
        Runnable showRollouts = () -> {
            histogram.setResult(vm.rolloutsProperty().get(), vm::tokenLabel);
            rolloutStats.show(vm.rolloutsProperty().get(), vm.previousRolloutsProperty().get(), vm::tokenText);
        };
        vm.rolloutsProperty().addListener((o, a, b) -> showRollouts.run());
        VBox.setVgrow(histogram, Priority.ALWAYS);
        VBox rolloutBox = new VBox(4, histogram, rolloutStats);
        rolloutBox.setPadding(new Insets(6, 0, 0, 0));

        tabs.setId(TABS_ID);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().setAll(new Tab("Next token", nextToken), new Tab("Beam search", beamBox), new Tab("Rollouts", rolloutBox));
        VBox.setVgrow(tabs, Priority.ALWAYS);

        VBox content = new VBox(8, promptRow, message, legend(), text, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox needsModel = needsModelBox();
        content.visibleProperty().bind(vm.modelProperty().isNotNull());
        needsModel.visibleProperty().bind(vm.modelProperty().isNull());
        StackPane body = new StackPane(content, needsModel);
        VBox.setVgrow(body, Priority.ALWAYS);
        view.getChildren().setAll(header, body);
    }

    private VBox needsModelBox() {
        Label headline = new Label(SamplingViewModel.NEEDS_MODEL);
        headline.setId(NEEDS_MODEL_ID);
        headline.getStyleClass().add("empty-state");
        Label why = new Label("It shows the next-token distribution of the trained character model (King James Bible) "
                + "and how temperature, top-k, top-p and the repetition penalty reshape it. The model loads in the "
                + "background when the workbench starts (or pick one under Model at the top of the window); until it is there "
                + "the lab shows nothing rather than made-up numbers. The controls on the right are ready and take "
                + "effect as soon as the model is there.");
        why.setWrapText(true);
        why.setMaxWidth(560);
        VBox box = new VBox(12, headline, why);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(24));
        return box;
    }

    private HBox legend() {
        Rectangle ramp = new Rectangle(140, 12);
        Stop[] stops = new Stop[11];
        for (int i = 0; i <= 10; i++) {
            stops[i] = new Stop(i / 10.0, GeneratedTextView.SCALE.at(i / 10.0));
        }
        ramp.setFill(new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops));
        ramp.setStroke(Color.GRAY);
        Label what = new Label("Colour = the probability the model gave the token:");
        what.getStyleClass().add("hint");
        Label click = new Label("Click a token to see its distribution.");
        click.getStyleClass().add("hint");
        HBox box = new HBox(6, what, new Label("0"), ramp, new Label("1"), click);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void bind() {
        vm.shownProperty().addListener((o, a, step) -> showStep(step));
        vm.modelProperty().addListener((o, a, m) -> modelName.setText(m == null ? "no model loaded" : "Model: " + m.name()));
        vm.messageProperty().addListener((o, a, m) -> {
            if (vm.shownProperty().get() == null) {
                bars.setEmptyMessage(m);
            }
        });
        // The frame timer runs only while there is something to pace or to watch.
        javafx.beans.binding.BooleanBinding busy = vm.playingProperty().or(vm.beamRunningProperty()).or(vm.rolloutsRunningProperty());
        busy.addListener((o, a, now) -> {
            if (now) {
                player.start();
            } else {
                player.stop();
            }
        });
        this.busy = busy;
        modelName.setText("no model loaded");
    }

    private void showStep(SamplingStep step) {
        bars.setEmptyMessage(vm.messageProperty().get());
        bars.setStep(step, vm::tokenLabel);
        cumulative.setStep(step, vm::tokenLabel);
        caption.setText(SamplingTexts.caption(step, vm.steps().size(), vm.selectedProperty().get(), vm::tokenLabel));
    }

    /** Asks the supplier for the model again (for example after a model was trained or loaded). */
    public void reloadModel() {
        Optional<SamplingModel> m;
        try {
            m = models.get();
        } catch (RuntimeException failure) {
            context.notifier().error("The sampling lab could not get the model", failure);
            m = Optional.empty();
        }
        setModel(m.orElse(null));
    }

    /** Samples from {@code model} from now on; null returns to the "needs the trained model" state. */
    public void setModel(SamplingModel model) {
        vm.modelProperty().set(model);
    }

    public SamplingViewModel viewModel() {
        return vm;
    }

    public NextTokenBarsCanvas bars() {
        return bars;
    }

    public CumulativeBarCanvas cumulative() {
        return cumulative;
    }

    public BeamTreeCanvas beamTree() {
        return beamTree;
    }

    public RolloutHistogramCanvas histogram() {
        return histogram;
    }

    RolloutStatsTable rolloutStats() {
        return rolloutStats;
    }

    /** Opens a panel: "next-token", "beam" or "rollouts". */
    public void showPanel(String panel) {
        int index = PANELS.indexOf(panel);
        if (index < 0) {
            throw new IllegalArgumentException("panel must be one of " + String.join(", ", PANELS) + ", not '" + panel + "'");
        }
        tabs.getSelectionModel().select(index);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Sampling";
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Node controls() {
        return controls;
    }

    @Override
    public void reset() {
        vm.pause();
        vm.cancelSearches();
        vm.beamWidthProperty().set(SamplingViewModel.DEFAULT_BEAM_WIDTH);
        vm.beamLengthProperty().set(SamplingViewModel.DEFAULT_BEAM_LENGTH);
        vm.rolloutCountProperty().set(SamplingViewModel.DEFAULT_ROLLOUTS);
        vm.rolloutLengthProperty().set(SamplingViewModel.DEFAULT_ROLLOUT_LENGTH);
        vm.promptProperty().set(resetPrompt);
        vm.setSettings(SamplingSettings.DEFAULTS);
        vm.refresh();
        tabs.getSelectionModel().select(0);
    }

    @Override
    public void dispose() {
        player.stop();
        vm.dispose();
    }

    @Override
    public CsvTable table() {
        SamplingStep step = vm.shownProperty().get();
        if (step == null) {
            return CsvTable.EMPTY;
        }
        CsvTable.Builder table = CsvTable.builder("rank", "token_id", "token", "model_p", "shaped_p", "kept", "drawn_p", "chosen");
        double[] model = step.model();
        double[] shaped = step.shaped();
        double[] drawn = step.drawn();
        int[] ranking = step.ranking();
        for (int r = 0; r < ranking.length; r++) {
            int t = ranking[r];
            table.row(r + 1, t, vm.tokenText(t), model[t], shaped[t], r < step.kept(), drawn[t], t == step.token());
        }
        return table.build();
    }

    @Override
    public LabSettings settings() {
        return new LabSettings()
                .text("prompt", vm.promptProperty()::set)
                .choice("mode", List.of("greedy", "random"), v -> vm.setSettings(vm.settings().withMode(SamplingSettings.Mode.parse(v))))
                .number("temperature", 0, SamplingSettings.MAX_TEMPERATURE, v -> vm.setSettings(vm.settings().withTemperature(v)))
                .integer("top-k", 0, 1_000_000, v -> vm.setSettings(vm.settings().withTopK(v)))
                .number("top-p", 0, 1, v -> vm.setSettings(vm.settings().withTopP(v)))
                .number("repetition-penalty", 1, SamplingSettings.MAX_REPETITION_PENALTY,
                        v -> vm.setSettings(vm.settings().withRepetitionPenalty(v)))
                .integer("max-new-tokens", 1, 2000, v -> vm.setSettings(vm.settings().withMaxNewTokens(v)))
                .integer("seed", Integer.MIN_VALUE, Integer.MAX_VALUE, v -> vm.setSettings(vm.settings().withSeed(v)))
                .integer("beam-width", 1, 8, vm.beamWidthProperty()::set)
                .integer("beam-length", 1, 12, vm.beamLengthProperty()::set)
                .integer("rollouts", 10, 1000, vm.rolloutCountProperty()::set)
                .integer("rollout-length", 1, 100, vm.rolloutLengthProperty()::set)
                .choice("panel", PANELS, this::showPanel);
    }
}
