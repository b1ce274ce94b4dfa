package workbench.ui.gqa;

import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
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
import workbench.core.attention.GroupedQueryAttention;
import workbench.core.attention.KvCacheCalculator;
import workbench.core.attention.KvCacheCalculator.Shape;
import workbench.core.attention.KvCacheCalculator.ValueType;
import workbench.core.catalog.PublishedModels;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.MemorySizeFormat;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GqaPageTest {

    private final FxRobot robot = new FxRobot();
    private GqaPage page;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        Notifier silent = new Notifier() {
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
        LabContext context = new LabContext(new DirectTaskRunner(), new ThemeManager(Theme.LIGHT), silent);
        FxToolkit.setupStage(stage -> {
            page = new GqaPage(context);
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

    private static Shape llama70() {
        return Shape.of(PublishedModels.find("Llama-2-70B").orElseThrow());
    }

    @SuppressWarnings("unchecked")
    private TableView<KvCacheSummary.Row> table() {
        return robot.lookup("#" + GqaPage.TABLE_ID).queryAs(TableView.class);
    }

    @Test
    void startsOnLlama2With70BillionParameters() {
        List<KvCacheSummary.Row> rows = table().getItems();
        assertEquals(List.of("MHA", "GQA", "MQA"), rows.stream().map(KvCacheSummary.Row::kind).toList());
        KvCacheSummary.Row gqa = rows.get(1);
        assertTrue(gqa.chosen());
        assertEquals(8, gqa.kvHeads());
        assertEquals(KvCacheCalculator.bytes(llama70(), ValueType.FP16, 4096, 1), gqa.total(ValueType.FP16));
        String headline = robot.lookup("#" + GqaPage.HEADLINE_ID).queryAs(Label.class).getText();
        assertTrue(headline.contains(MemorySizeFormat.bytes(327_680)), headline);                // 320 KB per token
        assertTrue(headline.contains(MemorySizeFormat.bytes(1_342_177_280L)), headline);         // 1.25 GB in all
        assertTrue(headline.contains("MHA would need 8×"), headline);
        assertArrayEquals(GroupedQueryAttention.groups(64, 8), page.diagram().groups());
    }

    @Test
    void contextAndBatchTypedIntoTheCalculator() {
        robot.clickOn("#" + GqaPage.CONTEXT_ID + " .text-field").eraseText(8).write("8192").type(KeyCode.ENTER);
        robot.clickOn("#" + GqaPage.BATCH_ID + " .text-field").eraseText(4).write("4").type(KeyCode.ENTER);
        KvCacheSummary.Row gqa = table().getItems().get(1);
        assertEquals(KvCacheCalculator.bytes(llama70(), ValueType.INT8, 8192, 4), gqa.total(ValueType.INT8));
        assertEquals(KvCacheCalculator.bytes(llama70().withKvHeads(64), ValueType.FP32, 8192, 4),
                table().getItems().get(0).total(ValueType.FP32));
        // Junk keeps the last good value, and huge values are clamped to the maximum.
        robot.clickOn("#" + GqaPage.BATCH_ID + " .text-field").eraseText(4).write("lots").type(KeyCode.ENTER);
        assertEquals(4, page.model().batchProperty().get());
        robot.clickOn("#" + GqaPage.CONTEXT_ID + " .text-field").eraseText(8).write("99999999999").type(KeyCode.ENTER);
        assertEquals(KvCacheViewModel.MAX_CONTEXT, page.model().contextProperty().get());
    }

    @Test
    void choosingModelsAndKvHeadsRedrawsTheGroups() {
        @SuppressWarnings("unchecked")
        ComboBox<ModelChoice> models = robot.lookup("#" + GqaPage.MODEL_ID).queryAs(ComboBox.class);
        ModelChoice llama7 = models.getItems().stream().filter(c -> c.name().equals("Llama-2-7B")).findFirst().orElseThrow();
        robot.interact(() -> models.setValue(llama7));
        // An MHA model: only the MHA row (as published) and the MQA row.
        assertEquals(List.of("MHA", "MQA"), table().getItems().stream().map(KvCacheSummary.Row::kind).toList());
        assertTrue(table().getItems().get(0).chosen());
        assertEquals(524_288L, table().getItems().get(0).perToken(ValueType.FP16)); // 2·32·32·128·2

        @SuppressWarnings("unchecked")
        ChoiceBox<Integer> kv = robot.lookup("#" + GqaPage.KV_HEADS_ID).queryAs(ChoiceBox.class);
        assertEquals(KvCacheCalculator.validKvHeads(32), kv.getItems());
        robot.interact(() -> kv.setValue(4));
        assertArrayEquals(GroupedQueryAttention.groups(32, 4), page.diagram().groups());
        assertEquals(4, table().getItems().get(1).kvHeads());
        String note = robot.lookup("#" + GqaPage.NOTE_ID).queryAs(Label.class).getText();
        assertTrue(note.startsWith("Changed from Llama-2-7B"), note);
        robot.clickOn("#" + GqaPage.DIAGRAM_KIND_PREFIX + "mqa");
        assertArrayEquals(GroupedQueryAttention.groups(32, 1), page.diagram().groups());
        robot.clickOn("#" + GqaPage.DIAGRAM_KIND_PREFIX + "mha");
        assertArrayEquals(GroupedQueryAttention.groups(32, 32), page.diagram().groups());
    }

    @Test
    void theBundledModelIsAnHonestPlaceholder() {
        @SuppressWarnings("unchecked")
        ComboBox<ModelChoice> models = robot.lookup("#" + GqaPage.MODEL_ID).queryAs(ComboBox.class);
        ModelChoice bundled = models.getItems().stream().filter(c -> !c.available()).findFirst().orElseThrow();
        KvCacheSummary before = page.model().summary();
        robot.interact(() -> models.setValue(bundled));
        String note = robot.lookup("#" + GqaPage.NOTE_ID).queryAs(Label.class).getText();
        assertTrue(note.contains("once the trained checkpoint is loaded"), note);
        assertEquals(before.rows().size(), page.model().summary().rows().size());
        assertTrue(robot.lookup("#" + GqaPage.NEEDS_MODEL_ID).tryQuery().isPresent());
        // Filling the slot later makes it a normal entry.
        robot.interact(() -> page.setBundledModel("KJV char model", new Shape("KJV char model", 4, 4, 4, 32), 64, "test"));
        ModelChoice filled = models.getItems().stream().filter(c -> c.name().startsWith(ModelChoice.BUNDLED_NAME))
                .findFirst().orElseThrow();
        robot.interact(() -> models.setValue(filled));
        assertEquals(2L * 4 * 4 * 32 * 4, table().getItems().get(0).perToken(ValueType.FP32));
        assertEquals(64, page.model().contextProperty().get());
    }

    @Test
    void csvAndLessonSettings(@TempDir Path dir) throws Exception {
        robot.interact(() -> page.settings().apply("context", "2048"));
        robot.interact(() -> page.settings().apply("kv-heads", "16"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> page.settings().apply("kv-heads", "3"));
        assertTrue(bad.getMessage().contains("must divide"));
        CsvTable csv = page.table();
        assertEquals(List.of("model", "attention", "layers", "query_heads", "kv_heads", "head_dim", "context", "batch",
                "bytes_per_token_fp32", "bytes_per_token_fp16", "bytes_per_token_int8", "bytes_total_fp32",
                "bytes_total_fp16", "bytes_total_int8"), csv.header());
        assertEquals(3, csv.rows().size());
        List<String> gqa = csv.rows().get(1);
        assertEquals("16", gqa.get(4));
        assertEquals(String.valueOf(KvCacheCalculator.bytes(llama70().withKvHeads(16), ValueType.FP16, 2048, 1)),
                gqa.get(12));
        Path file = dir.resolve("gqa.csv");
        csv.write(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("model,attention,layers"));
        assertFalse(lines.get(2).contains("NaN"));
    }
}
