package workbench.ui.recurrent;

import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.beans.binding.Bindings;
import workbench.concurrent.TaskHandle;
import workbench.core.recurrent.CellKind;
import workbench.core.recurrent.ComparisonResult;
import workbench.core.recurrent.RecurrentComparison;
import workbench.core.recurrent.TransformerSequenceModel;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.GateTrace;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.LabSettings;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Recurrent lab: a simple RNN, an LSTM, a GRU and a small transformer trained with the same
 * budget on the same task, compared by loss curve, accuracy against dependency distance (or
 * held-out accuracy on free text), gates over time beside the attention map, gradient flow back
 * in time, and forward-pass time as the sequence grows.
 */
public final class RecurrentPage implements LabPage {

    public static final String ID = "recurrent";
    public static final String TASK_ID = "recurrent-task";
    public static final String DISTANCE_ID = "recurrent-distance";
    public static final String SYMBOLS_ID = "recurrent-symbols";
    public static final String HIDDEN_ID = "recurrent-hidden";
    public static final String STEPS_ID = "recurrent-steps";
    public static final String SEED_ID = "recurrent-seed";
    public static final String TRAIN_ID = "recurrent-train";
    public static final String CANCEL_ID = "recurrent-cancel";
    public static final String PROGRESS_ID = "recurrent-progress";
    public static final String STATUS_ID = "recurrent-status";
    public static final String EXAMPLE_ID = "recurrent-example";
    public static final String INPUT_ID = "recurrent-input";
    public static final String INPUT_PROBLEM_ID = "recurrent-input-problem";
    public static final String TABS_ID = "recurrent-tabs";
    public static final String LOSS_CHART_ID = "recurrent-loss-chart";
    public static final String ACCURACY_CHART_ID = "recurrent-accuracy-chart";
    public static final String SCORE_CHART_ID = "recurrent-score-chart";
    public static final String SCORE_NOTE_ID = "recurrent-score-note";
    public static final String GRADIENT_CHART_ID = "recurrent-gradient-chart";
    public static final String TIMING_CHART_ID = "recurrent-timing-chart";
    public static final String MEASURE_ID = "recurrent-measure";
    public static final String FLOW_TRAINED_ID = "recurrent-flow-trained";
    public static final String FLOW_INIT_ID = "recurrent-flow-init";
    public static final String ATTENTION_ID = AttentionPanel.ID;
    public static final String ATTENTION_HEATMAP_ID = AttentionPanel.HEATMAP_ID;
    static final List<String> TABS = List.of("training", "gates", "gradients", "timing");
    static final List<Integer> HIDDEN_SIZES = List.of(8, 16, 32, 64, 128);

    private final RecurrentViewModel model;
    private final BorderPane view = new BorderPane();
    private final RecurrentControls controls;
    private final TabPane tabs = new TabPane();
    private final RecurrentCharts.LossCurves losses = new RecurrentCharts.LossCurves(LOSS_CHART_ID);
    private final LineChart<Number, Number> accuracy = RecurrentCharts.accuracyChart(ACCURACY_CHART_ID);
    private final BarChart<String, Number> scores = RecurrentCharts.scoreChart(SCORE_CHART_ID);
    private final LineChart<Number, Number> gradients = RecurrentCharts.gradientChart(GRADIENT_CHART_ID);
    private final LineChart<Number, Number> timing = RecurrentCharts.timingChart(TIMING_CHART_ID);
    private final SummaryTable summary = new SummaryTable();
    private final GatePanel gates;
    private final AttentionPanel attention;
    private final TimingTable timingTable = new TimingTable();
    private final ToggleGroup gateCells = new ToggleGroup();
    private final ToggleGroup flowWhen = new ToggleGroup();
    private final Label lossPlaceholder = new Label("Press Train: the loss curves of the four models grow here.");
    private final Label accuracyPlaceholder = new Label();
    private final AnimationTimer frames;

    public RecurrentPage(LabContext context) {
        this.model = new RecurrentViewModel(context.tasks());
        this.gates = new GatePanel(context.themes());
        this.attention = new AttentionPanel(context.themes(), model.attentionLayer, model.attentionHead);
        view.getStylesheets().add(Objects.requireNonNull(
                RecurrentPage.class.getResource("/workbench/ui/recurrent.css")).toExternalForm());
        view.getStyleClass().add("recurrent-view");
        buildView();
        this.controls = new RecurrentControls(model);
        model.result.addListener((obs, old, now) -> showResult(now));
        model.traces.addListener((obs, old, now) -> showGates());
        model.attention.addListener((obs, old, now) -> {
            attention.show(now);
            showGates();
        });
        model.gateCell.addListener((obs, old, now) -> {
            selectToggle(gateCells, now);
            showGates();
        });
        model.timing.addListener((obs, old, now) -> {
            RecurrentCharts.showTiming(timing, now);
            timingTable.show(now);
        });
        frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame();
            }
        };
        frames.start();
    }

    private void buildView() {
        Label title = new Label("RNN, LSTM and GRU beside a transformer");
        title.getStyleClass().add("page-title");
        Label description = wrapped("", "hint");
        description.textProperty().bind(Bindings.createStringBinding(
                () -> model.task.get().label() + ": " + model.task.get().description(), model.task));
        Label status = wrapped("", null);
        status.setId(STATUS_ID);
        status.textProperty().bind(model.status);
        VBox top = new VBox(4, title, description, status);
        top.setPadding(new Insets(0, 0, 8, 0));

        tabs.setId(TABS_ID);
        tabs.getTabs().addAll(tab("Training", trainingTab()), tab("Gates and attention", gateTab()),
                tab("Vanishing gradients", gradientTab()), tab("Sequential vs parallel", timingTab()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        view.setTop(top);
        view.setCenter(tabs);
        view.setPadding(new Insets(12));
    }

    private Node trainingTab() {
        GridPane training = new GridPane();
        training.setHgap(10);
        training.setVgap(10);
        StackPane lossBox = new StackPane(losses.chart, lossPlaceholder);
        Label scoreNote = wrapped("Next-character prediction has no single dependency distance (a character may "
                + "depend on anything before it), so accuracy against distance does not apply. The bars show how "
                + "often each model's most probable next character is right on held-out text; the table gives "
                + "the losses.", "hint");
        scoreNote.setId(SCORE_NOTE_ID);
        VBox scoreBox = new VBox(4, scores, scoreNote);
        VBox.setVgrow(scores, Priority.ALWAYS);
        scoreBox.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.result.get() != null
                && !model.result.get().settings().task().hasDistances(), model.result));
        accuracy.visibleProperty().bind(scoreBox.visibleProperty().not());
        StackPane accuracyBox = new StackPane(accuracy, scoreBox, accuracyPlaceholder);
        for (Label placeholder : List.of(lossPlaceholder, accuracyPlaceholder)) {
            placeholder.getStyleClass().add("empty-state");
            placeholder.setMouseTransparent(true);
            placeholder.setWrapText(true);
            placeholder.setMaxWidth(420);
        }
        accuracyPlaceholder.textProperty().bind(Bindings.createStringBinding(() -> model.task.get().isCorpus()
                ? "After training, each model's held-out accuracy on the next character appears here."
                : "After training, test accuracy at each distance appears here.", model.task));
        training.add(lossBox, 0, 0);
        training.add(accuracyBox, 1, 0);
        for (int c = 0; c < 2; c++) {
            javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
            half.setPercentWidth(50);
            training.getColumnConstraints().add(half);
        }
        GridPane.setVgrow(lossBox, Priority.ALWAYS);
        training.add(summary, 0, 1, 2, 1);
        training.setPadding(new Insets(8));
        return training;
    }

    private Node gateTab() {
        HBox cellChoice = new HBox(6, new Label("Cell:"));
        cellChoice.setAlignment(Pos.CENTER_LEFT);
        for (CellKind cell : RecurrentCharts.ORDER) {
            ToggleButton b = new ToggleButton(cell.label());
            b.setId("recurrent-gates-" + cell.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(gateCells);
            b.setUserData(cell);
            b.setSelected(cell == model.gateCell.get());
            cellChoice.getChildren().add(b);
        }
        gateCells.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                selectToggle(gateCells, model.gateCell.get());   // a toggle group may be emptied by a click
            } else {
                model.gateCell.set((CellKind) now.getUserData());
            }
        });
        Label gateHint = wrapped("Columns are time steps, rows are hidden units. Watch the LSTM's forget gate "
                + "stay open (near 1) to carry a token, then close; and the GRU's update gate keep the old state. "
                + "The transformer needs no such memory: its attention reads any earlier position directly.", "hint");
        VBox gateColumn = new VBox(8, cellChoice, gateHint, gates);
        VBox.setVgrow(gates, Priority.ALWAYS);
        attention.setMinWidth(260);
        GridPane gateTab = new GridPane();
        gateTab.setHgap(14);
        gateTab.add(gateColumn, 0, 0);
        gateTab.add(attention, 1, 0);
        for (double percent : new double[]{60, 40}) {
            javafx.scene.layout.ColumnConstraints column = new javafx.scene.layout.ColumnConstraints();
            column.setPercentWidth(percent);
            gateTab.getColumnConstraints().add(column);
        }
        javafx.scene.layout.RowConstraints row = new javafx.scene.layout.RowConstraints();
        row.setVgrow(Priority.ALWAYS);
        gateTab.getRowConstraints().add(row);
        gateTab.setPadding(new Insets(8));
        return gateTab;
    }

    private Node gradientTab() {
        RadioButton trained = new RadioButton("after training");
        trained.setId(FLOW_TRAINED_ID);
        RadioButton init = new RadioButton("at initialization");
        init.setId(FLOW_INIT_ID);
        trained.setToggleGroup(flowWhen);
        init.setToggleGroup(flowWhen);
        trained.setSelected(true);
        flowWhen.selectedToggleProperty().addListener((obs, old, now) -> showGradients());
        Label flowHint = wrapped("The loss at the last scored position of the probe example is differentiated "
                + "with respect to the input at every earlier step. Through the simple RNN the gradient shrinks "
                + "by a factor at every step back; the LSTM's cell state and the GRU's update gate let it through. "
                + "The transformer is not drawn: every earlier position is one attention step from the loss, "
                + "so there is no chain of steps for its gradient to fade along.", "hint");
        HBox when = new HBox(12, new Label("Models:"), trained, init);
        when.setAlignment(Pos.CENTER_LEFT);
        VBox gradientTab = new VBox(8, when, flowHint, gradients);
        VBox.setVgrow(gradients, Priority.ALWAYS);
        gradientTab.setPadding(new Insets(8));
        return gradientTab;
    }

    private Node timingTab() {
        Button measure = new Button("_Measure");
        measure.setMnemonicParsing(true);
        measure.setId(MEASURE_ID);
        measure.setOnAction(e -> model.measureTiming());
        measure.disableProperty().bind(model.timingRunning);
        measure.setMinWidth(Region.USE_PREF_SIZE);
        Label timingHint = wrapped("One forward pass of each whole model, as trained here, over one sequence of T "
                + "tokens. A recurrent model takes T steps one after another, each waiting for the last; the "
                + "transformer handles all T positions of a layer in a few large matrix products, so its time "
                + "grows far more slowly until its T x T attention scores dominate.", "hint");
        HBox header = new HBox(12, measure, timingHint);
        HBox.setHgrow(timingHint, Priority.ALWAYS);
        VBox timingTab = new VBox(8, header, timing, timingTable);
        VBox.setVgrow(timing, Priority.ALWAYS);
        timingTab.setPadding(new Insets(8));
        return timingTab;
    }

    private static Label wrapped(String text, String style) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        if (style != null) {
            label.getStyleClass().add(style);
        }
        return label;
    }

    private static Tab tab(String name, Node content) {
        Tab tab = new Tab(name, content);
        tab.setClosable(false);
        return tab;
    }

    private static void selectToggle(ToggleGroup group, Object data) {
        group.getToggles().stream().filter(t -> t.getUserData() == data).findFirst()
                .ifPresent(t -> t.setSelected(true));
    }

    /** Once per frame: pull new loss points and the progress of running work. */
    void frame() {
        RecurrentComparison live = model.live();
        losses.pull(live != null ? live : model.comparison.get());
        lossPlaceholder.setVisible(losses.isEmpty());
        accuracyPlaceholder.setVisible(model.result.get() == null);
        TaskHandle handle = model.training.get() ? model.trainingHandle() : model.timingHandle();
        if (handle != null && !handle.isDone()) {
            controls.progress.setProgress(handle.progress() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : handle.progress());
            if (model.training.get() && handle.message() != null && !handle.message().isEmpty()) {
                model.status.set(handle.message());
            }
        } else if (!model.training.get() && !model.timingRunning.get()) {
            controls.progress.setProgress(model.result.get() != null ? 1 : 0);
        }
    }

    private void showResult(ComparisonResult result) {
        frame();
        RecurrentCharts.showAccuracy(accuracy, result);
        RecurrentCharts.showScores(scores, result);
        summary.show(result);
        showGradients();
    }

    private void showGradients() {
        boolean trained = flowWhen.getSelectedToggle() == null
                || ((Node) flowWhen.getSelectedToggle()).getId().equals(FLOW_TRAINED_ID);
        RecurrentCharts.showGradients(gradients, model.result.get(), trained);
    }

    private void showGates() {
        GateTrace trace = model.traces.get().get(model.gateCell.get());
        ForwardTrace transformer = model.attention.get();
        RecurrentComparison run = model.comparison.get();
        gates.show(trace, model.shownExample.get(), run == null ? null : run.settings().task().tokenizer(),
                transformer == null ? null : TransformerSequenceModel.predicted(transformer), run == null
                        ? "Press Train: the four models are trained, then their gates for this input appear here."
                        : "Type an input the models can read, or pick an example.");
    }

    // ---- LabPage ----

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Recurrent";
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Node controls() {
        return controls;
    }

    /** The view model, for tests and lessons. */
    public RecurrentViewModel viewModel() {
        return model;
    }

    GatePanel gatePanel() {
        return gates;
    }

    AttentionPanel attentionPanel() {
        return attention;
    }

    RecurrentCharts.LossCurves lossCurves() {
        return losses;
    }

    @Override
    public void reset() {
        model.reset();
        tabs.getSelectionModel().select(0);
        selectToggle(gateCells, model.gateCell.get());
    }

    @Override
    public void dispose() {
        frames.stop();
        model.dispose();
    }

    @Override
    public CsvTable table() {
        return RecurrentSettings.table(model.result.get());
    }

    @Override
    public LabSettings settings() {
        return RecurrentSettings.settings(model, tab -> tabs.getSelectionModel().select(TABS.indexOf(tab)));
    }
}
