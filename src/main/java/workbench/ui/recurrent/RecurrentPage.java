package workbench.ui.recurrent;

import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import workbench.concurrent.TaskHandle;
import workbench.core.recurrent.CellKind;
import workbench.core.recurrent.ComparisonResult;
import workbench.core.recurrent.RecurrentComparison;
import workbench.core.train.SyntheticTask;
import workbench.core.train.SyntheticTaskSpec;
import workbench.core.trace.GateTrace;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.LabSettings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Recurrent lab: a simple RNN, an LSTM and a GRU trained with the same budget on the same
 * synthetic task, compared by loss curve, accuracy against dependency distance, gates over time,
 * gradient flow back in time, and forward-pass time against an attention layer.
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
    public static final String GRADIENT_CHART_ID = "recurrent-gradient-chart";
    public static final String TIMING_CHART_ID = "recurrent-timing-chart";
    public static final String MEASURE_ID = "recurrent-measure";
    public static final String FLOW_TRAINED_ID = "recurrent-flow-trained";
    public static final String FLOW_INIT_ID = "recurrent-flow-init";
    public static final String TRANSFORMER_TRAINING_SLOT_ID = "recurrent-transformer-training";
    public static final String TRANSFORMER_ATTENTION_SLOT_ID = "recurrent-transformer-attention";
    public static final String TRANSFORMER_TIMING_SLOT_ID = "recurrent-transformer-timing";
    static final List<String> TABS = List.of("training", "gates", "gradients", "timing");
    static final List<Integer> HIDDEN_SIZES = List.of(8, 16, 32, 64, 128);

    private final RecurrentViewModel model;
    private final BorderPane view = new BorderPane();
    private final RecurrentControls controls;
    private final TabPane tabs = new TabPane();
    private final RecurrentCharts.LossCurves losses = new RecurrentCharts.LossCurves(LOSS_CHART_ID);
    private final LineChart<Number, Number> accuracy = RecurrentCharts.accuracyChart(ACCURACY_CHART_ID);
    private final LineChart<Number, Number> gradients = RecurrentCharts.gradientChart(GRADIENT_CHART_ID);
    private final LineChart<Number, Number> timing = RecurrentCharts.timingChart(TIMING_CHART_ID);
    private final SummaryTable summary = new SummaryTable();
    private final GatePanel gates;
    private final TimingTable timingTable = new TimingTable();
    private final ToggleGroup gateCells = new ToggleGroup();
    private final ToggleGroup flowWhen = new ToggleGroup();
    private final Label lossPlaceholder = new Label("Press Train: the loss curves of the three cells grow here.");
    private final Label accuracyPlaceholder = new Label("After training, test accuracy at each distance appears here.");
    private final AnimationTimer frames;

    public RecurrentPage(LabContext context) {
        this.model = new RecurrentViewModel(context.tasks());
        this.gates = new GatePanel(context.themes());
        view.getStylesheets().add(Objects.requireNonNull(
                RecurrentPage.class.getResource("/workbench/ui/recurrent.css")).toExternalForm());
        view.getStyleClass().add("recurrent-view");
        buildView();
        this.controls = new RecurrentControls(model);
        model.result.addListener((obs, old, now) -> showResult(now));
        model.traces.addListener((obs, old, now) -> showGates());
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
        Label title = new Label("RNN, LSTM and GRU beside attention");
        title.getStyleClass().add("page-title");
        Label description = new Label();
        description.getStyleClass().add("hint");
        description.setWrapText(true);
        description.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        description.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.task.get().label() + ": " + model.task.get().description(), model.task));
        Label status = new Label();
        status.setId(STATUS_ID);
        status.setWrapText(true);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        status.textProperty().bind(model.status);
        VBox top = new VBox(4, title, description, status);
        top.setPadding(new Insets(0, 0, 8, 0));

        GridPane training = new GridPane();
        training.setHgap(10);
        training.setVgap(10);
        StackPane lossBox = new StackPane(losses.chart, lossPlaceholder);
        StackPane accuracyBox = new StackPane(accuracy, accuracyPlaceholder);
        lossPlaceholder.getStyleClass().add("empty-state");
        accuracyPlaceholder.getStyleClass().add("empty-state");
        lossPlaceholder.setMouseTransparent(true);
        accuracyPlaceholder.setMouseTransparent(true);
        training.add(lossBox, 0, 0);
        training.add(accuracyBox, 1, 0);
        GridPane.setHgrow(lossBox, Priority.ALWAYS);
        GridPane.setHgrow(accuracyBox, Priority.ALWAYS);
        GridPane.setVgrow(lossBox, Priority.ALWAYS);
        HBox bottom = new HBox(24, summary, new TransformerSlot(TRANSFORMER_TRAINING_SLOT_ID,
                "Transformer, same task and budget",
                "Its loss curve and accuracy against distance will be drawn beside the three cells here."));
        HBox.setHgrow(bottom.getChildren().get(1), Priority.ALWAYS);
        training.add(bottom, 0, 1, 2, 1);
        training.setPadding(new Insets(8));

        HBox cellChoice = new HBox(6, new Label("Cell:"));
        cellChoice.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
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
        Label gateHint = new Label("Columns are time steps, rows are hidden units. Watch the LSTM's forget gate "
                + "stay open (near 1) to carry a token, then close; and the GRU's update gate keep the old state.");
        gateHint.setWrapText(true);
        gateHint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        gateHint.getStyleClass().add("hint");
        VBox gateColumn = new VBox(8, cellChoice, gateHint, gates);
        VBox.setVgrow(gates, Priority.ALWAYS);
        TransformerSlot attentionSlot = new TransformerSlot(TRANSFORMER_ATTENTION_SLOT_ID,
                "Transformer attention",
                "The attention map of the transformer trained on this task, for the same input.");
        attentionSlot.setPrefWidth(230);
        attentionSlot.setMinWidth(190);
        attentionSlot.setMaxWidth(260);
        HBox gateTab = new HBox(12, gateColumn, attentionSlot);
        HBox.setHgrow(gateColumn, Priority.ALWAYS);
        gateTab.setPadding(new Insets(8));

        RadioButton trained = new RadioButton("after training");
        trained.setId(FLOW_TRAINED_ID);
        RadioButton init = new RadioButton("at initialization");
        init.setId(FLOW_INIT_ID);
        trained.setToggleGroup(flowWhen);
        init.setToggleGroup(flowWhen);
        trained.setSelected(true);
        flowWhen.selectedToggleProperty().addListener((obs, old, now) -> showGradients());
        Label flowHint = new Label("The loss at the last scored position of the longest example is differentiated "
                + "with respect to the input at every earlier step. Through the simple RNN the gradient shrinks "
                + "by a factor at every step back; the LSTM's cell state and the GRU's update gate let it through.");
        flowHint.setWrapText(true);
        flowHint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        flowHint.getStyleClass().add("hint");
        HBox when = new HBox(12, new Label("Models:"), trained, init);
        when.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox gradientTab = new VBox(8, when, flowHint, gradients);
        VBox.setVgrow(gradients, Priority.ALWAYS);
        gradientTab.setPadding(new Insets(8));

        Button measure = new Button("_Measure");
        measure.setMnemonicParsing(true);
        measure.setId(MEASURE_ID);
        measure.setOnAction(e -> model.measureTiming());
        measure.disableProperty().bind(model.timingRunning);
        measure.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label timingHint = new Label("One forward pass of one layer of width H (the hidden size) on one sequence. "
                + "A recurrent layer takes T steps one after another; attention handles all T positions in a few "
                + "large matrix products, so its time grows far more slowly until T x T scores dominate.");
        timingHint.setWrapText(true);
        timingHint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        timingHint.getStyleClass().add("hint");
        HBox timingBottom = new HBox(24, timingTable, new TransformerSlot(TRANSFORMER_TIMING_SLOT_ID,
                "The full transformer", "One forward pass of the whole trained transformer will be timed here."));
        HBox.setHgrow(timingBottom.getChildren().get(1), Priority.ALWAYS);
        VBox timingTab = new VBox(8, new HBox(12, measure, timingHint), timing, timingBottom);
        HBox.setHgrow(timingHint, Priority.ALWAYS);
        VBox.setVgrow(timing, Priority.ALWAYS);
        timingTab.setPadding(new Insets(8));

        tabs.setId(TABS_ID);
        tabs.getTabs().addAll(tab("Training", training), tab("Gates", gateTab),
                tab("Vanishing gradients", gradientTab), tab("Sequential vs parallel", timingTab));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        view.setTop(top);
        view.setCenter(tabs);
        view.setPadding(new Insets(12));
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
        summary.show(result);
        showGradients();
    }

    private void showGradients() {
        boolean trained = flowWhen.getSelectedToggle() == null
                || ((Node) flowWhen.getSelectedToggle()).getId().equals(FLOW_TRAINED_ID);
        RecurrentCharts.showGradients(gradients, model.result.get(), trained);
    }

    private void showGates() {
        Map<CellKind, GateTrace> traces = model.traces.get();
        GateTrace trace = traces.get(model.gateCell.get());
        gates.show(trace, model.shownExample.get(), model.comparison.get() == null
                ? "Press Train: the three models are trained, then their gates for this input appear here."
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
        ComparisonResult result = model.result.get();
        if (result == null) {
            return CsvTable.EMPTY;
        }
        int min = result.settings().task().task().minDistance();
        int max = result.settings().task().maxDistance();
        String[] header = new String[6 + max - min + 1];
        System.arraycopy(new String[]{"model", "parameters", "train_loss", "test_loss", "test_accuracy",
                "ms_per_step"}, 0, header, 0, 6);
        for (int d = min; d <= max; d++) {
            header[6 + d - min] = "accuracy_d" + d;
        }
        CsvTable.Builder b = CsvTable.builder(header);
        for (var o : result.outcomes()) {
            Object[] row = new Object[header.length];
            row[0] = o.cell().label();
            row[1] = o.parameterCount();
            row[2] = o.finalTrainLoss();
            row[3] = o.test().meanLoss();
            row[4] = o.test().accuracy();
            row[5] = o.millisPerStep();
            for (int d = min; d <= max; d++) {
                row[6 + d - min] = o.test().accuracyAt(d);
            }
            b.row(row);
        }
        return b.build();
    }

    @Override
    public LabSettings settings() {
        List<String> tasks = Arrays.stream(SyntheticTask.values())
                .map(t -> t.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
        return new LabSettings()
                .choice("task", tasks, v -> model.task.set(SyntheticTask.valueOf(v.toUpperCase(Locale.ROOT)
                        .replace('-', '_'))))
                .integer("distance", 1, SyntheticTaskSpec.MAX_DISTANCE, v -> {
                    if (v < model.task.get().minDistance()) {
                        throw new IllegalArgumentException(model.task.get().label() + " needs a distance of at least "
                                + model.task.get().minDistance());
                    }
                    model.distance.set(v);
                })
                .integer("symbols", 2, SyntheticTask.MAX_SYMBOLS, model.symbols::set)
                .choice("hidden", HIDDEN_SIZES.stream().map(String::valueOf).toList(),
                        v -> model.hidden.set(Integer.parseInt(v)))
                .integer("steps", 10, 5000, model.steps::set)
                .integer("seed", 0, 9999, model.seed::set)
                .integer("example", 0, 999, model.example::set)
                .choice("model", List.of("rnn", "lstm", "gru"), v -> model.gateCell.set(CellKind.valueOf(
                        v.toUpperCase(Locale.ROOT))))
                .text("input", v -> {
                    model.input.set(v);
                    model.refreshTraces();
                })
                .choice("tab", TABS, v -> tabs.getSelectionModel().select(TABS.indexOf(v)));
    }
}
