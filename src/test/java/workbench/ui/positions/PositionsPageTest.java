package workbench.ui.positions;

import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.core.embedding.PositionalDemo;
import workbench.core.embedding.PositionalEncodings;
import workbench.core.embedding.Similarity;
import workbench.core.embedding.Vectors;
import workbench.core.tensor.Rng;
import workbench.core.trace.RopeTrace;
import workbench.ui.LabTestSupport;
import workbench.ui.common.CsvTable;
import workbench.ui.common.HeatmapCanvas;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionsPageTest {

    private final FxRobot robot = new FxRobot();
    private PositionsPage page;

    @BeforeEach
    void open() throws Exception {
        page = LabTestSupport.show(PositionsPage::new, LabTestSupport.lightTheme(), new LabTestSupport.RecordingNotifier());
    }

    @AfterEach
    void close() throws Exception {
        robot.interact(page::dispose);
        FxToolkit.cleanupStages();
    }

    @Test
    void opensWithTheSinusoidalTableOfTheFormula() {
        HeatmapCanvas encoding = robot.lookup("#" + PositionsPage.ENCODING_ID).queryAs(HeatmapCanvas.class);
        assertMatrix(PositionalEncodings.sinusoidal(64, 64, 10000), encoding.values());
        HeatmapCanvas similarity = robot.lookup("#" + PositionsPage.SIMILARITY_ID).queryAs(HeatmapCanvas.class);
        assertMatrix(Vectors.similarityMatrix(PositionalEncodings.sinusoidal(64, 64, 10000), Similarity.COSINE), similarity.values());
        assertEquals(4, page.wavesCanvas().series().size());
    }

    @Test
    void slidersRecomputeTheTablesAndWaves() {
        Slider d = robot.lookup("#" + PositionsPage.D_MODEL_ID).queryAs(Slider.class);
        Slider base = robot.lookup("#" + PositionsPage.BASE_ID).queryAs(Slider.class);
        robot.interact(() -> d.setValue(33));  // odd values round down to an even width
        robot.interact(() -> base.setValue(3));
        float[][] expected = PositionalEncodings.sinusoidal(64, 32, 1000);
        assertMatrix(expected, page.encodingCanvas().values());
        assertEquals("Base: 1,000", robot.lookup("#" + PositionsPage.BASE_LABEL_ID).queryAs(Label.class).getText());
        assertMatrix(Vectors.similarityMatrix(expected, Similarity.COSINE), page.similarityCanvas().values());
        TextField dims = robot.lookup("#" + PositionsPage.DIMS_ID).queryAs(TextField.class);
        assertEquals("0, 4, 8, 16", dims.getText(), "the default dimensions follow d_model");
        float[] wave = page.wavesCanvas().series().get(2).y();
        assertEquals(PositionalDemo.value(2.5, 8, 32, 1000), wave[20], 1e-6);  // 8 samples per position

        // The positions slider moved with the keyboard: one more position.
        Slider positions = robot.lookup("#" + PositionsPage.POSITIONS_ID).queryAs(Slider.class);
        robot.clickOn(positions.lookup(".thumb"));
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(65, page.sinusoidalTrace().positions());
        assertMatrix(PositionalEncodings.sinusoidal(65, 32, 1000), page.encodingCanvas().values());
    }

    @Test
    void badDimensionsAreNamedAndSkipped() {
        TextField dims = robot.lookup("#" + PositionsPage.DIMS_ID).queryAs(TextField.class);
        robot.interact(dims::clear);
        robot.clickOn(dims).write("3, x, 999");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, page.wavesCanvas().series().size());
        assertTrue(page.dimsProblemText().contains("x, 999"), page.dimsProblemText());
        assertTrue(page.wavesCanvas().series().get(0).name().startsWith("dim 3: cos"));
    }

    @Test
    void ropeSlidersMoveThePairAndTheScoreMatrixIsTheCoreOne() {
        robot.interact(() -> page.settings().apply("panel", "rope"));
        Slider m = robot.lookup("#" + PositionsPage.ROPE_M_ID).queryAs(Slider.class);
        Slider n = robot.lookup("#" + PositionsPage.ROPE_N_ID).queryAs(Slider.class);
        Slider pair = robot.lookup("#" + PositionsPage.ROPE_PAIR_ID).queryAs(Slider.class);
        robot.interact(() -> m.setValue(20));
        robot.interact(() -> n.setValue(5));
        robot.interact(() -> pair.setValue(2));
        Rng rng = new Rng(PositionsPage.DEFAULT_SEED);
        float[] q = rng.gaussian(1, 64, 1)[0];
        float[] k = rng.gaussian(1, 64, 1)[0];
        RopeTrace expected = PositionalDemo.rope(q, k, 64, 10000, 2, 20, 5);
        RopeTrace shown = page.ropeTrace();
        assertMatrix(expected.scores(), page.ropeScoresCanvas().values());
        assertArrayEquals(expected.rotatedQuery(), shown.rotatedQuery());
        assertEquals(15, shown.offset());
        assertTrue(page.ropeReadoutText().startsWith(String.format(java.util.Locale.ROOT,
                "q(m)·k(n) at m = 20, n = 5: %.4f (offset 15).", expected.score())), page.ropeReadoutText());
        assertEquals("Seed: 7", robot.lookup("#" + PositionsPage.ROPE_SEED_ID).queryAs(Label.class).getText());

        CsvTable scores = page.table();
        assertEquals("m \\ n", scores.header().get(0));
        assertEquals(65, scores.header().size());
        assertEquals(64, scores.rows().size());
        assertEquals(Float.toString(expected.scores()[20][5]), scores.rows().get(20).get(6));
    }

    @Test
    void csvOfTheSinusoidalTabIsTheEncodingTable() {
        CsvTable table = page.table();
        assertEquals(List.of("position", "dim 0", "dim 1"), table.header().subList(0, 3));
        assertEquals(64, table.rows().size());
        assertEquals(Float.toString(PositionalEncodings.sinusoidal(64, 64, 10000)[5][1]), table.rows().get(5).get(2));
    }

    private static void assertMatrix(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length, "rows");
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual[r], 1e-6f, "row " + r);
        }
    }
}
