package workbench.ui.flash;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.concurrent.DirectTaskRunner;
import workbench.core.attention.BlockSizes;
import workbench.core.attention.StandardAttention;
import workbench.core.attention.TiledAttention;
import workbench.core.attention.TiledReplay;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.ModelBundle;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.tensor.Arrays2D;
import workbench.core.tokenizer.CharTokenizer;
import workbench.core.trace.IoCounts;
import workbench.core.trace.LayerTrace;
import workbench.core.trace.TileStep;
import workbench.core.trace.TiledTrace;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.MemorySizeFormat;
import workbench.ui.common.ModelSession;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlashPageTest {

    private final FxRobot robot = new FxRobot();
    private final List<String> messages = new ArrayList<>();
    private FlashPage page;
    private LabContext context;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        Notifier notifier = new Notifier() {
            @Override
            public void info(String message) {
                messages.add(message);
            }

            @Override
            public void warn(String message) {
                messages.add(message);
            }

            @Override
            public void error(String what, Throwable error) {
                messages.add(what + ": " + error);
            }
        };
        context = new LabContext(new DirectTaskRunner(), new ThemeManager(Theme.LIGHT), notifier);
        FxToolkit.setupStage(stage -> {
            page = new FlashPage(context);
            ScrollPane controls = new ScrollPane(page.controls());
            controls.setFitToWidth(true);
            Scene scene = new Scene(new BorderPane(page.view(), null, controls, null, null), 1400, 950);
            context.themes().attach(scene);
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        robot.interact(page::dispose);
        FxToolkit.cleanupStages();
    }

    /** The default pass, computed here straight from core: synthetic seed 42, N = 24, d = 4, M = 1/2 KB, causal. */
    private static TiledTrace expectedTrace(double kb, int n, int d) {
        QkvInput in = new SyntheticQkvSource(42).load(n, d);
        return TiledAttention.trace(in.q(), in.k(), in.v(), true, BlockSizes.fromFastMemoryKb(kb, d));
    }

    private static QkvInput in() {
        return new SyntheticQkvSource(42).load(24, 4);
    }

    /** True when the node and every parent are visible. */
    private boolean shown(String id) {
        for (javafx.scene.Node n = robot.lookup("#" + id).query(); n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private String text(String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    @Test
    void startsBeforeTheFirstStepWithCountsFromCore() {
        TiledTrace expected = expectedTrace(0.5, 24, 4);
        assertEquals("Step 0 of " + expected.steps().size(), text(FlashPage.STEP_COUNT_ID));
        // M = 512 B = 128 floats, d = 4: Bc = ceil(128 / 16) = 8, Br = min(8, 4) = 4.
        assertTrue(text(FlashPage.BLOCKS_TEXT_ID).contains("= 8"), text(FlashPage.BLOCKS_TEXT_ID));
        assertTrue(text(FlashPage.BLOCKS_TEXT_ID).contains("min(Bc, d) = 4"));
        assertEquals(MemorySizeFormat.bytes(expected.counts().slowReadBytes()),
                text(CountersPane.ID_PREFIX + "reads-flash"));
        QkvInput in = new SyntheticQkvSource(42).load(24, 4);
        IoCounts standard = StandardAttention.run(in.q(), in.k(), in.v(), true).counts();
        assertEquals(MemorySizeFormat.bytes(standard.peakExtraBytes()), text(CountersPane.ID_PREFIX + "peak-standard"));
        assertEquals(MemorySizeFormat.count(standard.flops()), text(CountersPane.ID_PREFIX + "flops-standard"));
        assertTrue(messages.isEmpty(), messages.toString());
    }

    @Test
    void fastMemorySliderSetsTheBlockSizes() {
        Slider slider = robot.lookup("#" + FlashPage.MEMORY_SLIDER_ID).queryAs(Slider.class);
        robot.interact(() -> slider.setValue(-3)); // 1/8 KB = 128 bytes = 32 floats: Bc = ceil(32/16) = 2, Br = 2
        assertTrue(text(FlashPage.BLOCKS_TEXT_ID).contains("⌈32 / 16⌉ = 2"), text(FlashPage.BLOCKS_TEXT_ID));
        TiledTrace expected = expectedTrace(0.125, 24, 4);
        assertEquals(2, expected.blockRows());
        assertEquals("Step 0 of " + expected.steps().size(), text(FlashPage.STEP_COUNT_ID));
        assertEquals(MemorySizeFormat.bytes(expected.counts().slowWriteBytes()),
                text(CountersPane.ID_PREFIX + "writes-flash"));
        robot.interact(() -> slider.setValue(2.4)); // snaps to 4 KB
        assertEquals(2, page.model().kbExponentProperty().get());
        assertEquals(4096, page.model().fastMemoryBytes());
    }

    @Test
    void steppingShowsTheRunningMaxAndSumOfTheCurrentBlock() {
        TiledTrace expected = expectedTrace(0.5, 24, 4);
        robot.clickOn("#" + FlashPage.STEP_ID);
        Button step = robot.lookup("#" + FlashPage.STEP_ID).queryAs(Button.class);
        robot.interact(step::fire);
        robot.interact(step::fire);
        assertEquals("Step 3 of " + expected.steps().size(), text(FlashPage.STEP_COUNT_ID));
        TileStep third = expected.steps().get(2);
        @SuppressWarnings("unchecked")
        TableView<StepDetailPane.RowStat> rows = robot.lookup("#" + StepDetailPane.ROWS_ID).queryAs(TableView.class);
        assertEquals(third.rows(), rows.getItems().size());
        for (int r = 0; r < third.rows(); r++) {
            StepDetailPane.RowStat stat = rows.getItems().get(r);
            assertEquals(third.rowStart() + r, stat.query());
            assertEquals(StepDetailPane.number(third.maxAfter()[r]), stat.maxAfter());
            assertEquals(StepDetailPane.number(third.sumAfter()[r]), stat.sumAfter());
            assertEquals(third.rescaled(r), stat.rescaled());
        }
        // Slow memory as drawn equals the core's replay after three steps.
        TiledReplay.State state = TiledReplay.after(expected, 24, 3);
        assertArrayEquals(state.runningMax(), page.model().frame().state().runningMax());
        assertTrue(text(StepDetailPane.STEP_TEXT_ID).startsWith("Step 3 of"));
        robot.clickOn("#" + FlashPage.BACK_ID);
        assertEquals("Step 2 of " + expected.steps().size(), text(FlashPage.STEP_COUNT_ID));
        robot.clickOn("#" + FlashPage.END_ID);
        assertTrue(text(StepDetailPane.STEP_TEXT_ID).contains("Done: O equals standard attention"));
    }

    @Test
    void playRunsTheAnimationUntilPaused() throws Exception {
        // Blocks of one row and one key (M = 1/16 KB): 300 steps, far more than play can finish during the test.
        robot.interact(() -> page.model().kbExponentProperty().set(FlashViewModel.MIN_KB_EXPONENT));
        assertEquals(300, page.model().stepCount());
        robot.interact(() -> page.model().speedProperty().set(10));
        robot.clickOn("#" + FlashPage.PLAY_ID);
        assertEquals("Pause", robot.lookup("#" + FlashPage.PLAY_ID).queryAs(Button.class).getText());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> page.model().stepsDoneProperty().get() >= 2);
        robot.clickOn("#" + FlashPage.PLAY_ID);
        assertFalse(page.model().playingProperty().get());
        int stopped = page.model().stepsDoneProperty().get();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertEquals(stopped, page.model().stepsDoneProperty().get());
    }

    @Test
    void lessonSettingsAndBadInput() {
        robot.interact(() -> page.settings().apply("n", "12"));
        robot.interact(() -> page.settings().apply("step", "3"));
        // N = 12, Br = 4, Bc = 8: 3 × 2 blocks, of which the causal mask leaves 4.
        TiledTrace expected = expectedTrace(0.5, 12, 4);
        assertEquals(4, expected.steps().size());
        assertEquals("Step 3 of 4", text(FlashPage.STEP_COUNT_ID));
        robot.interact(() -> page.settings().apply("step", "50"));
        assertEquals("Step 4 of 4", text(FlashPage.STEP_COUNT_ID)); // past the end shows the end
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> page.settings().apply("n", "100000"));
        assertTrue(bad.getMessage().contains("between 4 and 64"));
        // Typing nonsense into a spinner keeps the last good value.
        robot.clickOn("#" + FlashPage.N_ID + " .text-field").eraseText(4).write("abc").type(KeyCode.ENTER);
        assertEquals(12, page.model().nProperty().get());
        assertTrue(messages.isEmpty(), messages.toString());
    }

    /** 2 layers of 4 heads of size 16, context 64, random weights: the engine's real forward pass. */
    private static ModelBundle testModel() {
        CharTokenizer tokenizer = CharTokenizer.fromText("\n !',.:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        TransformerConfig config = new TransformerConfig(tokenizer.vocabSize(), 64, 64, 2, 4, 4, 128,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 7);
        return new ModelBundle("test-char", new MiniTransformer(config), tokenizer, Optional.empty());
    }

    @Test
    void theModelsOwnQkvReplaceTheSyntheticDataWhenItLoads() {
        ModelBundle bundle = testModel();
        robot.interact(() -> context.models().set(bundle));
        robot.interact(() -> page.settings().apply("layer", "1"));
        robot.interact(() -> page.settings().apply("head", "2"));
        assertTrue(page.model().usesModel());
        String prompt = ModelSession.DEFAULT_PROMPT;
        LayerTrace layer = bundle.trace(bundle.encode(prompt).ids(), ForwardOptions.NONE).layers().get(1);
        FlashResult result = page.model().result();
        assertEquals(prompt.length(), result.length(), "one token per character");
        assertEquals(16, result.width());
        assertEquals(0.0, Arrays2D.maxAbsDiff(layer.queries()[2], result.input().q()));
        assertEquals(0.0, Arrays2D.maxAbsDiff(layer.keys()[2], result.input().k()));
        // M = 8 KB = 2048 floats, d = 16: Bc = ceil(2048 / 64) = 32, Br = min(32, 16) = 16.
        assertEquals(32, result.sizes().keyColumns());
        assertEquals(16, result.sizes().queryRows());
        TiledTrace expected = TiledAttention.trace(layer.queries()[2], layer.keys()[2], layer.values()[2], true,
                BlockSizes.fromFastMemoryKb(8, 16));
        assertEquals("Step 0 of " + expected.steps().size(), text(FlashPage.STEP_COUNT_ID));
        robot.interact(() -> page.model().toEnd());
        double difference = Arrays2D.maxAbsDiff(layer.headOutputs()[2], page.model().frame().state().output());
        assertTrue(difference < 1e-5, "tiled O equals the model's head output: " + difference);
        assertEquals(difference, result.referenceDifference(), 1e-12);
        assertTrue(text(FlashPage.MODEL_CHECK_ID).contains("layer 1, head 2"), text(FlashPage.MODEL_CHECK_ID));
        assertTrue(text(FlashPage.SOURCE_ID).startsWith("Layer 1, head 2 of test-char"), text(FlashPage.SOURCE_ID));
        assertFalse(shown(FlashPage.N_ID), "N comes from the prompt");

        // A character the tokenizer does not know: a message, and the last good result stays.
        robot.interact(() -> page.settings().apply("prompt", "caf\u00e9"));
        assertTrue(text(FlashPage.PROBLEM_ID).contains("\u00e9"), text(FlashPage.PROBLEM_ID));
        assertEquals(prompt.length(), page.model().result().length());
        robot.interact(() -> page.settings().apply("prompt", "Let there be light."));
        assertEquals("", text(FlashPage.PROBLEM_ID));
        assertEquals(19, page.model().result().length());
        assertEquals("Let there be light.", context.models().promptProperty().get(), "the prompt is shared");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> page.settings().apply("head", "4"));
        assertTrue(bad.getMessage().contains("0..3"), bad.getMessage());

        // Synthetic data for the scaling story is one click away, and back.
        robot.interact(() -> page.settings().apply("source", "synthetic"));
        assertFalse(page.model().usesModel());
        assertTrue(text(FlashPage.SOURCE_ID).startsWith("Synthetic"), text(FlashPage.SOURCE_ID));
        assertTrue(shown(FlashPage.N_ID));
        robot.interact(page::reset);
        assertTrue(page.model().usesModel());
        assertTrue(messages.isEmpty(), messages.toString());
    }

    @Test
    void csvHasAHeaderAndTheCounters(@TempDir Path dir) throws Exception {
        CsvTable table = page.table();
        assertEquals(List.of("quantity", "standard", "flashattention", "unit"), table.header());
        TiledTrace expected = expectedTrace(0.5, 24, 4);
        assertEquals(List.of("slow_memory_reads", String.valueOf(StandardAttention.run(in().q(), in().k(), in().v(), true)
                .counts().slowReadBytes()), String.valueOf(expected.counts().slowReadBytes()), "bytes"), table.rows().get(0));
        Path file = dir.resolve("flash.csv");
        table.write(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("quantity,standard,flashattention,unit", lines.get(0));
        assertEquals(table.rows().size() + 1, lines.size());
    }

    @Test
    void scalingMeasuresEachLengthAndExportsIt() {
        robot.interact(() -> ((TabPane) page.view()).getSelectionModel().select(1));
        @SuppressWarnings("unchecked")
        ChoiceBox<Integer> max = robot.lookup("#" + ScalingPane.MAX_N_ID).queryAs(ChoiceBox.class);
        robot.interact(() -> max.setValue(256));
        robot.clickOn("#" + ScalingPane.MEASURE_ID);
        List<workbench.core.attention.AttentionScaling.Point> points = page.scaling().points();
        assertEquals(List.of(64, 128, 256), points.stream().map(p -> p.n()).toList());
        for (var p : points) {
            assertTrue(p.naive().ran() && p.tiled().ran());
            assertEquals(4L * p.n() * p.n(), p.naive().allocatedBytes());
            assertTrue(p.maxAbsDiff() < 1e-5);
        }
        assertTrue(page.scaling().status().startsWith("Measured 3 lengths"), page.scaling().status());
        assertEquals(1.0, robot.lookup("#" + ScalingPane.PROGRESS_ID).queryAs(javafx.scene.control.ProgressBar.class).getProgress());
        CsvTable csv = page.table();
        assertEquals("n", csv.header().get(0));
        assertEquals(3, csv.rows().size());
        assertEquals("256", csv.rows().get(2).get(0));
        assertEquals(String.valueOf(4L * 256 * 256), csv.rows().get(2).get(4));
    }
}
