package workbench.ui.positions;

import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import workbench.core.embedding.Similarity;
import workbench.core.inspect.PositionProbe;
import workbench.core.model.ModelBundle;
import workbench.core.tensor.Arrays2D;
import workbench.core.trace.LearnedPositionsTrace;
import workbench.core.trace.PositionsOffTrace;
import workbench.ui.LabTestSupport;
import workbench.ui.common.CsvTable;
import workbench.ui.common.HeatmapCanvas;
import workbench.ui.common.ModelSession;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Positions lab's model tab on the bundled model: learned table and positions switched off. */
class PositionsModelPanelTest {

    private static ModelBundle bundle;
    private final FxRobot robot = new FxRobot();
    private final ModelSession session = new ModelSession();
    private final LabTestSupport.RecordingNotifier notifier = new LabTestSupport.RecordingNotifier();
    private PositionsPage page;

    @BeforeAll
    static void model() throws Exception {
        bundle = LabTestSupport.bundledModel();
    }

    @BeforeEach
    void open() throws Exception {
        page = LabTestSupport.show(PositionsPage::new, LabTestSupport.lightTheme(), notifier, session);
    }

    @AfterEach
    void close() throws Exception {
        robot.interact(page::dispose);
        FxToolkit.cleanupStages();
    }

    @Test
    void showsTheLearnedTableBesideTheSinusoidalOne() {
        robot.clickOn("Learned / positions off");
        HeatmapCanvas table = robot.lookup("#" + PositionsPage.LEARNED_TABLE_ID).queryAs(HeatmapCanvas.class);
        assertEquals(0, table.values().length, "nothing to draw while the model loads");
        assertEquals("Loading the trained model…", page.modelPanel().withPositions.emptyMessage());
        robot.interact(() -> session.set(bundle));
        float[][] posEmb = Arrays2D.toFloat2D(bundle.model().parameters().get("pos_emb"));
        assertEquals(64, table.values().length);
        assertArrayEquals(posEmb[17], table.values()[17]);
        LearnedPositionsTrace expected = PositionProbe.learned(bundle, Similarity.COSINE).orElseThrow();
        HeatmapCanvas learned = robot.lookup("#" + PositionsPage.LEARNED_SIMILARITY_ID).queryAs(HeatmapCanvas.class);
        HeatmapCanvas sinusoidal = robot.lookup("#" + PositionsPage.LEARNED_SINUSOIDAL_ID).queryAs(HeatmapCanvas.class);
        assertArrayEquals(expected.similarity()[3], learned.values()[3]);
        assertArrayEquals(expected.sinusoidalSimilarity()[40], sinusoidal.values()[40]);

        @SuppressWarnings("unchecked")
        ChoiceBox<Similarity> measure = robot.lookup("#" + PositionsPage.MEASURE_ID).queryAs(ChoiceBox.class);
        robot.interact(() -> measure.setValue(Similarity.DOT));
        LearnedPositionsTrace dots = PositionProbe.learned(bundle, Similarity.DOT).orElseThrow();
        assertArrayEquals(dots.similarity()[9], learned.values()[9]);
        assertArrayEquals(dots.sinusoidalSimilarity()[9], sinusoidal.values()[9]);
    }

    @Test
    void predictsWithAndWithoutPositionsAsTheEngineDoes() {
        robot.interact(() -> session.set(bundle));
        robot.interact(() -> page.settings().apply("panel", "model"));
        String prompt = ModelPositionsPanel.PRESETS.get(0);
        PositionsOffTrace expected = PositionProbe.positionsOff(bundle, prompt);
        assertBarsShow(expected);
        String summary = robot.lookup("#" + PositionsPage.OFF_SUMMARY_ID).queryAs(Label.class).getText();
        assertTrue(summary.contains(String.format(java.util.Locale.ROOT, "%.3f", expected.totalVariation())), summary);
        assertTrue(summary.contains("'h' (" + PredictionBarsCanvas.percent(expected.top(true, 1).get(0).probability())), summary);
        assertTrue(expected.totalVariation() > 0.5, "the preset prompt should depend on word order");

        // The learner's own prompt, typed into the box.
        @SuppressWarnings("unchecked")
        ComboBox<String> box = robot.lookup("#" + PositionsPage.OFF_PROMPT_ID).queryAs(ComboBox.class);
        robot.interact(() -> box.getEditor().clear());
        robot.clickOn(box.getEditor()).write("the LORD thy G");
        assertBarsShow(PositionProbe.positionsOff(bundle, "the LORD thy G"));
        CsvTable csv = page.table();
        assertEquals(62, csv.rows().size());
        assertEquals("probability with positions off", csv.header().get(3));

        robot.interact(() -> page.settings().apply("prompt", "Zoë"));
        assertNull(page.modelPanel().offTrace());
        summary = robot.lookup("#" + PositionsPage.OFF_SUMMARY_ID).queryAs(Label.class).getText();
        assertTrue(summary.contains("'ë'"), summary);
        robot.interact(() -> page.settings().apply("prompt", ""));
        assertTrue(page.modelPanel().summary.getText().startsWith("Type a prompt"));
        assertTrue(notifier.messages.isEmpty(), notifier.messages.toString());
    }

    private void assertBarsShow(PositionsOffTrace expected) {
        PredictionBarsCanvas with = robot.lookup("#" + PositionsPage.OFF_WITH_ID).queryAs(PredictionBarsCanvas.class);
        PredictionBarsCanvas without = robot.lookup("#" + PositionsPage.OFF_WITHOUT_ID).queryAs(PredictionBarsCanvas.class);
        List<PositionsOffTrace.TokenProbability> on = expected.top(true, ModelPositionsPanel.BARS);
        List<PositionsOffTrace.TokenProbability> off = expected.top(false, ModelPositionsPanel.BARS);
        assertEquals(on, with.bars());
        assertEquals(off, without.bars());
        assertArrayEquals(expected.withPositions(), page.modelPanel().offTrace().withPositions());
        assertArrayEquals(expected.withoutPositions(), page.modelPanel().offTrace().withoutPositions());
    }
}
