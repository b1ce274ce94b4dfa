package workbench.ui.gqa;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import workbench.core.model.ModelBundle;
import workbench.core.gqa.ConversionExperiment;
import workbench.core.gqa.Uptraining;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabSettings;
import workbench.ui.common.LenientIntegerSpinner;
import workbench.ui.gqa.KvCacheViewModel.DiagramKind;

import java.util.List;
import java.util.Locale;

/**
 * The GQA lab on the workbench's own trained model: one layer switched between MHA, GQA and MQA
 * (the sharing diagram and the attention maps of the query heads in each group), the conversion
 * with its fine-tune, and the real KV caches growing during generation. Until the model has
 * loaded, a note says what will appear.
 */
final class GqaModelPane extends VBox {

    static final String LAYER_ID = "gqa-map-layer";
    static final String KIND_PREFIX = "gqa-map-";
    static final String GROUPS_ID = "gqa-map-kv-heads";
    static final String PROMPT_ID = "gqa-prompt";
    static final String PROBLEM_ID = "gqa-map-problem";
    static final String DIAGRAM_ID = "gqa-model-diagram";
    static final String MAPS_ID = "gqa-group-maps";
    static final String WAITING_ID = "gqa-needs-model";

    private final LabContext context;
    private final GroupMapsViewModel maps;
    private final ConversionViewModel conversion;
    private final CacheRaceViewModel race;
    private final HeadSharingCanvas diagram;
    private final GroupMapsCanvas canvas;
    private final ConversionPane conversionPane;
    private final CacheRacePane racePane;
    private final LenientIntegerSpinner layer = new LenientIntegerSpinner(0, 63, GroupMapsViewModel.DEFAULT_LAYER, 1);
    private final ChoiceBox<Integer> groups = new ChoiceBox<>();
    private final ToggleGroup kinds = new ToggleGroup();
    private final VBox content = new VBox(12);
    private final Label waiting = new Label();
    private final ChangeListener<ModelBundle> modelListener = (o, a, now) -> setBundle(now);
    private final ChangeListener<String> promptListener = (o, a, now) -> race().clear();
    private final TextField prompt = new TextField();

    GqaModelPane(LabContext context) {
        this.context = context;
        this.maps = new GroupMapsViewModel(context);
        this.race = new CacheRaceViewModel(context, maps);
        this.conversion = new ConversionViewModel(context, (kv, tuned, steps) -> {
            maps.addTuned(kv, tuned, steps);
            race.clear(); // the next race uses the fine-tuned model
        });
        this.diagram = new HeadSharingCanvas(context.themes());
        this.canvas = new GroupMapsCanvas(context.themes());
        this.conversionPane = new ConversionPane(conversion, maps::kvHeads, Bindings.createStringBinding(
                this::targetName, maps.kindProperty(), maps.groupsProperty(), maps.bundleProperty()));
        this.racePane = new CacheRacePane(race);
        setSpacing(12);
        setPadding(new Insets(10));

        Label title = new Label("The trained model: one layer as MHA, GQA and MQA");
        title.getStyleClass().add("page-title");
        title.setWrapText(true);
        waiting.setId(WAITING_ID);
        waiting.setWrapText(true);
        waiting.getStyleClass().add("gqa-needs-model");
        waiting.setPadding(new Insets(10));
        waiting.setText("Waiting for the trained model to load. When it has: the attention maps of the query heads in "
                + "each group for MHA, GQA and MQA on one layer; the model converted from MHA to GQA by mean-pooling, "
                + "with its validation loss before and after a short fine-tune; and its KV cache growing token by token.");
        waiting.managedProperty().bind(waiting.visibleProperty());
        content.managedProperty().bind(content.visibleProperty());
        content.getChildren().addAll(selector(), diagramAndMaps(), new Separator(), conversionPane, new Separator(), racePane);
        getChildren().addAll(title, waiting, content);

        maps.kindProperty().addListener((o, a, v) -> changed());
        maps.groupsProperty().addListener((o, a, v) -> changed());
        context.models().promptProperty().addListener(promptListener);
        context.models().modelProperty().addListener(modelListener);
        setBundle(context.models().modelProperty().get());
    }

    private Node selector() {
        layer.setId(LAYER_ID);
        layer.valueProperty().addListener((o, a, v) -> maps.layerProperty().set(v));
        maps.layerProperty().addListener((o, a, v) -> layer.getValueFactory().setValue(v.intValue()));
        FlowPane kindButtons = new FlowPane(10, 4);
        for (DiagramKind kind : DiagramKind.values()) {
            RadioButton button = new RadioButton(kind.name());
            button.setId(KIND_PREFIX + kind.name().toLowerCase(Locale.ROOT));
            button.setUserData(kind);
            button.setToggleGroup(kinds);
            button.setSelected(kind == maps.kindProperty().get());
            kindButtons.getChildren().add(button);
        }
        kinds.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                maps.kindProperty().set((DiagramKind) t.getUserData());
            }
        });
        maps.kindProperty().addListener((o, a, kind) -> kinds.getToggles().stream()
                .filter(t -> t.getUserData() == kind).findFirst().ifPresent(t -> t.setSelected(true)));
        groups.setId(GROUPS_ID);
        groups.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                maps.groupsProperty().set(v);
            }
        });
        maps.groupsProperty().addListener((o, a, v) -> groups.setValue(v.intValue()));
        groups.disableProperty().bind(maps.kindProperty().isNotEqualTo(DiagramKind.GQA));
        prompt.setId(PROMPT_ID);
        prompt.textProperty().bindBidirectional(context.models().promptProperty());
        prompt.setPrefColumnCount(36);
        HBox.setHgrow(prompt, Priority.ALWAYS);
        Label problem = new Label();
        problem.setId(PROBLEM_ID);
        problem.setWrapText(true);
        problem.getStyleClass().add("gqa-problem");
        problem.textProperty().bind(maps.problemProperty());
        problem.visibleProperty().bind(maps.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        HBox row = new HBox(16, labelled("Layer", layer), labelled("Attention", kindButtons),
                labelled("GQA K/V heads", groups), labelled("Prompt (shared with the other labs)", prompt));
        row.setAlignment(Pos.BOTTOM_LEFT);
        return new VBox(6, row, problem);
    }

    private Node diagramAndMaps() {
        diagram.setId(DIAGRAM_ID);
        diagram.setPrefWidth(390);
        diagram.setMinWidth(300);
        diagram.setPrefHeight(210);
        canvas.setId(MAPS_ID);
        HBox.setHgrow(canvas, Priority.ALWAYS);
        VBox left = new VBox(6, diagram, hint("The K/V projections of a group are the mean of the trained model's: "
                + "every query head of the group then scores its queries against the same keys. The maps show "
                + "what that does to each head's attention."));
        left.setPrefWidth(390);
        left.setMinWidth(300);
        left.setMaxWidth(400);
        maps.mapsProperty().addListener((o, a, m) -> canvas.setMaps(m));
        return new HBox(12, left, canvas);
    }

    private void setBundle(ModelBundle bundle) {
        maps.setBundle(bundle);
        conversion.setBundle(bundle);
        race.clear();
        waiting.setVisible(bundle == null);
        content.setVisible(bundle != null);
        if (bundle != null) {
            var c = bundle.model().config();
            ((javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) layer.getValueFactory()).setMax(c.layers() - 1);
            groups.getItems().setAll(maps.gqaChoices());
            groups.setValue(maps.groupsProperty().get());
        }
        showDiagram();
    }

    private void changed() {
        race.clear();
        showDiagram();
    }

    private void showDiagram() {
        ModelBundle b = maps.bundle();
        if (b != null) {
            diagram.setHeads(b.model().config().heads(), maps.kvHeads());
        }
    }

    private String targetName() {
        ModelBundle b = maps.bundle();
        return b == null ? "GQA" : GroupMapsViewModel.label(b.model().config().heads(), maps.kvHeads());
    }

    GroupMapsViewModel maps() {
        return maps;
    }

    ConversionViewModel conversion() {
        return conversion;
    }

    CacheRaceViewModel race() {
        return race;
    }

    HeadSharingCanvas diagram() {
        return diagram;
    }

    GroupMapsCanvas canvas() {
        return canvas;
    }

    void reset() {
        maps.reset();
        conversion.reset();
        race.clear();
    }

    /** The lesson settings of this tab (names prefixed "model-", "finetune-", "cache-"). */
    void addSettings(LabSettings settings) {
        settings.integer("model-layer", 0, 63, v -> {
                    ModelBundle b = maps.bundle();
                    if (b != null && v >= b.model().config().layers()) {
                        throw new IllegalArgumentException("the model has layers 0.." + (b.model().config().layers() - 1)
                                + ", not " + v);
                    }
                    maps.layerProperty().set(v);
                })
                .choice("model-attention", List.of("MHA", "GQA", "MQA"), v -> maps.kindProperty().set(DiagramKind.valueOf(v)))
                .integer("model-kv-heads", 1, 1024, v -> {
                    if (maps.bundle() != null && !maps.gqaChoices().contains(v)) {
                        throw new IllegalArgumentException("model-kv-heads must be one of " + maps.gqaChoices() + ", not " + v);
                    }
                    maps.groupsProperty().set(v);
                })
                .integer("finetune-steps", Uptraining.MIN_STEPS, Uptraining.MAX_STEPS, v -> conversion.stepsProperty().set(v))
                .integer("finetune-windows", ConversionExperiment.MIN_WINDOWS, ConversionExperiment.MAX_WINDOWS,
                        v -> conversion.windowsProperty().set(v))
                .integer("finetune-seed", 0, Integer.MAX_VALUE, v -> conversion.seedProperty().set(v))
                .flag("cache-play", v -> race.playingProperty().set(v));
    }

    void dispose() {
        context.models().modelProperty().removeListener(modelListener);
        context.models().promptProperty().removeListener(promptListener);
        prompt.textProperty().unbindBidirectional(context.models().promptProperty());
        maps.dispose();
        conversion.dispose();
        conversionPane.dispose();
        racePane.dispose();
        race.clear();
    }

    private static VBox labelled(String text, Node control) {
        Label label = new Label(text);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return new VBox(2, label, control);
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("hint");
        return l;
    }
}
