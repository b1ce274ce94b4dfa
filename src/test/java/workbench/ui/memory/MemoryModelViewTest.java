package workbench.ui.memory;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.concurrent.FxTaskRunner;
import workbench.concurrent.Progress;
import workbench.core.memory.ByteSize;
import workbench.core.memory.GpuCatalog;
import workbench.core.memory.MemoryCalculator;
import workbench.core.memory.MemoryReport;
import workbench.core.memory.MemoryRequest;
import workbench.core.memory.ModelSpec;
import workbench.core.memory.ModelWeights;
import workbench.core.memory.OneNd4jThread;
import workbench.core.memory.PickedWeight;
import workbench.core.memory.Precision;
import workbench.core.memory.QuantizationExperiment;
import workbench.core.memory.QuantizationReport;
import workbench.core.memory.VariantResult;
import workbench.core.memory.WeightBits;
import workbench.core.memory.WeightPicker;
import workbench.core.memory.WeightVariant;
import workbench.core.model.Checkpoints;
import workbench.core.model.ModelBundle;
import workbench.core.train.Corpus;
import workbench.ui.common.LabContext;
import workbench.ui.common.ModelSession;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory lab with the bundled model loaded, its work on a real background runner: the model
 * in the picker, real weights in the bit fields, and the quantization table against core's run.
 */
class MemoryModelViewTest {

    private static OneNd4jThread oneThread;
    private static ModelBundle bundle;
    private static ModelWeights weights;
    private static QuantizationReport core;

    private final FxRobot robot = new FxRobot();
    private FxTaskRunner tasks;
    private ModelSession session;
    private MemoryView page;

    @BeforeAll
    static void loadAndMeasure() throws Exception {
        oneThread = new OneNd4jThread();
        bundle = Checkpoints.bundled();
        weights = ModelWeights.of(bundle.model().parameters());
        core = QuantizationExperiment.run(bundle, Corpus.bundled(), Progress.NONE); // what the table must show
    }

    @AfterAll
    static void restoreThreads() {
        oneThread.close();
    }

    @BeforeEach
    void open() throws Exception {
        tasks = new FxTaskRunner(1, error -> {
            throw new AssertionError("a background task failed", error);
        });
        session = new ModelSession();
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            ThemeManager themes = new ThemeManager(Theme.LIGHT);
            page = new MemoryView(new LabContext(tasks, themes, new Quiet(), session));
            BorderPane root = new BorderPane(page.view());
            root.setRight(MemoryScreenshots.controlsPane(page));
            Scene scene = new Scene(root, 1440, 1000);
            themes.attach(scene);
            stage.setScene(scene);
            stage.show();
        });
        // The model arrives after the page is built, as it does when the app starts.
        robot.interact(() -> session.set(bundle));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> page.viewModel().picker().hasWeights());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        robot.interact(page::dispose);
        FxToolkit.cleanupStages();
        tasks.close();
    }

    @Test
    void theLoadedModelIsInThePickerWithItsOwnShape() {
        assertEquals("kjv-char (loaded)", page.viewModel().choices().get(0).label());
        robot.clickOn("#" + MemoryView.MODEL_CHOICE_ID).clickOn("kjv-char (loaded)");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("804,864", text("#" + MemoryView.PARAMETERS_ID));
        assertEquals("64", text("#" + MemoryView.CONTEXT_ID));
        assertEquals("4", text("#" + MemoryView.LAYERS_ID));
        assertEquals("128", text("#" + MemoryView.D_MODEL_ID));
        robot.clickOn("#" + MemoryView.PRECISION_ID).clickOn("fp32");
        WaitForAsyncUtils.waitForFxEvents();
        ModelSpec spec = ModelSpec.from("kjv-char (loaded)", bundle.model().config(), "");
        MemoryReport expected = MemoryCalculator.report(new MemoryRequest(spec, Precision.FP32, 64, 1), GpuCatalog.all());
        assertEquals(ByteSize.format(expected.inference().total()), text("#" + MemoryView.INFERENCE_CARD_ID + "-total"));
        assertEquals(ByteSize.format(804_864L * 4), text("#" + MemoryView.INFERENCE_CARD_ID + "-weights")); // 3.1 MiB

        // Another model replaces the entry, and the selection follows it.
        ModelBundle other = new ModelBundle("other", bundle.model().copy(), bundle.tokenizer(), Optional.empty());
        robot.interact(() -> session.set(other));
        assertEquals("other (loaded)", page.viewModel().modelProperty().get().label());
        assertEquals(1, page.viewModel().choices().stream().filter(MemoryViewModel.ModelChoice::loaded).count());
        robot.interact(() -> page.settings().apply("model", MemoryViewModel.LOADED_MODEL));
        assertEquals("other (loaded)", page.viewModel().modelProperty().get().label());
    }

    @Test
    void quantizeRunsInTheBackgroundAndTheTableIsCoresResult() {
        assertEquals("", text("#" + MemoryView.QUANTIZE_SAMPLE_ID));
        scrollTo(MemoryView.QUANTIZE_RUN_ID);
        robot.clickOn("#" + MemoryView.QUANTIZE_RUN_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(page.quantizeModel().runningProperty().get() || page.quantizeModel().report() != null);
        WaitForAsyncUtils.waitForFxEvents();
        waitForReport();
        QuantizationReport shown = page.quantizeModel().report();
        for (VariantResult expected : core.results()) {
            String[] cells = QuantizePane.row(core, expected);
            for (int c = 0; c < cells.length; c++) {
                assertEquals(cells[c], text("#" + QuantizePane.cellId(expected.variant(), QuantizePane.COLUMNS[c])),
                        expected.variant() + " " + QuantizePane.COLUMNS[c]);
            }
            assertEquals(expected.loss(), shown.result(expected.variant()).loss(), 0.0); // bit for bit the same run
        }
        assertEquals("74.2%", text("#" + QuantizePane.cellId(WeightVariant.INT8_PER_CHANNEL, "saved"))); // 830,712 of 3,219,456
        assertEquals("830,712", text("#" + QuantizePane.cellId(WeightVariant.INT8_PER_CHANNEL, "bytes")));
        assertTrue(text("#" + MemoryView.QUANTIZE_SAMPLE_ID).contains("64 of the 2,170 windows"));

        // Clicking a row draws it: int4 with one scale per tensor on h0.attn.wq.
        robot.interact(() -> scrollIntoView(robot.lookup("#" + QuantizePane.cellId(WeightVariant.INT4_PER_TENSOR, "variant")).query()));
        robot.clickOn("#" + QuantizePane.cellId(WeightVariant.INT4_PER_TENSOR, "variant"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(WeightVariant.INT4_PER_TENSOR, page.quantizeModel().variantProperty().get());
        assertEquals(QuantizePane.captionText(core, "h0.attn.wq", WeightVariant.INT4_PER_TENSOR),
                text("#" + MemoryView.HISTOGRAM_CAPTION_ID));
        robot.interact(() -> page.settings().apply("histogram-tensor", QuantizationReport.POOLED));
        assertEquals(QuantizePane.captionText(core, QuantizationReport.POOLED, WeightVariant.INT4_PER_TENSOR),
                text("#" + MemoryView.HISTOGRAM_CAPTION_ID));
        assertTrue(page.table().rows().stream().anyMatch(r -> r.get(0).equals("quantized int8-channel")
                && r.get(1).equals("validation loss") && r.get(2).equals(Double.toString(core.result(WeightVariant.INT8_PER_CHANNEL).loss()))));

        // A second run can be cancelled; the figures already measured stay.
        robot.interact(() -> page.quantizeModel().run());
        assertTrue(page.quantizeModel().runningProperty().get());
        robot.clickOn("#" + MemoryView.QUANTIZE_CANCEL_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(page.quantizeModel().runningProperty().get());
        assertTrue(text("#" + MemoryView.QUANTIZE_STATUS_ID).startsWith("Cancelled"));
        assertEquals(cellsOf(WeightVariant.FP16)[5], text("#" + QuantizePane.cellId(WeightVariant.FP16, "loss")));

        // A new model clears the figures: they were for the old one.
        robot.interact(() -> session.set(new ModelBundle("other", bundle.model().copy(), bundle.tokenizer(), Optional.empty())));
        assertNull(page.quantizeModel().report());
        assertTrue(robot.lookup("#" + QuantizePane.cellId(WeightVariant.FP16, "loss")).tryQuery().isEmpty());
    }

    @Test
    void theBitFieldsShowARealWeightOfTheModel() {
        scrollTo(MemoryView.WEIGHT_FROM_MODEL_ID);
        robot.clickOn("#" + MemoryView.WEIGHT_FROM_MODEL_ID);
        WaitForAsyncUtils.waitForFxEvents();
        // The default: a random weight of h0.attn.wq with seed 1.
        PickedWeight random = WeightPicker.pick(weights, "h0.attn.wq", WeightPicker.Rule.RANDOM, 0, 0, 1);
        assertBitsOf(random);

        robot.interact(() -> {
            page.settings().apply("pick-tensor", WeightPicker.ANY_TENSOR);
            page.settings().apply("pick-rule", "largest");
        });
        PickedWeight largest = WeightPicker.pick(weights, WeightPicker.ANY_TENSOR, WeightPicker.Rule.LARGEST, 0, 0, 0);
        assertBitsOf(largest);

        robot.interact(() -> {
            page.settings().apply("pick-tensor", "h2.ffn.w1");
            page.settings().apply("pick-rule", "index");
        });
        replace("#" + MemoryView.PICK_ROW_ID, "5");
        replace("#" + MemoryView.PICK_COL_ID, "300");
        PickedWeight indexed = WeightPicker.pick(weights, "h2.ffn.w1", WeightPicker.Rule.AT_INDEX, 5, 300, 0);
        assertEquals(bundle.model().parameters().get("h2.ffn.w1").getFloat(5, 300), indexed.value());
        assertBitsOf(indexed);
        replace("#" + MemoryView.PICK_COL_ID, "999");
        assertTrue(text("#" + MemoryView.WEIGHT_MESSAGE_ID).contains("column 0 to 511"), text("#" + MemoryView.WEIGHT_MESSAGE_ID));
        assertBitsOf(WeightPicker.pick(weights, "h2.ffn.w1", WeightPicker.Rule.AT_INDEX, 5, 99, 0)); // the last valid: column 99

        // Typing a number goes back to the typed weight.
        replace("#" + MemoryView.WEIGHT_INPUT_ID, "0.1");
        assertEquals(MemoryViewModel.WeightSource.TYPED, page.viewModel().weightSourceProperty().get());
        assertEquals("0x2E66", text("#bits-fp16-hex"));
    }

    private void assertBitsOf(PickedWeight weight) {
        WeightBits bits = WeightBits.of(weight.value());
        assertEquals(MemoryViewModel.WeightSource.MODEL, page.viewModel().weightSourceProperty().get());
        assertEquals(bits.fp32().hex(), text("#bits-fp32-hex"), weight.describe());
        assertEquals(bits.fp16().hex(), text("#bits-fp16-hex"), weight.describe());
        assertEquals(bits.bf16().hex(), text("#bits-bf16-hex"), weight.describe());
        assertEquals("error = 0: the value is stored exactly", text("#bits-fp32-error")); // the model's own float
        assertEquals("Model weight: " + weight.describe(), text("#" + MemoryView.PICK_DESCRIPTION_ID));
    }

    private String[] cellsOf(WeightVariant v) {
        return QuantizePane.row(core, core.result(v));
    }

    private void waitForReport() {
        try {
            WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> page.quantizeModel().report() != null);
        } catch (java.util.concurrent.TimeoutException slow) {
            throw new AssertionError("the quantization run did not finish: " + text("#" + MemoryView.QUANTIZE_STATUS_ID));
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void scrollTo(String id) {
        robot.interact(() -> scrollIntoView(robot.lookup("#" + id).query()));
    }

    private void replace(String query, String value) {
        javafx.scene.control.TextField field = robot.lookup(query).queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> {
            scrollIntoView(field);
            field.clear();
        });
        robot.clickOn(field).write(value);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void scrollIntoView(Node node) {
        javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) page.view();
        Node content = scroll.getContent();
        double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
        double extra = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
        if (extra > 0) {
            scroll.setVvalue(Math.max(0, Math.min(1, (y - 80) / extra)));
        }
        scroll.layout();
    }

    private String text(String query) {
        Node node = robot.lookup(query).query();
        if (node instanceof javafx.scene.control.Labeled labeled) {
            return labeled.getText();
        }
        return ((javafx.scene.control.TextInputControl) node).getText();
    }

    private static final class Quiet implements Notifier {
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
    }
}
