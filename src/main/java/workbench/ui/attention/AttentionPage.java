package workbench.ui.attention;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import workbench.core.model.ForwardOptions.HeadRef;
import workbench.core.model.MaskKind;
import workbench.core.model.ModelBundle;
import workbench.ui.attention.AttentionViewModel.View;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.LabSettings;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The attention lab: what every head of every layer of the trained model attends to for a prompt,
 * as heatmaps, a grid of all heads, BertViz-style lines, one computation step by step,
 * interventions and causal versus bidirectional masks. It wires views to the
 * {@link AttentionViewModel}; the numbers come from the engine's forward trace.
 */
public final class AttentionPage implements LabPage {

    public static final String ID = "attention";
    public static final String PROMPT_ID = "attention-prompt";
    public static final String NOTE_ID = "attention-note";
    public static final String PROBLEM_ID = "attention-problem";
    public static final String BANNER_ID = "attention-interventions-banner";
    public static final String LOADING_ID = "attention-loading";
    public static final String TABS_ID = "attention-tabs";
    public static final String HEATMAP_ID = "attention-heatmap";
    public static final String HEAD_SUMMARY_ID = "attention-head-summary";
    public static final String GRID_ID = "attention-grid";
    public static final String HEAD_TABLE_ID = "attention-head-table";
    public static final String LINES_ID = "attention-lines";
    public static final String LINES_ALL_ID = "attention-lines-all";
    public static final String LINES_HEAD_ID = "attention-lines-head";
    public static final String STEPS_ID = "attention-steps";
    public static final String STEP_NEXT_ID = "attention-step-next";
    public static final String STEP_BACK_ID = "attention-step-back";
    public static final String STEP_TITLE_ID = "attention-step-title";
    public static final String STEP_TABLE_ID = "attention-step-table";
    public static final String STEP_MATRIX_ID = "attention-step-matrix";
    public static final String HEAD_SWITCHES_ID = "attention-head-switches";
    public static final String HEAD_SWITCH_ID = "attention-head-switch";
    public static final String TOKEN_SWITCHES_ID = "attention-token-switches";
    public static final String TOKEN_SWITCH_ID = "attention-token-switch";
    public static final String CLEAR_INTERVENTIONS_ID = "attention-clear-interventions";
    public static final String INTERVENTION_SUMMARY_ID = "attention-intervention-summary";
    public static final String BARS_ID = "attention-bars";
    public static final String COMPARE_CAUSAL_ID = "attention-compare-causal";
    public static final String COMPARE_BIDIRECTIONAL_ID = "attention-compare-bidirectional";
    public static final String COMPARE_CAPTION_ID = "attention-compare-caption";
    public static final String LAYER_ID = "attention-layer";
    public static final String HEAD_ID = "attention-head";
    public static final String QUERY_ID = "attention-query";
    public static final String MASK_ID = "attention-mask";
    public static final String FIND_ID = "attention-find";

    private static final Pattern HEAD_PATTERN = Pattern.compile("\\s*L?(\\d+)\\s*[.:/ ]\\s*H?(\\d+)\\s*",
            Pattern.CASE_INSENSITIVE);

    private final LabContext context;
    private final AttentionViewModel vm;
    private final StackPane view = new StackPane();
    private final TabPane tabs = new TabPane();
    private final Map<View, AttentionPane> panes = new EnumMap<>(View.class);
    private final Map<View, Tab> tabOf = new EnumMap<>(View.class);
    private final AttentionControls controls;
    private final HeatmapPane heatmap;
    private final HeadsPane heads;
    private final LinesPane lines;
    private final StepsPane steps;
    private final InterventionPane intervention;
    private final ComparePane compare;

    public AttentionPage(LabContext context) {
        this.context = context;
        this.vm = new AttentionViewModel(context);
        heatmap = new HeatmapPane(vm, context.themes());
        heads = new HeadsPane(vm, context.themes());
        lines = new LinesPane(vm, context.themes());
        steps = new StepsPane(vm, context.themes());
        intervention = new InterventionPane(vm);
        compare = new ComparePane(vm, context.themes());
        panes.put(View.HEATMAP, heatmap);
        panes.put(View.GRID, heads);
        panes.put(View.LINES, lines);
        panes.put(View.STEPS, steps);
        panes.put(View.INTERVENE, intervention);
        panes.put(View.COMPARE, compare);
        controls = new AttentionControls(vm);
        buildView();
        vm.analysisProperty().addListener((obs, old, now) -> refreshShown());
        vm.layerProperty().addListener((obs, old, now) -> refreshShown());
        vm.headProperty().addListener((obs, old, now) -> refreshShown());
        vm.queryProperty().addListener((obs, old, now) -> refreshShown());
        vm.stepProperty().addListener((obs, old, now) -> refreshShown());
        vm.viewProperty().addListener((obs, old, now) -> {
            tabs.getSelectionModel().select(tabOf.get(now));
            refreshShown();
        });
        refreshShown();
    }

    private void buildView() {
        TextField prompt = new TextField();
        prompt.setId(PROMPT_ID);
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        prompt.setPromptText("Type a prompt…");
        HBox.setHgrow(prompt, Priority.ALWAYS);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        Label promptLabel = new Label("Prompt");
        promptLabel.getStyleClass().add("section-title");
        HBox promptRow = new HBox(8, promptLabel, prompt, busy);
        promptRow.setAlignment(Pos.CENTER_LEFT);
        Label problem = messageLabel(PROBLEM_ID, "attention-problem");
        problem.textProperty().bind(vm.problemProperty());
        Label note = messageLabel(NOTE_ID, "attention-note");
        note.textProperty().bind(vm.noteProperty());
        Label banner = messageLabel(BANNER_ID, "attention-banner");
        Runnable updateBanner = () -> banner.setText(bannerText());
        vm.disabledHeads().addListener((javafx.collections.SetChangeListener<HeadRef>) c -> updateBanner.run());
        vm.maskedKeys().addListener((javafx.collections.SetChangeListener<Integer>) c -> updateBanner.run());
        vm.maskProperty().addListener((obs, old, now) -> updateBanner.run());
        VBox top = new VBox(4, promptRow, problem, note, banner);
        top.setPadding(new Insets(0, 0, 6, 0));

        tabs.setId(TABS_ID);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (View v : View.values()) {
            Node content = panes.get(v).node();
            VBox.setVgrow(content, Priority.ALWAYS);
            VBox holder = new VBox(content);
            holder.setPadding(new Insets(8, 0, 0, 0));
            Tab tab = new Tab(v.label(), holder);
            tab.setId("attention-tab-" + v.key());
            tabOf.put(v, tab);
            tabs.getTabs().add(tab);
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            for (Map.Entry<View, Tab> e : tabOf.entrySet()) {
                if (e.getValue() == now) {
                    vm.viewProperty().set(e.getKey());
                }
            }
        });
        BorderPane content = new BorderPane(tabs);
        content.setTop(top);
        content.visibleProperty().bind(context.models().modelProperty().isNotNull());

        ProgressIndicator spinner = new ProgressIndicator();
        Label loading = new Label("Loading the model…");
        loading.getStyleClass().add("empty-state");
        Label why = new Label("The attention lab shows the trained model's own numbers; it appears as soon as "
                + "the model has loaded.");
        why.getStyleClass().add("hint");
        VBox loadingBox = new VBox(12, spinner, loading, why);
        loadingBox.setId(LOADING_ID);
        loadingBox.setAlignment(Pos.CENTER);
        loadingBox.visibleProperty().bind(context.models().modelProperty().isNull());
        view.getChildren().addAll(content, loadingBox);
        view.getStyleClass().add("attention-lab");
        view.getStylesheets().add(AttentionPage.class.getResource("/workbench/ui/attention.css").toExternalForm());
    }

    private static Label messageLabel(String id, String style) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        return label;
    }

    private String bannerText() {
        StringBuilder out = new StringBuilder();
        if (!vm.disabledHeads().isEmpty()) {
            out.append("Switched off: ").append(AttentionViewModel.describeHeads(vm.disabledHeads())).append(". ");
        }
        if (!vm.maskedKeys().isEmpty()) {
            out.append("Hidden tokens: ").append(new java.util.TreeSet<>(vm.maskedKeys())).append(". ");
        }
        if (vm.maskProperty().get() == MaskKind.BIDIRECTIONAL) {
            out.append("Bidirectional mask: every token sees every other (the model was trained causal).");
        }
        return out.toString().trim();
    }

    private void refreshShown() {
        controls.refresh();
        panes.get(vm.viewProperty().get()).refresh();
    }

    /** The view model, for tests and the benchmark. */
    public AttentionViewModel viewModel() {
        return vm;
    }

    HeatmapPane heatmapPane() {
        return heatmap;
    }

    HeadsPane headsPane() {
        return heads;
    }

    LinesPane linesPane() {
        return lines;
    }

    StepsPane stepsPane() {
        return steps;
    }

    InterventionPane interventionPane() {
        return intervention;
    }

    ComparePane comparePane() {
        return compare;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Attention";
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Node controls() {
        return controls.node();
    }

    @Override
    public void reset() {
        vm.reset();
    }

    @Override
    public void dispose() {
        vm.dispose();
    }

    /** The chosen head's weight matrix, query tokens as rows and key tokens as columns. */
    @Override
    public CsvTable table() {
        AttentionAnalysis a = vm.analysis();
        if (a == null) {
            return CsvTable.EMPTY;
        }
        int l = vm.layerProperty().get();
        int h = vm.headProperty().get();
        List<String> labels = a.labels();
        return CsvTable.matrix("layer " + l + " head " + h + ": query \\ key", labels, labels,
                a.layer(l).weights()[h]);
    }

    @Override
    public LabSettings settings() {
        return new LabSettings()
                .text("prompt", text -> vm.promptProperty().set(text))
                .integer("layer", 0, 63, l -> vm.selectHead(l, vm.headProperty().get()))
                .integer("head", 0, 63, h -> vm.selectHead(vm.layerProperty().get(), h))
                .choice("view", Arrays.stream(View.values()).map(View::key).toList(),
                        v -> vm.viewProperty().set(View.parse(v)))
                .integer("step", 1, StepKind.count(), s -> vm.stepProperty().set(s))
                .text("query", this::setQuery)
                .choice("mask", List.of("causal", "bidirectional"),
                        m -> vm.maskProperty().set(MaskKind.valueOf(m.toUpperCase(Locale.ROOT))))
                .text("disabled-head", this::setDisabledHeads)
                .text("masked-token", this::setMaskedTokens)
                .flag("overlay", on -> vm.overlayProperty().set(on));
    }

    private void setQuery(String text) {
        String value = text.trim();
        if (value.equalsIgnoreCase("last")) {
            vm.queryProperty().set(-1);
            return;
        }
        int position;
        try {
            position = Integer.parseInt(value);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("query must be a token position (0, 1, …) or 'last', not '" + text + "'");
        }
        int limit = contextLength();
        if (position < 0 || position >= limit) {
            throw new IllegalArgumentException("query must be between 0 and " + (limit - 1) + ", not " + position);
        }
        vm.queryProperty().set(position);
    }

    /** The longest prompt the model reads; 64 (the bundled model's) while none is loaded. */
    private int contextLength() {
        return vm.model() == null ? 64 : vm.model().model().config().contextLength();
    }

    /** "none", or heads as "layer.head" separated by commas ("1.2, 0.3"; "L1H2" also reads). */
    private void setDisabledHeads(String text) {
        Set<HeadRef> refs = new HashSet<>();
        if (!text.trim().equalsIgnoreCase("none") && !text.isBlank()) {
            ModelBundle bundle = vm.model();
            for (String part : text.split(",")) {
                Matcher m = HEAD_PATTERN.matcher(part.replaceAll("(?i)l(\\d+)h(\\d+)", "$1.$2"));
                if (!m.matches()) {
                    throw new IllegalArgumentException("disabled-head takes 'layer.head' pairs such as 1.2, or 'none'; not '"
                            + part.trim() + "'");
                }
                int l = Integer.parseInt(m.group(1));
                int h = Integer.parseInt(m.group(2));
                if (bundle != null && (l >= bundle.model().config().layers() || h >= bundle.model().config().heads())) {
                    throw new IllegalArgumentException("the model has no head " + h + " in layer " + l);
                }
                refs.add(new HeadRef(l, h));
            }
        }
        vm.disabledHeads().clear();
        vm.disabledHeads().addAll(refs);
    }

    /** "none", or token positions separated by commas. */
    private void setMaskedTokens(String text) {
        Set<Integer> keys = new HashSet<>();
        if (!text.trim().equalsIgnoreCase("none") && !text.isBlank()) {
            for (String part : text.split(",")) {
                try {
                    int position = Integer.parseInt(part.trim());
                    if (position < 0 || position >= contextLength()) {
                        throw new IllegalArgumentException("masked-token positions run from 0 to " + (contextLength() - 1)
                                + ", not " + position);
                    }
                    keys.add(position);
                } catch (NumberFormatException notANumber) {
                    throw new IllegalArgumentException("masked-token takes token positions such as 0, 3 or 'none'; not '"
                            + part.trim() + "'");
                }
            }
        }
        vm.maskedKeys().clear();
        vm.maskedKeys().addAll(keys);
    }
}
