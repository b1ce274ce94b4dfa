package workbench.ui.recurrent;

import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.concurrent.DirectTaskRunner;
import workbench.concurrent.FxTaskRunner;
import workbench.concurrent.TaskRunner;
import workbench.core.recurrent.CellKind;
import workbench.core.recurrent.CellOutcome;
import workbench.core.recurrent.ComparisonResult;
import workbench.core.recurrent.ForwardTiming;
import workbench.core.train.SyntheticTask;
import workbench.core.trace.GateKind;
import workbench.core.trace.GateTrace;
import workbench.ui.common.Exports;
import workbench.ui.common.LabContext;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecurrentPageTest {

    /** Where the tests save what the lab looks like, for a person to check. */
    static final Path SHOTS = Path.of("target", "screenshots");

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private RecurrentPage page;
    private TaskRunner runner;
    private ThemeManager themes;

    private void open(TaskRunner tasks) throws Exception {
        runner = tasks;
        themes = new ThemeManager(Theme.LIGHT);
        Notifier quiet = new Notifier() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }

            @Override
            public void error(String what, Throwable error) {
                throw new AssertionError(what, error);
            }
        };
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            page = new RecurrentPage(new LabContext(tasks, themes, quiet));
            BorderPane root = new BorderPane(page.view());
            ScrollPane side = new ScrollPane(page.controls());
            side.setFitToWidth(true);
            side.setPrefViewportWidth(320);
            root.setRight(side);
            Scene scene = new Scene(root, 1430, 1000);
            themes.attach(scene);
            s.setScene(scene);
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @BeforeEach
    void shots() throws Exception {
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void close() throws Exception {
        robot.interact(() -> page.dispose());
        runner.close();
        FxToolkit.cleanupStages();
    }

    private <T extends javafx.scene.Node> T lookup(String id, Class<T> type) {
        return robot.lookup("#" + id).queryAs(type);
    }

    private void shot(String name) {
        robot.interact(() -> {
            try {
                Exports.savePng(stage.getScene().getRoot(), SHOTS.resolve(name + ".png"), themes.theme().background());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainsAndShowsWhatCoreComputed() throws Exception {
        open(new DirectTaskRunner());
        ChoiceBox<SyntheticTask> task = lookup(RecurrentPage.TASK_ID, ChoiceBox.class);
        robot.clickOn(task);
        robot.clickOn(SyntheticTask.FIRST_TOKEN.label());
        assertEquals(SyntheticTask.FIRST_TOKEN, page.viewModel().task.get());
        robot.interact(() -> lookup(RecurrentPage.DISTANCE_ID, Slider.class).setValue(8));
        assertEquals(8, page.viewModel().distance.get());
        Spinner<Integer> steps = lookup(RecurrentPage.STEPS_ID, Spinner.class);
        robot.interact(() -> steps.getValueFactory().setValue(30));
        robot.interact(() -> lookup(RecurrentPage.HIDDEN_ID, ChoiceBox.class).setValue(8));
        String example = lookup(RecurrentPage.INPUT_ID, TextField.class).getText();
        assertTrue(example.matches("[a-d]{8}\\?"), example);

        robot.clickOn("#" + RecurrentPage.TRAIN_ID);
        WaitForAsyncUtils.waitForFxEvents();
        ComparisonResult result = page.viewModel().result.get();
        assertNotNull(result, page.viewModel().status.get());
        assertEquals(30, result.settings().steps());
        assertEquals(8, result.settings().hiddenSize());
        robot.interact(page::frame);

        for (CellKind cell : CellKind.values()) {
            CellOutcome o = result.outcome(cell).orElseThrow();
            assertEquals(String.format(Locale.ROOT, "%.1f %%", 100 * o.test().accuracy()),
                    lookup(SummaryTable.cellId(cell, "accuracy"), Label.class).getText());
            assertEquals(String.format(Locale.ROOT, "%.3f", o.test().meanLoss()),
                    lookup(SummaryTable.cellId(cell, "test-loss"), Label.class).getText());
            XYChart.Series<Number, Number> curve = page.lossCurves().series(cell);
            float[] logged = page.viewModel().comparison.get().log(cell).smoothedSince(0);
            assertEquals(30, curve.getData().size());
            XYChart.Data<Number, Number> last = curve.getData().get(29);
            assertEquals(30, last.getXValue().intValue());
            assertEquals(logged[29], last.getYValue().floatValue(), 0f);
        }
        LineChart<Number, Number> accuracy = lookup(RecurrentPage.ACCURACY_CHART_ID, LineChart.class);
        XYChart.Series<Number, Number> lstm = accuracy.getData().get(1);
        assertEquals("LSTM", lstm.getName());
        for (XYChart.Data<Number, Number> point : lstm.getData()) {
            double core = result.outcome(CellKind.LSTM).orElseThrow().test().accuracyAt(point.getXValue().intValue());
            assertEquals(core, point.getYValue().doubleValue(), 0.0);
        }
        assertEquals(8, lstm.getData().size(), "distances 1..8");
        assertEquals(0.25, accuracy.getData().get(3).getData().get(0).getYValue().doubleValue(), 0.0, "chance");
        shot("recurrent-training");

        TabPane tabs = lookup(RecurrentPage.TABS_ID, TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        robot.clickOn("#recurrent-gates-lstm");
        GateTrace lstmTrace = page.viewModel().traces.get().get(CellKind.LSTM);
        int[] tokens = SyntheticTask.tokenizer().encode(example);
        GateTrace fresh = page.viewModel().comparison.get().model(CellKind.LSTM).trace(tokens);
        float[][] shown = page.gatePanel().heatmap(GateKind.FORGET).values();
        float[][] core = fresh.gate(GateKind.FORGET).orElseThrow().values();
        assertEquals(8, shown.length, "one row per hidden unit");
        for (int u = 0; u < shown.length; u++) {
            assertArrayEquals(core[u], shown[u], 0f);
        }
        assertArrayEquals(lstmTrace.hidden()[3], page.gatePanel().hiddenHeatmap().values()[3], 0f);
        List<String> predicted = page.gatePanel().predictedTexts();
        assertEquals(tokens.length, predicted.size());
        for (int t = 0; t < tokens.length; t++) {
            assertEquals(SyntheticTask.tokenizer().tokenText(fresh.predicted()[t]), predicted.get(t));
        }
        shot("recurrent-gates-lstm");
        robot.clickOn("#recurrent-gates-gru");
        assertNotNull(page.gatePanel().heatmap(GateKind.UPDATE));
        assertNull(page.gatePanel().heatmap(GateKind.FORGET), "the GRU has no forget gate");
        shot("recurrent-gates-gru");

        TextField input = lookup(RecurrentPage.INPUT_ID, TextField.class);
        robot.interact(() -> input.setText(""));
        robot.clickOn(input).write("abZc?").type(KeyCode.ENTER);
        String problem = lookup(RecurrentPage.INPUT_PROBLEM_ID, Label.class).getText();
        assertTrue(problem.contains("Z") && problem.contains("cannot encode"), problem);
        robot.interact(() -> input.setText("ab".repeat(80)));
        robot.interact(() -> page.viewModel().refreshTraces());
        assertTrue(lookup(RecurrentPage.INPUT_PROBLEM_ID, Label.class).getText().contains("at most"));
        robot.interact(() -> input.setText("cab?"));
        robot.interact(() -> page.viewModel().refreshTraces());
        assertEquals("", lookup(RecurrentPage.INPUT_PROBLEM_ID, Label.class).getText());
        assertEquals(4, page.viewModel().traces.get().get(CellKind.GRU).steps());

        robot.interact(() -> tabs.getSelectionModel().select(2));
        LineChart<Number, Number> gradients = lookup(RecurrentPage.GRADIENT_CHART_ID, LineChart.class);
        double[] relative = result.outcome(CellKind.RNN).orElseThrow().flowTrained().relativeInputNorms();
        XYChart.Data<Number, Number> back = gradients.getData().get(0).getData().get(3);
        assertEquals(Math.log10(relative[3]), back.getYValue().doubleValue(), 1e-12);
        shot("recurrent-gradients");
        assertFalse(page.table().isEmpty());
        robot.interact(() -> themes.setTheme(Theme.DARK));
        robot.interact(() -> tabs.getSelectionModel().select(0));
        shot("recurrent-training-dark");
        robot.interact(() -> themes.setTheme(Theme.PROJECTOR));
        robot.interact(() -> tabs.getSelectionModel().select(1));
        shot("recurrent-gates-projector");
    }

    @Test
    @SuppressWarnings("unchecked")
    void timingShowsTheMeasuredFigures() throws Exception {
        open(new DirectTaskRunner());
        page.viewModel().timingLengths = new int[]{8, 16, 32};
        robot.interact(() -> lookup(RecurrentPage.TABS_ID, TabPane.class).getSelectionModel().select(3));
        robot.clickOn("#" + RecurrentPage.MEASURE_ID);
        ForwardTiming.Result timing = page.viewModel().timing.get();
        assertNotNull(timing);
        LineChart<Number, Number> chart = lookup(RecurrentPage.TIMING_CHART_ID, LineChart.class);
        assertEquals(4, chart.getData().size());
        for (int s = 0; s < 4; s++) {
            double[] ms = timing.series().get(s).millis();
            assertEquals(Math.log10(ms[2]), chart.getData().get(s).getData().get(2).getYValue().doubleValue(), 1e-12);
            assertEquals(String.format(Locale.ROOT, "%.3f", ms[2]),
                    lookup(TimingTable.longestId(s), Label.class).getText());
        }
        assertTrue(robot.lookup("#" + RecurrentPage.TRANSFORMER_TIMING_SLOT_ID).tryQuery().isPresent());
        shot("recurrent-timing");
    }

    @Test
    void trainingRunsOffTheFxThreadAndCanBeCancelled() throws Exception {
        open(new FxTaskRunner(1, error -> { }));
        robot.interact(() -> page.viewModel().steps.set(2000));
        robot.clickOn("#" + RecurrentPage.TRAIN_ID);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> page.viewModel().live() != null
                && page.viewModel().live().log(CellKind.GRU).size() >= 3);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !page.lossCurves().series(CellKind.RNN).getData().isEmpty());
        assertTrue(page.viewModel().training.get());
        robot.clickOn("#" + RecurrentPage.CANCEL_ID);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> page.viewModel().trainingHandle().isDone());
        int done = page.viewModel().live().log(CellKind.RNN).size();
        assertTrue(done < 2000);
        assertTrue(page.viewModel().status.get().startsWith("Cancelled after"), page.viewModel().status.get());
        assertNull(page.viewModel().result.get(), "a cancelled run has no test results");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !page.viewModel().traces.get().isEmpty());
    }

    @Test
    void settingsAreCheckedAndResetRestoresDefaults() throws Exception {
        open(new DirectTaskRunner());
        robot.interact(() -> {
            page.settings().apply("task", "delayed-copy");
            page.settings().apply("distance", "10");
            page.settings().apply("model", "gru");
        });
        assertEquals(SyntheticTask.DELAYED_COPY, page.viewModel().task.get());
        assertEquals(10, page.viewModel().distance.get());
        assertEquals(CellKind.GRU, page.viewModel().gateCell.get());
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> page.settings().apply("distance", "2"));
        assertTrue(tooShort.getMessage().contains("at least 4"), tooShort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> page.settings().apply("distance", "99"));
        assertThrows(IllegalArgumentException.class, () -> page.settings().apply("task", "poetry"));
        robot.interact(page::reset);
        assertEquals(RecurrentViewModel.DEFAULT_TASK, page.viewModel().task.get());
        assertEquals(RecurrentViewModel.DEFAULT_DISTANCE, page.viewModel().distance.get());
        assertEquals(CellKind.LSTM, page.viewModel().gateCell.get());
    }
}
