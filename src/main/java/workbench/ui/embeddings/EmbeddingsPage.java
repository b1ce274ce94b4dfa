package workbench.ui.embeddings;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import workbench.core.embedding.EmbeddingProjection;
import workbench.core.embedding.Vectors;
import workbench.core.inspect.ModelEmbeddings;
import workbench.core.model.ModelBundle;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.LabSettings;
import workbench.ui.tokenization.VisibleText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Embeddings lab: the trained model's token-embedding table, or the residual stream of the
 * shared prompt after a chosen layer, projected to 2D or 3D by PCA; a picked token's nearest
 * neighbours by cosine, and the dot product and cosine of two picked tokens. Projections run in
 * the background when the model or the prompt changes; switching layer, token or view only redraws.
 */
public final class EmbeddingsPage implements LabPage {

    public static final String ID = "embeddings";
    public static final String SCATTER_ID = "embedding-scatter";
    public static final String STATUS_ID = "embedding-status";
    public static final String LAYER_ID = "embedding-layer";
    public static final String PROMPT_ID = "embedding-prompt";
    public static final String PROMPT_STATUS_ID = "embedding-prompt-status";
    public static final String DIMENSIONS_2D_ID = "embedding-2d";
    public static final String DIMENSIONS_3D_ID = "embedding-3d";
    public static final String COLORING_ID = "embedding-coloring";
    public static final String RESET_VIEW_ID = "embedding-reset-view";
    public static final String TOKEN_ID = "embedding-token";
    public static final String COMPARE_ID = "embedding-compare";
    public static final String NEIGHBOUR_COUNT_ID = "embedding-neighbour-count";
    public static final String NEIGHBOURS_ID = "embedding-neighbours";
    public static final String NEIGHBOURS_TITLE_ID = "embedding-neighbours-title";
    public static final String PAIR_TITLE_ID = "embedding-pair-title";
    public static final String PAIR_DOT_ID = "embedding-pair-dot";
    public static final String PAIR_COSINE_ID = "embedding-pair-cosine";
    public static final String PAIR_NORMS_ID = "embedding-pair-norms";
    public static final String HINT_ID = "embedding-hint";

    static final int TABLE = EmbeddingsState.TABLE;
    static final int DEFAULT_NEIGHBOURS = 8;
    static final double DEFAULT_YAW = 35;
    static final double DEFAULT_PITCH = 20;

    private final LabContext context;
    private final BorderPane view = new BorderPane();
    private final VBox controls = new VBox();
    private final Label status = new Label();
    private final EmbeddingScatter scatter;
    private final NeighbourPanel side = new NeighbourPanel();
    final ChoiceBox<Integer> layerBox = new ChoiceBox<>();
    final TextArea promptField = new TextArea();
    private final Label promptStatus = new Label();
    final RadioButton twoD = new RadioButton("2D");
    final RadioButton threeD = new RadioButton("3D");
    final ChoiceBox<EmbeddingScatter.Coloring> coloring = new ChoiceBox<>();
    final ComboBox<Integer> tokenBox = new ComboBox<>();
    final ComboBox<Integer> compareBox = new ComboBox<>();
    final Spinner<Integer> neighbourCount = new Spinner<>(1, 30, DEFAULT_NEIGHBOURS);
    private final ChangeListener<ModelBundle> modelListener = (o, old, now) -> modelChanged(now);
    private final EmbeddingsState state = new EmbeddingsState();
    private ModelBundle bundle;
    private boolean updating;

    public EmbeddingsPage(LabContext context) {
        this.context = context;
        scatter = new EmbeddingScatter(context.themes());
        view.getStylesheets().add(EmbeddingsPage.class.getResource("/workbench/ui/embeddings.css").toExternalForm());
        view.getStyleClass().add("embeddings-lab");
        buildView();
        buildControls();
        promptField.textProperty().bindBidirectional(context.models().promptProperty());
        promptField.textProperty().addListener((o, a, b) -> recomputePrompt());
        context.models().modelProperty().addListener(modelListener);
        modelChanged(context.models().modelProperty().get());
    }

    private void buildView() {
        Label title = new Label("Embeddings");
        title.getStyleClass().add("page-title");
        status.setId(STATUS_ID);
        status.setWrapText(true);
        status.getStyleClass().add("embedding-status");
        scatter.setId(SCATTER_ID);
        scatter.setOnPick((index, second) -> {
            state.pick(index, second);
            refresh();
        });
        SplitPane split = new SplitPane(scatter, side);
        split.setDividerPositions(0.7);
        SplitPane.setResizableWithParent(side, false);
        VBox top = new VBox(4, title, status);
        top.setPadding(new Insets(0, 0, 6, 0));
        view.setTop(top);
        view.setCenter(split);
    }

    private void buildControls() {
        controls.getStyleClass().add("controls-box");
        layerBox.setId(LAYER_ID);
        layerBox.setMaxWidth(Double.MAX_VALUE);
        layerBox.setConverter(converter(this::layerName));
        layerBox.getItems().setAll(TABLE);
        layerBox.setValue(TABLE);
        layerBox.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null) {
                setLayer(b);
            }
        });
        promptField.setId(PROMPT_ID);
        promptField.setWrapText(true);
        promptField.setPrefRowCount(3);
        promptStatus.setId(PROMPT_STATUS_ID);
        promptStatus.setWrapText(true);
        promptStatus.getStyleClass().add("hint");
        ToggleGroup dims = new ToggleGroup();
        twoD.setToggleGroup(dims);
        threeD.setToggleGroup(dims);
        twoD.setId(DIMENSIONS_2D_ID);
        threeD.setId(DIMENSIONS_3D_ID);
        twoD.setSelected(true);
        dims.selectedToggleProperty().addListener((o, a, b) -> scatter.setDimensions(threeD.isSelected() ? 3 : 2));
        coloring.setId(COLORING_ID);
        coloring.getItems().setAll(EmbeddingScatter.Coloring.values());
        coloring.setConverter(converter(c -> c == EmbeddingScatter.Coloring.KIND ? "kind of token" : "position in the prompt"));
        coloring.setValue(EmbeddingScatter.Coloring.KIND);
        coloring.valueProperty().addListener((o, a, b) -> scatter.setColoring(b));
        Button resetView = new Button("Reset view");
        resetView.setId(RESET_VIEW_ID);
        resetView.setOnAction(e -> {
            scatter.setRotation(DEFAULT_YAW, DEFAULT_PITCH);
            scatter.setZoom(1);
        });
        scatter.setRotation(DEFAULT_YAW, DEFAULT_PITCH);
        tokenBox.setId(TOKEN_ID);
        compareBox.setId(COMPARE_ID);
        for (ComboBox<Integer> box : List.of(tokenBox, compareBox)) {
            box.setVisibleRowCount(14);
            box.setConverter(converter(i -> i == null || i < 0 ? "none" : pointName(i)));
            box.setButtonCell(new PointCell());
            box.setCellFactory(list -> new PointCell());
            box.setMaxWidth(Double.MAX_VALUE);
        }
        tokenBox.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null) {
                state.selected = b;
                refresh();
            }
        });
        compareBox.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null) {
                state.compare = b;
                refresh();
            }
        });
        neighbourCount.setId(NEIGHBOUR_COUNT_ID);
        neighbourCount.setEditable(true);
        neighbourCount.valueProperty().addListener((o, a, b) -> refresh());
        Label dragHint = new Label("Drag to turn the 3D view (shift-drag moves it); the mouse wheel zooms.");
        dragHint.setWrapText(true);
        dragHint.getStyleClass().add("hint");
        controls.getChildren().addAll(
                section("What to show"), layerBox,
                wrapped("Prompt (shared with the other labs)"), promptField, promptStatus,
                section("View"), new HBox(12, twoD, threeD), new Label("Colour by"), coloring, resetView, dragHint,
                section("Tokens"), new Label("Token"), tokenBox, new Label("Compare with"), compareBox,
                new Label("Neighbours listed"), neighbourCount);
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> show) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : show.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("choices are picked, not typed");
            }
        };
    }

    /** A list cell that shows a point index as its token (or "none" for -1). */
    private final class PointCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item < 0 ? "none" : pointName(item));
        }
    }

    private String layerName(int value) {
        int layers = bundle == null ? 0 : bundle.model().config().layers();
        if (value == TABLE) {
            return "Token-embedding table" + (bundle == null ? "" : " (" + bundle.tokenizer().vocabSize() + " tokens)");
        }
        return "Prompt: " + ModelEmbeddings.stageName(value) + (value > 0 ? " of " + layers : "");
    }

    // ---- model and prompt --------------------------------------------------------------------

    private void modelChanged(ModelBundle now) {
        bundle = now;
        state.modelChanged(now == null ? 64 : now.model().config().layers());
        updating = true;
        try {
            List<Integer> layers = new ArrayList<>(List.of(TABLE));
            for (int i = 0; now != null && i <= now.model().config().layers(); i++) {
                layers.add(i);
            }
            layerBox.getItems().setAll(layers);
            layerBox.setValue(state.layer);
        } finally {
            updating = false;
        }
        refresh();
        if (now == null) {
            return;
        }
        context.tasks().submitLatest("embeddings-table", "Projecting the embedding table",
                progress -> ModelEmbeddings.projectTable(now), result -> {
                    if (bundle == now) {
                        state.tableReady(result);
                        refresh();
                    }
                }, error -> context.notifier().error("Could not project the embedding table", error));
        recomputePrompt();
    }

    private void recomputePrompt() {
        ModelBundle now = bundle;
        String text = promptField.getText();
        state.prompt = null;
        state.promptProblem = null;
        if (now == null) {
            refresh();
            return;
        }
        if (text == null || text.isEmpty()) {
            state.promptProblem = "Type a prompt to follow its tokens through the layers.";
            refresh();
            return;
        }
        refresh();
        context.tasks().submitLatest("embeddings-prompt", "Tracing the prompt through the model", progress -> {
            ModelBundle.Prompt encoded = now.encode(text);
            return new PromptResult(ModelEmbeddings.projectResidualStream(now, encoded.ids()), encoded.droppedFromLeft());
        }, result -> {
            if (bundle == now && text.equals(promptField.getText())) {
                state.prompt = result.projection();
                promptStatus.setText(result.projection().size() + " tokens"
                        + (result.dropped() > 0 ? "; the first " + result.dropped() + " were dropped to fit the model's context of "
                        + now.model().config().contextLength() : "") + ".");
                refresh();
            }
        }, error -> {
            if (bundle == now && text.equals(promptField.getText())) {
                if (error instanceof IllegalArgumentException) {
                    state.promptProblem = error.getMessage();
                    refresh();
                } else {
                    context.notifier().error("Could not trace the prompt", error);
                }
            }
        });
    }

    private record PromptResult(EmbeddingProjection projection, int dropped) {
    }

    // ---- state ---------------------------------------------------------------------------------

    EmbeddingProjection current() {
        return state.current();
    }

    int stage() {
        return state.stage();
    }

    void setLayer(int value) {
        state.setLayer(value);
        refresh();
    }

    /** Brings every part of the view in line with the state; called after each change. */
    void refresh() {
        if (updating) {
            return;
        }
        updating = true;
        try {
            layerBox.setValue(state.layer);
            for (String name : state.settle()) {
                context.notifier().warn("No token '" + name + "' to pick here.");
            }
            EmbeddingProjection p = current();
            if (p == null) {
                scatter.setEmptyMessage(emptyMessage());
                scatter.setProjection(null, 0);
                tokenBox.getItems().clear();
                compareBox.getItems().clear();
                side.show(null, 0, -1, -1, List.of());
                status.setText("");  // the canvas says what is missing
                if (state.promptProblem != null) {
                    promptStatus.setText(state.promptProblem);
                }
                return;
            }
            int selected = state.selected;
            int compare = state.compare;
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < p.size(); i++) {
                indices.add(i);
            }
            if (!tokenBox.getItems().equals(indices) || tokenBox.getUserData() != p) {
                tokenBox.getItems().setAll(indices);
                List<Integer> withNone = new ArrayList<>(indices);
                withNone.add(0, -1);
                compareBox.getItems().setAll(withNone);
                tokenBox.setUserData(p);
            }
            tokenBox.setValue(selected < 0 ? null : selected);
            compareBox.setValue(compare);
            List<Vectors.Neighbour> neighbours = selected < 0 ? List.of() : p.neighbours(stage(), selected, neighbourCount.getValue());
            Set<Integer> near = new HashSet<>();
            neighbours.forEach(nb -> near.add(nb.index()));
            scatter.setProjection(p, stage());
            scatter.setSelection(selected, compare, near);
            side.show(p, stage(), selected, compare, neighbours);
            status.setText(describeView(p));
        } finally {
            updating = false;
        }
    }

    private String emptyMessage() {
        if (bundle == null) {
            return "Loading the trained model… The embeddings appear as soon as it is ready.";
        }
        if (state.layer == TABLE) {
            return "Projecting the embedding table…";
        }
        return state.promptProblem != null ? state.promptProblem : "Tracing the prompt through the model…";
    }

    private String describeView(EmbeddingProjection p) {
        StringBuilder ratios = new StringBuilder();
        for (int k = 0; k < p.componentCount(); k++) {
            ratios.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "PC%d %.1f%%", k + 1, 100 * p.explainedRatios()[k]));
        }
        if (state.layer == TABLE) {
            return String.format(Locale.ROOT, "%s's token-embedding table: %d tokens × %d dimensions, projected by PCA "
                    + "(%s of the variance).", bundle.name(), p.size(), p.width(), ratios);
        }
        return String.format(Locale.ROOT, "The residual stream of %d prompt tokens, %s. Lines follow each token from "
                        + "stage 0 (embeddings + positions) through every layer; one PCA over all %d stages (%s).",
                p.size(), ModelEmbeddings.stageName(state.layer), p.stageCount(), ratios);
    }

    private String pointName(int index) {
        EmbeddingProjection p = current();
        return p == null || index >= p.size() ? String.valueOf(index) : describe(p, index);
    }

    /**
     * How a token is written in this lab: whitespace and control characters made visible, and a
     * lone space as ␣, which reads better than a small dot beside a point.
     */
    static String visible(String token) {
        return token.equals(" ") ? "␣" : VisibleText.of(token);
    }

    /** "'e'" for a vocabulary token, "'e' at 12" for a token of the prompt. */
    static String describe(EmbeddingProjection p, int index) {
        String token = "'" + visible(p.labels().get(index)) + "'";
        return p.stageCount() > 1 ? token + " at " + index : token;
    }

    // ---- page contract -------------------------------------------------------------------------

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Embeddings";
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Node controls() {
        return controls;
    }

    /** Back to the table in 2D; the shared prompt is left as it is, since the other labs use it too. */
    @Override
    public void reset() {
        twoD.setSelected(true);
        coloring.setValue(EmbeddingScatter.Coloring.KIND);
        neighbourCount.getValueFactory().setValue(DEFAULT_NEIGHBOURS);
        scatter.setRotation(DEFAULT_YAW, DEFAULT_PITCH);
        scatter.setZoom(1);
        state.layer = TABLE;
        state.pickDefaults();
        refresh();
    }

    @Override
    public void dispose() {
        context.models().modelProperty().removeListener(modelListener);
        promptField.textProperty().unbindBidirectional(context.models().promptProperty());
    }

    @Override
    public CsvTable table() {
        EmbeddingProjection p = current();
        return p == null ? CsvTable.EMPTY : EmbeddingsCsv.of(p, stage(), state.selected, neighbourCount.getValue());
    }

    /**
     * layer: "table" or a stage of the prompt (0 = embeddings + positions, n = after layer n);
     * token, compare: a token's text, "space", "newline", or "#index"; dimensions: 2 or 3.
     */
    @Override
    public LabSettings settings() {
        return new LabSettings()
                .text("layer", v -> setLayer(v.trim().equalsIgnoreCase("table") ? TABLE : parseLayer(v)))
                .text("prompt", promptField::setText)
                .text("token", v -> {
                    state.pendingToken = v;
                    refresh();
                })
                .text("compare", v -> {
                    state.pendingCompare = v;
                    refresh();
                })
                .integer("dimensions", 2, 3, d -> (d == 3 ? threeD : twoD).setSelected(true))
                .choice("colour", List.of("kind", "position"), c -> coloring.setValue(c.equals("kind")
                        ? EmbeddingScatter.Coloring.KIND : EmbeddingScatter.Coloring.POSITION))
                .integer("neighbours", 1, 30, k -> neighbourCount.getValueFactory().setValue(k))
                .number("yaw", -360, 360, y -> scatter.setRotation(y, scatter.pitch()))
                .number("pitch", -89, 89, x -> scatter.setRotation(scatter.yaw(), x))
                .number("zoom", 0.25, 40, scatter::setZoom);
    }

    private static int parseLayer(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("layer must be 'table' or a whole number, not '" + text + "'");
        }
    }

    int selectedIndex() {
        return state.selected;
    }

    int compareIndex() {
        return state.compare;
    }

    EmbeddingScatter scatter() {
        return scatter;
    }

    NeighbourPanel side() {
        return side;
    }

    String statusText() {
        return status.getText();
    }
}
