package workbench.ui.recurrent;

import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
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
import workbench.core.recurrent.Architecture;
import workbench.core.recurrent.ModelOutcome;
import workbench.core.recurrent.TransformerSequenceModel;
import workbench.core.train.CorpusTask;
import workbench.core.trace.ForwardTrace;
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

    /**
     * Where the tests save what the lab looks like, for a person to check:
     * {@code -Dworkbench.screenshots=DIR}; without it nothing is rendered to files (it is slow).
     */
    static final Path SHOTS = System.getProperty("workbench.screenshots") == null ? null
            : Path.of(System.getProperty("workbench.screenshots"));

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
        if (SHOTS != null) {
            Files.createDirectories(SHOTS);
        }
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
        if (SHOTS == null) {
            return;
        }
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
        ChoiceBox<TaskChoice> task = lookup(RecurrentPage.TASK_ID, ChoiceBox.class);
        robot.clickOn(task);
        robot.clickOn(SyntheticTask.FIRST_TOKEN.label());
        assertEquals(TaskChoice.of(SyntheticTask.FIRST_TOKEN), page.viewModel().task.get());
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
        assertEquals(4, result.outcomes().size(), "three cells and the transformer");
        robot.interact(page::frame);

        for (Architecture model : Architecture.values()) {
            ModelOutcome o = result.outcome(model).orElseThrow();
            assertEquals(String.format(Locale.ROOT, "%.1f %%", 100 * o.test().accuracy()),
                    lookup(SummaryTable.cellId(model, "accuracy"), Label.class).getText());
            assertEquals(String.format(Locale.ROOT, "%.3f", o.test().meanLoss()),
                    lookup(SummaryTable.cellId(model, "test-loss"), Label.class).getText());
            assertEquals(String.format(Locale.ROOT, "%,d", o.parameterCount()),
                    lookup(SummaryTable.cellId(model, "parameters"), Label.class).getText());
            XYChart.Series<Number, Number> curve = page.lossCurves().series(model);
            float[] logged = page.viewModel().comparison.get().log(model).smoothedSince(0);
            assertEquals(30, curve.getData().size(), model.label());
            XYChart.Data<Number, Number> last = curve.getData().get(29);
            assertEquals(30, last.getXValue().intValue());
            assertEquals(logged[29], last.getYValue().floatValue(), 0f);
        }
        assertEquals(result.transformer().parameterCount(),
                result.outcome(Architecture.TRANSFORMER).orElseThrow().parameterCount());
        assertTrue(lookup(SummaryTable.SHAPE_ID, Label.class).getText().contains("width d = "
                + result.transformer().dModel()));
        LineChart<Number, Number> accuracy = lookup(RecurrentPage.ACCURACY_CHART_ID, LineChart.class);
        assertEquals(5, accuracy.getData().size(), "four models and chance");
        for (int s = 0; s < 4; s++) {
            XYChart.Series<Number, Number> series = accuracy.getData().get(s);
            Architecture model = Architecture.values()[s];
            assertEquals(model.label(), series.getName());
            assertEquals(8, series.getData().size(), "distances 1..8");
            for (XYChart.Data<Number, Number> point : series.getData()) {
                double core = result.outcome(model).orElseThrow().test().accuracyAt(point.getXValue().intValue());
                assertEquals(core, point.getYValue().doubleValue(), 0.0);
            }
        }
        assertEquals(0.25, accuracy.getData().get(4).getData().get(0).getYValue().doubleValue(), 0.0, "chance");
        assertTrue(accuracy.isVisible());
        assertFalse(lookup(RecurrentPage.SCORE_NOTE_ID, Label.class).getParent().isVisible());
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
        List<String> predicted = page.gatePanel().predictedTexts(GatePanel.PREDICTED_STYLE);
        assertEquals(tokens.length, predicted.size());
        for (int t = 0; t < tokens.length; t++) {
            assertEquals(SyntheticTask.tokenizer().tokenText(fresh.predicted()[t]), predicted.get(t));
        }

        TransformerSequenceModel transformer = page.viewModel().comparison.get().transformer();
        ForwardTrace attention = transformer.trace(tokens, String::valueOf);
        int[] transformerPredicted = TransformerSequenceModel.predicted(attention);
        List<String> shownByTransformer = page.gatePanel().predictedTexts(GatePanel.TRANSFORMER_PREDICTED_STYLE);
        for (int t = 0; t < tokens.length; t++) {
            assertEquals(SyntheticTask.tokenizer().tokenText(transformerPredicted[t]), shownByTransformer.get(t));
        }
        assertMapShows(attention, 0, 0);
        assertEquals(List.of(example.split("")), page.attentionPanel().heatmap().columnLabels(),
                "keys are labelled with the input's characters");
        ChoiceBox<Integer> layer = lookup(AttentionPanel.LAYER_ID, ChoiceBox.class);
        ChoiceBox<Integer> head = lookup(AttentionPanel.HEAD_ID, ChoiceBox.class);
        assertEquals(List.of(0, 1), layer.getItems());
        robot.interact(() -> layer.setValue(1));
        robot.interact(() -> head.setValue(1));
        assertEquals(1, page.viewModel().attentionLayer.get());
        assertMapShows(attention, 1, 1);
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
        robot.interact(() -> input.setText("ab".repeat(65)));
        robot.interact(() -> page.viewModel().refreshTraces());
        assertTrue(lookup(RecurrentPage.INPUT_PROBLEM_ID, Label.class).getText().contains("at most 128"));
        robot.interact(() -> input.setText("cab?"));
        robot.interact(() -> page.viewModel().refreshTraces());
        assertEquals("", lookup(RecurrentPage.INPUT_PROBLEM_ID, Label.class).getText());
        assertEquals(4, page.viewModel().traces.get().get(CellKind.GRU).steps());
        assertEquals(4, page.attentionPanel().heatmap().values().length, "the attention map follows the input");

        robot.interact(() -> tabs.getSelectionModel().select(2));
        LineChart<Number, Number> gradients = lookup(RecurrentPage.GRADIENT_CHART_ID, LineChart.class);
        double[] relative = result.outcome(CellKind.RNN).orElseThrow().gradientFlow().orElseThrow().trained()
                .relativeInputNorms();
        XYChart.Data<Number, Number> back = gradients.getData().get(0).getData().get(3);
        assertEquals(Math.log10(relative[3]), back.getYValue().doubleValue(), 1e-12);
        shot("recurrent-gradients");
        assertEquals(4, page.table().rows().size());
        robot.interact(() -> themes.setTheme(Theme.DARK));
        robot.interact(() -> tabs.getSelectionModel().select(0));
        shot("recurrent-training-dark");
        robot.interact(() -> themes.setTheme(Theme.PROJECTOR));
        shot("recurrent-training-projector");
        robot.interact(() -> tabs.getSelectionModel().select(1));
        shot("recurrent-gates-projector");
        robot.interact(() -> page.settings().apply("task", "corpus"));
        String mismatch = lookup(RecurrentPage.INPUT_PROBLEM_ID, Label.class).getText();
        assertTrue(mismatch.contains("press Train"), "models of a synthetic task cannot read the corpus: " + mismatch);
    }

    private void assertMapShows(ForwardTrace attention, int layer, int head) {
        float[][] shown = page.attentionPanel().heatmap().values();
        float[][] core = attention.layers().get(layer).weights()[head];
        assertEquals(core.length, shown.length);
        for (int i = 0; i < core.length; i++) {
            assertArrayEquals(core[i], shown[i], 0f, "layer " + layer + " head " + head + " row " + i);
        }
    }

    /** Next characters of the corpus: no distances, so the bars show held-out accuracy and the note says why. */
    @Test
    @SuppressWarnings("unchecked")
    void corpusTaskShowsAccuracyWithoutDistances() throws Exception {
        open(new DirectTaskRunner());
        robot.interact(() -> page.settings().apply("task", "corpus"));
        assertTrue(page.viewModel().task.get().isCorpus());
        assertTrue(lookup(RecurrentPage.DISTANCE_ID, Slider.class).isDisabled());
        String window = lookup(RecurrentPage.INPUT_ID, TextField.class).getText();
        assertEquals(CorpusTask.WINDOW, window.length());
        assertTrue(CorpusTask.bundled().corpus().validationText().startsWith(window), window);
        robot.interact(() -> {
            page.settings().apply("steps", "10");
            page.settings().apply("hidden", "8");
        });
        robot.clickOn("#" + RecurrentPage.TRAIN_ID);
        WaitForAsyncUtils.waitForFxEvents();
        ComparisonResult result = page.viewModel().result.get();
        assertNotNull(result, page.viewModel().status.get());
        assertFalse(result.settings().task().hasDistances());
        BarChart<String, Number> bars = lookup(RecurrentPage.SCORE_CHART_ID, BarChart.class);
        assertTrue(bars.getParent().isVisible());
        assertFalse(lookup(RecurrentPage.ACCURACY_CHART_ID, LineChart.class).isVisible());
        assertTrue(lookup(RecurrentPage.SCORE_NOTE_ID, Label.class).getText().contains("no single dependency distance"));
        List<XYChart.Data<String, Number>> data = bars.getData().get(0).getData();
        assertEquals(5, data.size());
        for (int i = 0; i < 4; i++) {
            Architecture model = Architecture.values()[i];
            assertEquals(model.label(), data.get(i).getXValue());
            assertEquals(result.outcome(model).orElseThrow().test().accuracy(), data.get(i).getYValue().doubleValue(),
                    0.0);
        }
        assertEquals("always a space", data.get(4).getXValue());
        assertEquals(CorpusTask.bundled().baselineAccuracy(), data.get(4).getYValue().doubleValue(), 0.0);
        ModelOutcome transformer = result.outcome(Architecture.TRANSFORMER).orElseThrow();
        assertEquals(CorpusTask.TEST_BATCHES * CorpusTask.TEST_BATCH * CorpusTask.WINDOW, transformer.test().scored());
        assertEquals(String.format(Locale.ROOT, "%.3f", transformer.test().meanLoss()),
                lookup(SummaryTable.cellId(Architecture.TRANSFORMER, "test-loss"), Label.class).getText());
        shot("recurrent-corpus");
        robot.interact(() -> lookup(RecurrentPage.TABS_ID, TabPane.class).getSelectionModel().select(1));
        assertEquals(CorpusTask.WINDOW, page.attentionPanel().heatmap().values().length);
        assertEquals("␣", page.attentionPanel().heatmap().columnLabels().get(window.indexOf(' ')),
                "a space is shown as ␣");
        shot("recurrent-corpus-gates");
        robot.interact(() -> page.settings().apply("input", "In the beginning ~"));
        String problem = lookup(RecurrentPage.INPUT_PROBLEM_ID, Label.class).getText();
        assertTrue(problem.contains("~") && problem.contains("occur in the corpus"), problem);
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
        assertEquals("Transformer", chart.getData().get(3).getName());
        for (int s = 0; s < 4; s++) {
            ForwardTiming.Series series = timing.series().get(s);
            double[] ms = series.millis();
            assertEquals(Math.log10(ms[2]), chart.getData().get(s).getData().get(2).getYValue().doubleValue(), 1e-12);
            assertEquals(String.format(Locale.ROOT, "%.3f", ms[2]),
                    lookup(TimingTable.longestId(s), Label.class).getText());
            assertEquals(String.format(Locale.ROOT, "%,d", series.parameterCount()),
                    lookup(TimingTable.parametersId(s), Label.class).getText());
        }
        assertEquals(timing.settings().transformerConfig().parameterCount(),
                timing.series().get(3).parameterCount(), "the transformer as the lab trains it");
        shot("recurrent-timing");
    }

    @Test
    void trainingRunsOffTheFxThreadAndCanBeCancelled() throws Exception {
        open(new FxTaskRunner(1, error -> { }));
        robot.interact(() -> page.viewModel().steps.set(2000));
        robot.clickOn("#" + RecurrentPage.TRAIN_ID);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> page.viewModel().live() != null
                && page.viewModel().live().stepsDone() >= 3);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !page.lossCurves().series(Architecture.TRANSFORMER).getData().isEmpty());
        assertTrue(page.viewModel().training.get());
        robot.clickOn("#" + RecurrentPage.CANCEL_ID);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> page.viewModel().trainingHandle().isDone());
        int done = page.viewModel().live().stepsDone();
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
        assertEquals(TaskChoice.of(SyntheticTask.DELAYED_COPY), page.viewModel().task.get());
        assertEquals(10, page.viewModel().distance.get());
        assertEquals(CellKind.GRU, page.viewModel().gateCell.get());
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> page.settings().apply("distance", "2"));
        assertTrue(tooShort.getMessage().contains("at least 4"), tooShort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> page.settings().apply("distance", "99"));
        assertThrows(IllegalArgumentException.class, () -> page.settings().apply("task", "poetry"));
        robot.interact(() -> {
            page.settings().apply("layer", "1");
            page.settings().apply("head", "1");
        });
        assertEquals(1, page.viewModel().attentionLayer.get());
        assertEquals(1, page.viewModel().attentionHead.get());
        assertThrows(IllegalArgumentException.class, () -> page.settings().apply("layer", "2"));
        robot.interact(page::reset);
        assertEquals(RecurrentViewModel.DEFAULT_TASK, page.viewModel().task.get());
        assertEquals(0, page.viewModel().attentionLayer.get());
        assertEquals(RecurrentViewModel.DEFAULT_DISTANCE, page.viewModel().distance.get());
        assertEquals(CellKind.LSTM, page.viewModel().gateCell.get());
    }
}
