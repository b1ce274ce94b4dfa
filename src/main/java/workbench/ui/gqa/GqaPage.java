package workbench.ui.gqa;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import workbench.core.attention.KvCacheCalculator;
import workbench.core.attention.KvCacheCalculator.Shape;
import workbench.core.attention.KvCacheCalculator.ValueType;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import workbench.core.model.ModelBundle;
import workbench.core.model.TransformerConfig;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.LabSettings;
import workbench.ui.common.LenientIntegerSpinner;
import workbench.ui.common.MemorySizeFormat;
import workbench.ui.gqa.KvCacheViewModel.DiagramKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The grouped-query attention lab. First tab: the workbench's trained model, one layer switched
 * between MHA, GQA and MQA, its conversion with a short fine-tune, and its real KV caches growing
 * during generation ({@link GqaModelPane}). Second tab: the KV-cache calculator on published
 * configurations (and the bundled model's) with the head-sharing diagram.
 */
public final class GqaPage implements LabPage {

    public static final String ID = "gqa";
    public static final String MODEL_ID = "gqa-model";
    public static final String NOTE_ID = "gqa-model-note";
    public static final String LAYERS_ID = "gqa-layers";
    public static final String HEADS_ID = "gqa-heads";
    public static final String KV_HEADS_ID = "gqa-kv-heads";
    public static final String HEAD_DIM_ID = "gqa-head-dim";
    public static final String CONTEXT_ID = "gqa-context";
    public static final String BATCH_ID = "gqa-batch";
    public static final String HEADLINE_ID = "gqa-headline";
    public static final String TABLE_ID = "gqa-cache-table";
    public static final String CHART_ID = "gqa-cache-chart";
    public static final String DIAGRAM_ID = "gqa-head-sharing";
    public static final String DIAGRAM_KIND_PREFIX = "gqa-diagram-";
    public static final String NEEDS_MODEL_ID = GqaModelPane.WAITING_ID;
    public static final String TABS_ID = "gqa-tabs";
    public static final String CHOSEN_ROW_CLASS = "gqa-chosen-row";

    private final KvCacheViewModel model = new KvCacheViewModel();
    private final HeadSharingCanvas diagram;
    private final TableView<KvCacheSummary.Row> table = new TableView<>();
    private final BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final Label headline = new Label();
    private final VBox view = new VBox(10);
    private final VBox controls = new VBox();
    private final ScrollPane scroll;
    private final ComboBox<ModelChoice> modelBox = new ComboBox<>();
    private final ChoiceBox<Integer> kvBox = new ChoiceBox<>();
    private final LenientIntegerSpinner layers = new LenientIntegerSpinner(1, KvCacheViewModel.MAX_LAYERS, 1, 1);
    private final LenientIntegerSpinner heads = new LenientIntegerSpinner(1, KvCacheViewModel.MAX_HEADS, 1, 1);
    private final LenientIntegerSpinner headDim = new LenientIntegerSpinner(1, KvCacheViewModel.MAX_HEAD_DIM, 1, 1);
    private final LenientIntegerSpinner context = new LenientIntegerSpinner(1, KvCacheViewModel.MAX_CONTEXT, 4096, 512);
    private final LenientIntegerSpinner batch = new LenientIntegerSpinner(1, KvCacheViewModel.MAX_BATCH, 1, 1);
    private final ToggleGroup kinds = new ToggleGroup();
    private final LabContext labContext;
    private final GqaModelPane modelPane;
    private final TabPane tabs = new TabPane();
    private final ChangeListener<ModelBundle> bundleListener = (o, a, now) -> offerBundled(now);

    public GqaPage(LabContext context) {
        this.labContext = context;
        diagram = new HeadSharingCanvas(context.themes());
        modelPane = new GqaModelPane(context);
        buildView();
        // Room for the header rows and three data rows at the theme's text size.
        table.minHeightProperty().bind(Bindings.createDoubleBinding(
                () -> 165 * context.themes().theme().fontScale(), context.themes().themeProperty()));
        table.prefHeightProperty().bind(table.minHeightProperty());
        buildControls();
        bind();
        scroll = new ScrollPane(view);
        scroll.setFitToWidth(true);
        ScrollPane modelScroll = new ScrollPane(modelPane);
        modelScroll.setFitToWidth(true);
        tabs.setId(TABS_ID);
        tabs.getTabs().setAll(new Tab("Trained model", modelScroll), new Tab("KV-cache calculator", scroll));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStylesheets().add(GqaPage.class.getResource("/workbench/ui/gqa.css").toExternalForm());
        controls.getStylesheets().add(GqaPage.class.getResource("/workbench/ui/gqa.css").toExternalForm());
        showSummary(model.summary());
        showDiagram();
        // Changing a figure of the calculator shows the calculator.
        model.summaryProperty().addListener((o, a, s) -> tabs.getSelectionModel().select(1));
        context.models().modelProperty().addListener(bundleListener);
        offerBundled(context.models().modelProperty().get());
    }

    /** Puts the loaded model's own shape in the calculator's list. */
    private void offerBundled(ModelBundle bundle) {
        if (bundle == null) {
            return;
        }
        TransformerConfig c = bundle.model().config();
        setBundledModel(bundle.name(), new Shape(bundle.name(), c.layers(), c.heads(), c.kvHeads(), c.headSize()),
                c.contextLength(), "The workbench's own model, " + bundle.describe() + "; its cache holds float32.");
    }

    private void buildView() {
        Label title = new Label("KV cache: multi-head, grouped-query and multi-query attention");
        title.getStyleClass().add("page-title");
        title.setWrapText(true);
        Label formula = new Label("bytes = 2 (K and V) × layers × KV heads × head size × bytes per value × tokens × batch. "
                + "MHA keeps one K/V head per query head, GQA one per group of query heads, MQA one in all.");
        formula.setWrapText(true);
        formula.getStyleClass().add("hint");
        headline.setId(HEADLINE_ID);
        headline.setWrapText(true);
        headline.getStyleClass().add("gqa-headline");
        headline.setMinHeight(Region.USE_PREF_SIZE);
        buildTable();
        chart.setId(CHART_ID);
        chart.setAnimated(false);
        chart.setTitle("Cache for the whole context and batch");
        chart.setPrefHeight(280);
        chart.setMinHeight(220);
        diagram.setId(DIAGRAM_ID);
        diagram.setMinHeight(190);
        Label diagramTitle = new Label("Which query heads share which K/V head");
        diagramTitle.getStyleClass().add("section-title");
        Label star = new Label("* the shape as set (for a listed model, as published)");
        star.getStyleClass().add("hint");
        view.getChildren().addAll(title, formula, headline, table, star, chart, diagramTitle, diagram);
        view.setPadding(new Insets(10));
    }

    private void buildTable() {
        table.setId(TABLE_ID);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setFixedCellSize(-1);
        TableColumn<KvCacheSummary.Row, String> perToken = new TableColumn<>("per token");
        TableColumn<KvCacheSummary.Row, String> total = new TableColumn<>("whole context × batch");
        for (ValueType type : ValueType.values()) {
            perToken.getColumns().add(column(type.label(), r -> MemorySizeFormat.bytes(r.perToken(type))));
            total.getColumns().add(column(type.label(), r -> MemorySizeFormat.bytes(r.total(type))));
        }
        table.getColumns().setAll(List.of(column("attention", r -> r.kind() + (r.chosen() ? " *" : "")),
                column("K/V heads", r -> Integer.toString(r.kvHeads())), perToken, total));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(KvCacheSummary.Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove(CHOSEN_ROW_CLASS);
                if (!empty && item != null && item.chosen()) {
                    getStyleClass().add(CHOSEN_ROW_CLASS);
                }
            }
        });
    }

    private void buildControls() {
        Label title = new Label("GQA: KV-cache calculator");
        title.getStyleClass().add("page-title");
        title.setWrapText(true);
        Label where = new Label("The trained model's controls are on its tab, above its attention maps.");
        where.setWrapText(true);
        where.getStyleClass().add("hint");
        modelBox.setId(MODEL_ID);
        modelBox.setItems(model.choices());
        modelBox.setMaxWidth(Double.MAX_VALUE);
        Label note = new Label();
        note.setId(NOTE_ID);
        note.setWrapText(true);
        note.getStyleClass().add("hint");
        note.textProperty().bind(model.noteProperty());
        layers.setId(LAYERS_ID);
        heads.setId(HEADS_ID);
        kvBox.setId(KV_HEADS_ID);
        headDim.setId(HEAD_DIM_ID);
        context.setId(CONTEXT_ID);
        batch.setId(BATCH_ID);
        FlowPane kindButtons = new FlowPane(8, 4);
        for (DiagramKind kind : DiagramKind.values()) {
            RadioButton button = new RadioButton(kind.name());
            button.setId(DIAGRAM_KIND_PREFIX + kind.name().toLowerCase(Locale.ROOT));
            button.setUserData(kind);
            button.setToggleGroup(kinds);
            button.setSelected(kind == model.diagramProperty().get());
            kindButtons.getChildren().add(button);
        }
        Label hint = new Label("Pick a published model, or change any figure to see what it would cost. "
                + "1 KB = 1024 bytes.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        controls.getStyleClass().add("controls-box");
        controls.getChildren().addAll(title, where, section("Model"), modelBox, note, section("Shape"),
                labelled("Layers", layers), labelled("Query heads", heads), labelled("K/V heads for GQA", kvBox),
                labelled("Head size", headDim), section("Cache"), labelled("Context (tokens)", context),
                labelled("Batch (sequences)", batch), section("Diagram"), kindButtons, hint);
    }

    private void bind() {
        modelBox.valueProperty().bindBidirectional(model.modelProperty());
        link(layers, model.layersProperty()::set, model.layersProperty().get());
        model.layersProperty().addListener((o, a, v) -> layers.getValueFactory().setValue(v.intValue()));
        link(heads, model.headsProperty()::set, model.headsProperty().get());
        model.headsProperty().addListener((o, a, v) -> {
            heads.getValueFactory().setValue(v.intValue());
            refreshKvChoices();
        });
        refreshKvChoices();
        kvBox.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                model.kvHeadsProperty().set(v);
            }
        });
        model.kvHeadsProperty().addListener((o, a, v) -> kvBox.setValue(v.intValue()));
        link(headDim, model.headDimProperty()::set, model.headDimProperty().get());
        model.headDimProperty().addListener((o, a, v) -> headDim.getValueFactory().setValue(v.intValue()));
        link(context, model.contextProperty()::set, model.contextProperty().get());
        model.contextProperty().addListener((o, a, v) -> context.getValueFactory().setValue(v.intValue()));
        link(batch, model.batchProperty()::set, model.batchProperty().get());
        model.batchProperty().addListener((o, a, v) -> batch.getValueFactory().setValue(v.intValue()));
        kinds.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                model.diagramProperty().set((DiagramKind) t.getUserData());
            }
        });
        model.diagramProperty().addListener((o, a, kind) -> {
            kinds.getToggles().stream().filter(t -> t.getUserData() == kind).findFirst().ifPresent(t -> t.setSelected(true));
            showDiagram();
        });
        model.kvHeadsProperty().addListener((o, a, v) -> showDiagram());
        model.headsProperty().addListener((o, a, v) -> showDiagram());
        model.summaryProperty().addListener((o, a, s) -> showSummary(s));
    }

    private static void link(LenientIntegerSpinner spinner, IntConsumer setter, int initial) {
        spinner.getValueFactory().setValue(initial);
        spinner.valueProperty().addListener((o, a, v) -> setter.accept(v));
    }

    private void refreshKvChoices() {
        int wanted = model.kvHeadsProperty().get();
        kvBox.getItems().setAll(KvCacheCalculator.validKvHeads(model.headsProperty().get()));
        kvBox.setValue(wanted);
    }

    private void showDiagram() {
        diagram.setHeads(model.headsProperty().get(), model.diagramKvHeads());
    }

    private void showSummary(KvCacheSummary s) {
        if (s == null) {
            return;
        }
        headline.setText(headline(s));
        table.setItems(FXCollections.observableArrayList(s.rows()));
        chart.getData().clear();
        long max = s.rows().stream().mapToLong(r -> r.total(ValueType.FP32)).max().orElse(1);
        Unit unit = Unit.forBytes(max);
        chart.getYAxis().setLabel(unit.name);
        chart.getXAxis().setLabel("attention, at " + MemorySizeFormat.count(s.context()) + " tokens × batch "
                + MemorySizeFormat.count(s.batch()));
        for (ValueType type : ValueType.values()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(type.label());
            for (KvCacheSummary.Row row : s.rows()) {
                series.getData().add(new XYChart.Data<>(row.kind() + " (" + row.kvHeads() + " KV)",
                        row.total(type) / unit.bytes));
            }
            chart.getData().add(series);
        }
    }

    /** The one-sentence answer above the table. */
    static String headline(KvCacheSummary s) {
        if (!s.problem().isEmpty()) {
            return "Cannot compute this: " + s.problem() + ".";
        }
        KvCacheSummary.Row chosen = s.rows().stream().filter(KvCacheSummary.Row::chosen).findFirst().orElseThrow();
        KvCacheSummary.Row mha = s.rows().get(0);
        String saving = chosen == mha ? ""
                : String.format(Locale.ROOT, " MHA would need %d× as much.", mha.kvHeads() / chosen.kvHeads());
        return String.format(Locale.ROOT, "%s (%s, %d K/V head%s): %s per token at fp16; %s tokens × batch %s = %s.%s",
                s.shape().name(), chosen.kind(), chosen.kvHeads(), chosen.kvHeads() == 1 ? "" : "s",
                MemorySizeFormat.bytes(chosen.perToken(ValueType.FP16)), MemorySizeFormat.count(s.context()),
                MemorySizeFormat.count(s.batch()), MemorySizeFormat.bytes(chosen.total(ValueType.FP16)), saving);
    }

    private record Unit(String name, double bytes) {
        static Unit forBytes(long max) {
            String[] names = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
            int i = 0;
            double scale = 1;
            while (max / scale >= 1024 && i < names.length - 1) {
                scale *= 1024;
                i++;
            }
            return new Unit(names[i], scale);
        }
    }

    KvCacheViewModel model() {
        return model;
    }

    HeadSharingCanvas diagram() {
        return diagram;
    }

    /** Fills the calculator's "bundled model" entry once the trained model is loaded. */
    public void setBundledModel(String name, Shape shape, int contextLength, String source) {
        model.setBundledModel(name, shape, contextLength, source);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "GQA";
    }

    @Override
    public Node view() {
        return tabs;
    }

    @Override
    public Node exportNode() {
        return tabs.getSelectionModel().getSelectedIndex() == 0 ? modelPane : view;
    }

    @Override
    public Node controls() {
        return controls;
    }

    @Override
    public void reset() {
        model.reset();
        modelPane.reset();
        tabs.getSelectionModel().select(0);
    }

    @Override
    public void dispose() {
        labContext.models().modelProperty().removeListener(bundleListener);
        modelPane.dispose();
    }

    GqaModelPane modelPane() {
        return modelPane;
    }

    @Override
    public CsvTable table() {
        if (tabs.getSelectionModel().getSelectedIndex() == 0) {
            return GqaModelCsv.of(modelPane.conversion().report(), modelPane.race().snapshot());
        }
        KvCacheSummary s = model.summary();
        if (s == null || s.rows().isEmpty()) {
            return CsvTable.EMPTY;
        }
        List<String> header = new ArrayList<>(List.of("model", "attention", "layers", "query_heads", "kv_heads",
                "head_dim", "context", "batch"));
        Arrays.stream(ValueType.values()).forEach(t -> header.add("bytes_per_token_" + t.label()));
        Arrays.stream(ValueType.values()).forEach(t -> header.add("bytes_total_" + t.label()));
        CsvTable.Builder csv = CsvTable.builder(header.toArray(String[]::new));
        for (KvCacheSummary.Row r : s.rows()) {
            List<Object> cells = new ArrayList<>(List.of(s.shape().name(), r.kind(), s.shape().layers(),
                    s.shape().queryHeads(), r.kvHeads(), s.shape().headDim(), s.context(), s.batch()));
            Arrays.stream(ValueType.values()).forEach(t -> cells.add(r.perToken(t)));
            Arrays.stream(ValueType.values()).forEach(t -> cells.add(r.total(t)));
            csv.row(cells.toArray());
        }
        return csv.build();
    }

    @Override
    public LabSettings settings() {
        LabSettings settings = new LabSettings();
        settings
                .choice("model", model.choices().stream().filter(ModelChoice::available).map(ModelChoice::name).toList(),
                        name -> model.choices().stream().filter(c -> c.name().equals(name)).findFirst()
                                .ifPresent(c -> model.modelProperty().set(c)))
                .integer("layers", 1, KvCacheViewModel.MAX_LAYERS, v -> model.layersProperty().set(v))
                .integer("heads", 1, KvCacheViewModel.MAX_HEADS, v -> model.headsProperty().set(v))
                .integer("kv-heads", 1, KvCacheViewModel.MAX_HEADS, v -> {
                    if (model.headsProperty().get() % v != 0) {
                        throw new IllegalArgumentException("kv-heads must divide the query heads ("
                                + model.headsProperty().get() + "), not " + v);
                    }
                    model.kvHeadsProperty().set(v);
                })
                .integer("head-dim", 1, KvCacheViewModel.MAX_HEAD_DIM, v -> model.headDimProperty().set(v))
                .integer("context", 1, KvCacheViewModel.MAX_CONTEXT, v -> model.contextProperty().set(v))
                .integer("batch", 1, KvCacheViewModel.MAX_BATCH, v -> model.batchProperty().set(v))
                .choice("diagram", List.of("MHA", "GQA", "MQA"), v -> model.diagramProperty().set(DiagramKind.valueOf(v)))
                .choice("tab", List.of("model", "calculator"), v -> tabs.getSelectionModel().select(v.equals("model") ? 0 : 1));
        modelPane.addSettings(settings);
        return settings;
    }

    private static TableColumn<KvCacheSummary.Row, String> column(String title, Function<KvCacheSummary.Row, String> value) {
        TableColumn<KvCacheSummary.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static VBox labelled(String text, Node control) {
        VBox box = new VBox(2, new Label(text), control);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }
}
