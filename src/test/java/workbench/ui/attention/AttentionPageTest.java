package workbench.ui.attention;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.LayerTrace;
import workbench.ui.common.CsvTable;
import workbench.ui.common.HeatmapCanvas;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workbench.ui.attention.AttentionLabHarness.assertMatrix;

/** The attention lab against the engine: what the heatmaps, grid, lines and mask views show is the trace. */
class AttentionPageTest {

    private static final String PROMPT = "In the beginning God created the heaven and the earth.";

    private AttentionLabHarness lab;

    @BeforeEach
    void open() throws Exception {
        lab = new AttentionLabHarness(AttentionFixtures.bundle());
    }

    @AfterEach
    void close() throws Exception {
        lab.cleanup();
    }

    @Test
    void saysItIsLoadingUntilTheModelArrivesThenComputes() {
        Node loading = lab.lookup(AttentionPage.LOADING_ID, Node.class);
        assertTrue(loading.isVisible());
        assertFalse(lab.lookup(AttentionPage.TABS_ID, Node.class).getParent().isVisible());
        assertNull(lab.analysis());
        lab.loadModel();
        assertFalse(loading.isVisible());
        assertNotNull(lab.analysis());
        assertEquals(lab.context.models().promptProperty().get().length(), lab.analysis().length(),
                "character model: one token per character of the shared prompt");
    }

    @Test
    void heatmapShowsTheChosenHeadOfTheEnginesTrace() {
        lab.loadModel();
        lab.apply("prompt", PROMPT);
        lab.robot.clickOn("#" + AttentionPage.LAYER_ID + "-1");
        lab.robot.clickOn("#" + AttentionPage.HEAD_ID + "-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, lab.vm().layerProperty().get());
        assertEquals(2, lab.vm().headProperty().get());

        HeatmapCanvas heatmap = lab.lookup(AttentionPage.HEATMAP_ID, HeatmapCanvas.class);
        LayerTrace expected = lab.engineCausal().layers().get(1);
        float[][] shown = heatmap.values();
        assertMatrix(expected.weights()[2], shown, 1e-6, "layer 1 head 2 weights");
        int t = PROMPT.length();
        for (int i = 0; i < t; i++) {
            double sum = 0;
            for (int j = 0; j < t; j++) {
                sum += shown[i][j];
                if (j > i) {
                    assertEquals(0f, shown[i][j], "a causal model gives no weight to later tokens");
                }
            }
            assertEquals(1, sum, 1e-5, "softmax row " + i + " sums to 1");
        }
        assertEquals("I", heatmap.rowLabels().get(0));
        assertEquals("␣", heatmap.rowLabels().get(2), "spaces are visible in the labels");
        assertEquals(heatmap.rowLabels(), heatmap.columnLabels());

        CsvTable csv = lab.page.table();
        assertEquals(t + 1, csv.header().size());
        assertEquals("␣", csv.header().get(3));
        assertEquals(Float.toString(expected.weights()[2][5][3]), csv.rows().get(5).get(4));
    }

    @Test
    void hoveringACellReadsOutItsValue() {
        lab.loadModel();
        lab.apply("prompt", PROMPT);
        HeatmapCanvas heatmap = lab.lookup(AttentionPage.HEATMAP_ID, HeatmapCanvas.class);
        double[] centre = heatmap.cellCenter(7, 3);
        Point2D screen = heatmap.localToScreen(centre[0], centre[1]);
        lab.robot.moveTo(screen);
        WaitForAsyncUtils.waitForFxEvents();
        float value = lab.engineCausal().layers().get(0).weights()[0][7][3];
        assertTrue(heatmap.readout().endsWith(String.format(Locale.ROOT, "%.4f", value)), heatmap.readout());
        double[] masked = heatmap.cellCenter(3, 7);
        lab.robot.moveTo(heatmap.localToScreen(masked[0], masked[1]));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(heatmap.readout().endsWith("masked"), heatmap.readout());
    }

    @Test
    void clickingAMapInTheGridOpensItsHead() {
        lab.loadModel();
        lab.apply("prompt", PROMPT);
        lab.robot.clickOn("All heads");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(AttentionViewModel.View.GRID, lab.vm().viewProperty().get());
        HeadGridCanvas grid = lab.lookup(AttentionPage.GRID_ID, HeadGridCanvas.class);
        double[] centre = grid.cellCenter(1, 3);
        lab.robot.clickOn(grid.localToScreen(centre[0], centre[1]));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, lab.vm().layerProperty().get());
        assertEquals(3, lab.vm().headProperty().get());
        assertEquals(AttentionViewModel.View.HEATMAP, lab.vm().viewProperty().get(), "a click opens the head");
        assertMatrix(lab.engineCausal().layers().get(1).weights()[3],
                lab.lookup(AttentionPage.HEATMAP_ID, HeatmapCanvas.class).values(), 1e-6, "opened head");
        assertEquals(lab.analysis().statistics(1, 3), lab.page.headsPane().table().getSelectionModel().getSelectedItem());
    }

    @Test
    void hoveringATokenInTheLinesViewKeepsOnlyItsLines() {
        lab.loadModel();
        lab.apply("prompt", PROMPT);
        lab.apply("view", "lines");
        lab.apply("head", "1");
        AttentionLinesCanvas lines = lab.lookup(AttentionPage.LINES_ID, AttentionLinesCanvas.class);
        float[][] weights = lab.engineCausal().layers().get(0).weights()[1];
        List<AttentionLinesCanvas.Line> all = lines.drawnLines();
        assertFalse(all.isEmpty());
        for (AttentionLinesCanvas.Line line : all) {
            assertEquals(1, line.head());
            assertEquals(weights[line.query()][line.key()], line.weight(), 1e-6f);
            assertTrue(line.key() <= line.query(), "no line to a later token under the causal mask");
        }
        double[] token = lines.tokenCenter(AttentionLinesCanvas.Side.QUERY, 9);
        lab.robot.moveTo(lines.localToScreen(token[0], token[1]));
        WaitForAsyncUtils.waitForFxEvents();
        List<AttentionLinesCanvas.Line> isolated = lines.drawnLines();
        assertFalse(isolated.isEmpty());
        assertTrue(isolated.stream().allMatch(l -> l.query() == 9), "only token 9's lines");
        assertEquals(all.stream().filter(l -> l.query() == 9).count(), isolated.size());

        lab.robot.clickOn(lines.localToScreen(token[0], token[1]));
        assertEquals(9, lab.vm().queryProperty().get(), "clicking a query token chooses it");

        lab.robot.clickOn("#" + AttentionPage.LINES_ALL_ID);
        lab.robot.moveTo(lab.lookup(AttentionPage.PROMPT_ID, Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(0, 1, 2, 3), lab.page.linesPane().shownHeads());
        assertEquals(4, lines.drawnLines().stream().map(AttentionLinesCanvas.Line::head).distinct().count(),
                "all heads overlaid");
    }

    @Test
    void causalAndBidirectionalSideBySide() {
        lab.loadModel();
        lab.apply("prompt", PROMPT);
        lab.apply("layer", "1");
        lab.apply("view", "compare");
        HeatmapCanvas causal = lab.lookup(AttentionPage.COMPARE_CAUSAL_ID, HeatmapCanvas.class);
        HeatmapCanvas bidirectional = lab.lookup(AttentionPage.COMPARE_BIDIRECTIONAL_ID, HeatmapCanvas.class);
        assertMatrix(lab.engineCausal().layers().get(1).weights()[0], causal.values(), 1e-6, "causal");
        ForwardTrace open = lab.engine(ForwardOptions.NONE.withMask(MaskKind.BIDIRECTIONAL));
        float[][] both = bidirectional.values();
        assertMatrix(open.layers().get(1).weights()[0], both, 1e-6, "bidirectional");
        assertTrue(both[0][PROMPT.length() - 1] > 0, "the first token sees the last one");
        assertTrue(lab.lookup(AttentionPage.COMPARE_CAPTION_ID, Label.class).getText().contains("trained causal"));
    }

    @Test
    void theMaskSettingRunsTheWholeLabBidirectional() {
        lab.loadModel();
        lab.apply("prompt", PROMPT);
        lab.robot.clickOn("#" + AttentionPage.MASK_ID + "-bidirectional");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(MaskKind.BIDIRECTIONAL, lab.analysis().mask());
        assertMatrix(lab.engine(ForwardOptions.NONE.withMask(MaskKind.BIDIRECTIONAL)).layers().get(0).weights()[0],
                lab.lookup(AttentionPage.HEATMAP_ID, HeatmapCanvas.class).values(), 1e-6, "bidirectional heatmap");
        assertTrue(lab.lookup(AttentionPage.BANNER_ID, Label.class).getText().contains("Bidirectional"));
    }

    @Test
    void anUnknownCharacterIsNamedAndTheLastGoodViewStays() {
        lab.loadModel();
        lab.apply("prompt", PROMPT);
        AttentionAnalysis good = lab.analysis();
        lab.robot.clickOn("#" + AttentionPage.PROMPT_ID).write("é");
        WaitForAsyncUtils.waitForFxEvents();
        Label problem = lab.lookup(AttentionPage.PROBLEM_ID, Label.class);
        assertTrue(problem.isVisible());
        assertTrue(problem.getText().contains("U+00E9"), problem.getText());
        assertSame(good, lab.analysis(), "the view keeps the last prompt it could read");
        lab.apply("prompt", "");
        assertTrue(problem.getText().startsWith("Type a prompt"), problem.getText());
        lab.apply("prompt", "Amen.");
        assertEquals("", problem.getText());
        assertEquals(5, lab.analysis().length());
    }

    @Test
    void aLongPromptIsCutFromTheLeftAndSaysSo() {
        lab.loadModel();
        String text = "And the earth was without form, and void; and darkness was upon the face of the deep.";
        lab.apply("prompt", text);
        assertEquals(64, lab.analysis().length());
        assertEquals(text.length() - 64, lab.analysis().dropped());
        Label note = lab.lookup(AttentionPage.NOTE_ID, Label.class);
        assertTrue(note.getText().contains("the first " + (text.length() - 64) + " tokens were cut"), note.getText());
        assertEquals(64, lab.lookup(AttentionPage.HEATMAP_ID, HeatmapCanvas.class).values().length);
    }

    @Test
    void settingsCheckTheirValues() {
        lab.loadModel();
        assertEquals(List.of("prompt", "layer", "head", "view", "step", "query", "mask", "disabled-head",
                "masked-token", "overlay"), List.copyOf(lab.page.settings().keys()));
        IllegalArgumentException layer = assertThrows(IllegalArgumentException.class,
                () -> lab.page.settings().apply("layer", "2"));
        assertTrue(layer.getMessage().contains("between 0 and 1"), layer.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lab.page.settings().apply("view", "pie"));
        assertThrows(IllegalArgumentException.class, () -> lab.page.settings().apply("disabled-head", "1.9"));
        assertThrows(IllegalArgumentException.class, () -> lab.page.settings().apply("disabled-head", "one"));
        assertThrows(IllegalArgumentException.class, () -> lab.page.settings().apply("query", "64"));
        lab.apply("disabled-head", "L1H2, 0.3");
        assertEquals(2, lab.vm().disabledHeads().size());
        lab.apply("disabled-head", "none");
        assertTrue(lab.vm().disabledHeads().isEmpty());
        lab.apply("query", "last");
        assertEquals(-1, lab.vm().queryProperty().get());
    }

    @Test
    void anotherModelIsPickedUpAndTheChoiceKeptInRange() {
        lab.loadModel();
        lab.apply("layer", "1");
        lab.apply("head", "3");
        var bigger = AttentionFixtures.nanoGptShape();
        lab.robot.interact(() -> lab.context.models().set(bigger));
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(bigger, lab.analysis().bundle());
        assertEquals(4, lab.analysis().layers());
        assertEquals(4, lab.lookup(AttentionPage.LAYER_ID, javafx.scene.layout.Pane.class).getChildren().size());
        lab.apply("layer", "3");
        assertMatrix(bigger.trace(lab.analysis().ids(), ForwardOptions.NONE.withMask(MaskKind.CAUSAL)).layers().get(3)
                .weights()[3], lab.lookup(AttentionPage.HEATMAP_ID, HeatmapCanvas.class).values(), 1e-6, "new model");
    }
}
