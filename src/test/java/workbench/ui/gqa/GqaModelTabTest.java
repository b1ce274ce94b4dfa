package workbench.ui.gqa;

import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.concurrent.DirectTaskRunner;
import workbench.core.attention.GroupedQueryAttention;
import workbench.core.attention.KvCacheCalculator.ValueType;
import workbench.core.gqa.GroupMaps;
import workbench.core.gqa.KvHeadConversion;
import workbench.core.memory.ValidationSample;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.ModelBundle;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.tensor.Arrays2D;
import workbench.core.tokenizer.CharTokenizer;
import workbench.core.train.Corpus;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.MemorySizeFormat;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GQA lab's trained-model tab on a tiny real model that reads the bundled corpus. */
class GqaModelTabTest {

    private final FxRobot robot = new FxRobot();
    private GqaPage page;
    private ModelBundle bundle;

    /** 2 layers, 4 heads of size 4, context 16, random weights; the tokenizer reads the bundled corpus. */
    static ModelBundle tinyModel() {
        CharTokenizer chars = CharTokenizer.fromText(Corpus.bundled().text());
        TransformerConfig config = new TransformerConfig(chars.vocabSize(), 16, 16, 2, 4, 4, 32,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 5);
        return new ModelBundle("tiny-char", new MiniTransformer(config), chars, Optional.empty());
    }

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        Notifier strict = new Notifier() {
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
        LabContext context = new LabContext(new DirectTaskRunner(), new ThemeManager(Theme.LIGHT), strict);
        bundle = tinyModel();
        FxToolkit.setupStage(stage -> {
            page = new GqaPage(context);
            context.models().set(bundle);
            Scene scene = new Scene(new BorderPane(page.view(), null, new ScrollPane(page.controls()), null, null), 1400, 950);
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

    private String text(String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    private int[] promptIds() {
        return bundle.encode(workbench.ui.common.ModelSession.DEFAULT_PROMPT).ids();
    }

    @Test
    void switchingTheLayerBetweenMhaGqaAndMqaShowsEachGroupsMaps() {
        GqaModelPane pane = page.modelPane();
        // Starts on GQA with 2 K/V heads, layer 1: the trained maps and the pooled model's.
        GroupMaps maps = pane.canvas().maps();
        assertNotNull(maps);
        assertEquals(1, maps.layer());
        assertEquals(List.of("MHA (trained)", "GQA-2, mean-pooled"), maps.rows().stream().map(GroupMaps.Row::label).toList());
        assertArrayEquals(GroupedQueryAttention.groups(4, 2), pane.diagram().groups());
        assertArrayEquals(new int[][]{{0, 1}, {2, 3}}, maps.rows().get(1).groups());
        float[][][] expected = KvHeadConversion.meanPool(bundle.model(), 2)
                .trace(promptIds(), ForwardOptions.NONE, bundle.tokenizer()::tokenText).layers().get(1).weights();
        for (int h = 0; h < 4; h++) {
            assertEquals(0.0, Arrays2D.maxAbsDiff(expected[h], maps.rows().get(1).weights()[h]));
            assertEquals(GroupMaps.meanTotalVariation(expected[h], maps.rows().get(0).weights()[h]),
                    maps.rows().get(1).shift()[h], 1e-12);
        }

        robot.clickOn("#" + GqaModelPane.KIND_PREFIX + "mqa");
        assertArrayEquals(GroupedQueryAttention.groups(4, 1), pane.diagram().groups());
        assertEquals(1, pane.canvas().maps().rows().get(1).kvHeads());
        assertEquals("MQA, mean-pooled", pane.canvas().maps().rows().get(1).label());
        robot.clickOn("#" + GqaModelPane.KIND_PREFIX + "mha");
        assertEquals(1, pane.canvas().maps().rows().size(), "MHA is the trained model itself");
        assertArrayEquals(GroupedQueryAttention.groups(4, 4), pane.diagram().groups());

        robot.interact(() -> page.settings().apply("model-layer", "0"));
        assertEquals(0, pane.canvas().maps().layer());
        IllegalArgumentException layer = assertThrows(IllegalArgumentException.class,
                () -> page.settings().apply("model-layer", "2"));
        assertTrue(layer.getMessage().contains("0..1"), layer.getMessage());
        IllegalArgumentException kv = assertThrows(IllegalArgumentException.class,
                () -> page.settings().apply("model-kv-heads", "3"));
        assertTrue(kv.getMessage().contains("[2]"), kv.getMessage());
        // A prompt the tokenizer cannot read: a message, and the last maps stay.
        robot.interact(() -> page.settings().apply("model-attention", "GQA"));
        GroupMaps before = pane.canvas().maps();
        javafx.scene.control.TextField prompt = robot.lookup("#" + GqaModelPane.PROMPT_ID)
                .queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> prompt.setText("light \u2603"));
        assertTrue(text(GqaModelPane.PROBLEM_ID).contains("\u2603"), text(GqaModelPane.PROBLEM_ID));
        assertEquals(before, pane.canvas().maps());
    }

    @Test
    void convertOnATinyBudgetShowsTheMeasuredLosses() {
        robot.interact(() -> {
            page.settings().apply("finetune-steps", "2");
            page.settings().apply("finetune-windows", "4");
            page.settings().apply("finetune-seed", "3");
        });
        robot.clickOn("#" + ConversionPane.RUN_ID);
        var report = page.modelPane().conversion().report();
        assertNotNull(report);
        assertEquals(2, report.fineTune().steps());
        assertFalse(report.fineTune().cancelled());
        // The same four windows, measured here: the figures on screen are these numbers.
        ValidationSample sample = ValidationSample.of(bundle.tokenizer(), Corpus.bundled(), 16, 4, 16);
        double mha = sample.loss(bundle.model());
        double pooled = sample.loss(KvHeadConversion.meanPool(bundle.model(), 2));
        GroupMapsViewModel.Tuned tuned = page.modelPane().maps().tuned(2);
        assertNotNull(tuned, "the fine-tuned model is kept");
        assertEquals(2, tuned.steps());
        double after = sample.loss(tuned.model());
        assertEquals(String.format(Locale.ROOT, "%.4f", mha), text(ConversionPane.RESULT_PREFIX + "mha-loss"));
        assertEquals(String.format(Locale.ROOT, "%.4f", pooled), text(ConversionPane.RESULT_PREFIX + "pooled-loss"));
        assertEquals(String.format(Locale.ROOT, "%.4f", after), text(ConversionPane.RESULT_PREFIX + "tuned-loss"));
        assertEquals(String.format(Locale.ROOT, "%+.4f", pooled - mha), text(ConversionPane.RESULT_PREFIX + "pooled-delta"));
        assertTrue(Double.isFinite(after) && after != pooled, "two steps of AdamW change the loss: " + pooled + " -> " + after);
        assertTrue(text(ConversionPane.STATUS_ID).startsWith("Done in"), text(ConversionPane.STATUS_ID));
        // The maps now show the fine-tuned model as a third row.
        GroupMaps maps = page.modelPane().canvas().maps();
        assertEquals("GQA-2, 2 steps fine-tuned", maps.rows().get(2).label());
        CsvTable csv = page.table();
        assertEquals(List.of("conversion", "MHA (trained)", "validation_loss", String.valueOf(mha), "nats_per_token"),
                csv.rows().get(0));
    }

    @Test
    void theCachesGrowTokenByToken() {
        javafx.scene.control.Button step = robot.lookup("#" + CacheRacePane.STEP_ID).queryAs(javafx.scene.control.Button.class);
        for (int i = 0; i < 4; i++) {
            robot.interact(step::fire); // the first press fills the caches with the prompt
        }
        var snapshot = page.modelPane().race().snapshot();
        assertEquals(3, snapshot.generated());
        assertEquals(List.of("MHA (trained)", "GQA-2 (mean-pooled)", "MQA (mean-pooled)"),
                snapshot.lanes().stream().map(l -> l.label()).toList());
        int start = 8; // the prompt's last half-context: 16 / 2 tokens
        assertEquals(start, snapshot.startTokens());
        int[] kvHeads = {4, 2, 1};
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = robot.lookup("#" + CacheRacePane.CHART_ID).queryAs(LineChart.class);
        for (int i = 0; i < 3; i++) {
            long perToken = 2L * 2 * kvHeads[i] * 4 * 4; // K and V × layers × K/V heads × head size × float32
            assertEquals(perToken, snapshot.lanes().get(i).bytesPerToken());
            assertEquals((start + 3) * perToken, snapshot.lanes().get(i).bytes());
            assertEquals(MemorySizeFormat.bytes((start + 3) * perToken) + " (" + MemorySizeFormat.bytes(perToken)
                    + " per token)", text(CacheRacePane.LANE_PREFIX + i + "-bytes"));
            assertEquals((start + 3) + " / 16", text(CacheRacePane.LANE_PREFIX + i + "-tokens"));
            XYChart.Series<Number, Number> series = chart.getData().get(i);
            assertEquals(4, series.getData().size(), "the prompt, then one point per token");
            XYChart.Data<Number, Number> last = series.getData().get(3);
            assertEquals(start + 3, last.getXValue().intValue());
            assertEquals((start + 3) * perToken / 1024.0, last.getYValue().doubleValue(), 1e-12);
        }
        assertTrue(text(CacheRacePane.STATUS_ID).startsWith("3 tokens generated"), text(CacheRacePane.STATUS_ID));
        // Changing the GQA setting starts a new race.
        robot.clickOn("#" + GqaModelPane.KIND_PREFIX + "mqa");
        assertEquals(null, page.modelPane().race().snapshot());
    }

    @Test
    void theCalculatorListsTheLoadedModel() {
        @SuppressWarnings("unchecked")
        ComboBox<ModelChoice> models = robot.lookup("#" + GqaPage.MODEL_ID).queryAs(ComboBox.class);
        ModelChoice own = models.getItems().stream().filter(c -> c.name().equals(ModelChoice.BUNDLED_NAME + ": tiny-char"))
                .findFirst().orElseThrow();
        robot.interact(() -> models.setValue(own));
        assertEquals(2L * 2 * 4 * 4 * 2, page.model().summary().rows().get(0).perToken(ValueType.FP16));
        assertEquals(16, page.model().contextProperty().get());
        assertFalse(robot.lookup("#" + GqaPage.NEEDS_MODEL_ID).query().isVisible(), "no waiting note once loaded");
    }
}
