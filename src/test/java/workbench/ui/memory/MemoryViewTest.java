package workbench.ui.memory;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.concurrent.DirectTaskRunner;
import workbench.core.catalog.PublishedModels;
import workbench.core.memory.BitPattern;
import workbench.core.memory.ByteSize;
import workbench.core.memory.GpuCatalog;
import workbench.core.memory.GpuFit;
import workbench.core.memory.MemoryCalculator;
import workbench.core.memory.MemoryPart;
import workbench.core.memory.MemoryReport;
import workbench.core.memory.MemoryRequest;
import workbench.core.memory.ModelSpec;
import workbench.core.memory.NumberText;
import workbench.core.memory.Precision;
import workbench.core.memory.WeightBits;
import workbench.ui.common.CsvTable;
import workbench.ui.common.Exports;
import workbench.ui.common.LabContext;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryViewTest {

    private final FxRobot robot = new FxRobot();
    private MemoryView page;

    @BeforeEach
    void open() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            ThemeManager themes = new ThemeManager(Theme.LIGHT);
            page = new MemoryView(new LabContext(new DirectTaskRunner(), themes, new SilentNotifier()));
            BorderPane root = new BorderPane(page.view());
            root.setRight(MemoryScreenshots.controlsPane(page));
            Scene scene = new Scene(root, 1440, 1000);
            themes.attach(scene);
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void showsTheDefaultModelAsCoreComputesIt() {
        MemoryReport core = report("Llama-2-7B", Precision.FP16, 4096, 1);
        assertEquals(ByteSize.format(core.inference().total()), text("#" + MemoryView.INFERENCE_CARD_ID + "-total"));
        assertEquals("14.55 GiB", text("#" + MemoryView.INFERENCE_CARD_ID + "-total")); // 15,624,314,880 bytes
        assertEquals(ByteSize.format(core.training().total()), text("#" + MemoryView.TRAINING_CARD_ID + "-total"));
        assertEquals(ByteSize.format(core.ruleOfThumb().total()), text("#" + MemoryView.RULE_CARD_ID + "-total"));
        assertEquals(ByteSize.format(core.inference().bytesOf(MemoryPart.KV_CACHE)),
                text("#" + MemoryView.INFERENCE_CARD_ID + "-kv_cache"));
        assertEquals("✗ needs 2", text("#" + MemoryView.gpuCellId(0, false))); // T4
        assertEquals(GpuFitGrid.fitText(core.inferenceFits().get(1)), text("#" + MemoryView.gpuCellId(1, false)));
    }

    @Test
    void drivingModelAndPrecisionUpdatesEveryFigure() {
        robot.clickOn("#" + MemoryView.MODEL_CHOICE_ID).clickOn("GPT-2 124M");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("1024", text("#" + MemoryView.CONTEXT_ID));
        robot.clickOn("#" + MemoryView.PRECISION_ID).clickOn("int8");
        WaitForAsyncUtils.waitForFxEvents();

        MemoryReport core = report("GPT-2 124M", Precision.INT8, 1024, 1);
        assertEquals(ByteSize.format(core.inference().total()), text("#" + MemoryView.INFERENCE_CARD_ID + "-total"));
        assertEquals(ByteSize.format(124_439_808L), text("#" + MemoryView.INFERENCE_CARD_ID + "-weights"));
        assertEquals(ByteSize.format(core.training().total()), text("#" + MemoryView.TRAINING_CARD_ID + "-total"));
        assertTrue(text("#" + MemoryView.SUMMARY_ID).contains("GPT-2 124M"));
        assertTrue(text("#" + MemoryView.SUMMARY_ID).contains("int8"));
        List<GpuFit> fits = core.trainingFits();
        for (int i = 0; i < fits.size(); i++) {
            assertEquals(GpuFitGrid.fitText(fits.get(i)), text("#" + MemoryView.gpuCellId(i, true)));
        }

        // Typing a batch recomputes the KV cache: 8 sequences, eight times the cache.
        replace("#" + MemoryView.BATCH_ID, "8");
        MemoryReport batch8 = report("GPT-2 124M", Precision.INT8, 1024, 8);
        assertEquals(ByteSize.format(batch8.inference().bytesOf(MemoryPart.KV_CACHE)),
                text("#" + MemoryView.INFERENCE_CARD_ID + "-kv_cache"));
        assertEquals(8 * core.inference().bytesOf(MemoryPart.KV_CACHE), batch8.inference().bytesOf(MemoryPart.KV_CACHE));
    }

    @Test
    void typingACountMakesTheModelCustomAndBadInputGivesAMessage() {
        replace("#" + MemoryView.PARAMETERS_ID, "13B");
        assertEquals(MemoryViewModel.CUSTOM, page.viewModel().modelProperty().get());
        ModelSpec custom = ModelSpec.custom(13_000_000_000L, 32, 4096, 32, 32); // Llama-2-7B's shape kept
        MemoryReport core = MemoryCalculator.report(new MemoryRequest(custom, Precision.FP16, 4096, 1), GpuCatalog.all());
        assertEquals(ByteSize.format(core.inference().total()), text("#" + MemoryView.INFERENCE_CARD_ID + "-total"));

        // Every prefix of "apples" is invalid too, so the 13B figures are the last valid ones.
        replace("#" + MemoryView.PARAMETERS_ID, "apples");
        Label message = robot.lookup("#" + MemoryView.CALCULATOR_MESSAGE_ID).queryAs(Label.class);
        assertTrue(message.isVisible());
        assertTrue(message.getText().contains("not a count"), message.getText());
        // The last good figures stay on screen, and the message says so.
        assertEquals(ByteSize.format(core.inference().total()), text("#" + MemoryView.INFERENCE_CARD_ID + "-total"));

        replace("#" + MemoryView.CONTEXT_ID, "0");
        assertTrue(message.getText().contains("not a count"), message.getText()); // the first problem is named
        replace("#" + MemoryView.PARAMETERS_ID, "13B");
        assertTrue(message.getText().contains("context"), message.getText());
        replace("#" + MemoryView.CONTEXT_ID, "2048");
        assertFalse(message.isVisible());
    }

    @Test
    void bitFieldsShowWhatCoreComputes() {
        replace("#" + MemoryView.WEIGHT_INPUT_ID, "65520");
        WeightBits core = WeightBits.parse("65520");
        assertEquals("0x7C00", text("#bits-fp16-hex"));
        assertEquals(core.fp32().hex(), text("#bits-fp32-hex"));
        assertEquals(core.bf16().hex(), text("#bits-bf16-hex"));
        assertTrue(text("#bits-fp16-error").startsWith("overflow"), text("#bits-fp16-error"));
        assertTrue(text("#bits-bf16-value").endsWith("= " + NumberText.significant(core.bf16().value(), 12)));
        assertTrue(text("#bits-bf16-value").endsWith("= 65536"));

        replace("#" + MemoryView.WEIGHT_INPUT_ID, "0.1");
        BitPattern fp16 = WeightBits.parse("0.1").fp16();
        assertEquals("0x2E66", text("#bits-fp16-hex"));
        assertEquals("value = +1.599609375 × 2^-4 = 0.0999755859375", text("#bits-fp16-value"));
        assertTrue(text("#bits-fp16-error").startsWith("error = " + NumberText.signed(fp16.error().getAsDouble(), 3)));
        assertTrue(text("#bits-fp16-error").startsWith("error = -2.44e-5"));
        // The cells spell the pattern: 16 cells for fp16.
        javafx.scene.Parent cells = robot.lookup("#bits-fp16-cells").queryAs(javafx.scene.Parent.class);
        StringBuilder shown = new StringBuilder();
        robot.lookup(".bit-cell").queryAllAs(Label.class).stream()
                .filter(l -> isInside(l, cells)).forEach(l -> shown.append(l.getText()));
        assertEquals(fp16.bitString(), shown.toString());

        replace("#" + MemoryView.WEIGHT_INPUT_ID, "abc");
        assertTrue(text("#" + MemoryView.WEIGHT_MESSAGE_ID).contains("not a number"));
        assertEquals("0x2E66", text("#bits-fp16-hex")); // the last valid weight stays
    }

    @Test
    void csvExportHasHeaderAndRows(@TempDir Path dir) throws Exception {
        CsvTable table = page.table();
        assertEquals(List.of("section", "item", "value", "unit", "detail"), table.header());
        assertTrue(table.rows().contains(List.of("Inference", "KV cache", "2147483648", "bytes",
                table.rows().stream().filter(r -> r.get(1).equals("KV cache")).findFirst().orElseThrow().get(4))));
        assertTrue(table.rows().stream().anyMatch(r -> r.get(0).equals("Inference") && r.get(1).equals("total")
                && r.get(2).equals("15624314880")));
        Path file = dir.resolve("memory.csv");
        robot.interact(() -> {
            try {
                Exports.saveCsv(page.table(), file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("section,item,value,unit,detail", lines.get(0));
        assertTrue(lines.size() > 40, "rows: " + lines.size());
    }

    @Test
    void lessonSettingsDriveTheScreen() {
        robot.interact(() -> {
            page.settings().apply("model", "llama-2-70b");
            page.settings().apply("precision", "int4");
            page.settings().apply("weight", "1e-6");
        });
        MemoryReport core = report("Llama-2-70B", Precision.INT4, 4096, 1);
        assertEquals(ByteSize.format(core.inference().total()), text("#" + MemoryView.INFERENCE_CARD_ID + "-total"));
        assertEquals(WeightBits.parse("1e-6").fp16().hex(), text("#bits-fp16-hex"));
        assertThrows(IllegalArgumentException.class, () -> page.settings().apply("context", "0"));
        assertThrows(IllegalArgumentException.class, () -> page.settings().apply("weight", "abc"));
        assertThrows(IllegalArgumentException.class, () -> page.settings().apply("model", "GPT-5"));
        robot.interact(page::reset);
        assertEquals("Llama-2-7B", page.viewModel().modelProperty().get().label());
        assertEquals("0.1", text("#" + MemoryView.WEIGHT_INPUT_ID));
    }

    private static MemoryReport report(String model, Precision precision, int context, int batch) {
        ModelSpec spec = ModelSpec.from(PublishedModels.find(model).orElseThrow());
        return MemoryCalculator.report(new MemoryRequest(spec, precision, context, batch), GpuCatalog.all());
    }

    /** Scrolls the field into view, empties it and types {@code text} into it key by key. */
    private void replace(String query, String text) {
        javafx.scene.control.TextField field = robot.lookup(query).queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> {
            scrollIntoView(field);
            field.clear();
        });
        robot.clickOn(field).write(text);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(text, field.getText(), "typed into " + query);
    }

    private void scrollIntoView(Node node) {
        javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) page.view();
        Node content = scroll.getContent();
        if (!isInside(node, content)) {
            return;
        }
        double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
        double extra = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
        if (extra > 0) {
            scroll.setVvalue(Math.max(0, Math.min(1, (y - 40) / extra)));
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

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static final class SilentNotifier implements Notifier {
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
