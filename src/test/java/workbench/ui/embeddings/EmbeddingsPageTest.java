package workbench.ui.embeddings;

import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.core.embedding.EmbeddingProjection;
import workbench.core.embedding.Vectors;
import workbench.core.inspect.ModelEmbeddings;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.ModelBundle;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.ui.LabTestSupport;
import workbench.ui.common.CsvTable;
import workbench.ui.common.ModelSession;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the Embeddings lab on the bundled model and checks every number shown against core's. */
class EmbeddingsPageTest {

    private static ModelBundle bundle;
    private static EmbeddingProjection table;
    private final FxRobot robot = new FxRobot();
    private final ModelSession session = new ModelSession();
    private final LabTestSupport.RecordingNotifier notifier = new LabTestSupport.RecordingNotifier();
    private EmbeddingsPage page;

    @BeforeAll
    static void model() throws Exception {
        bundle = LabTestSupport.bundledModel();
        table = ModelEmbeddings.projectTable(bundle);
    }

    @BeforeEach
    void open() throws Exception {
        page = LabTestSupport.show(EmbeddingsPage::new, LabTestSupport.lightTheme(), notifier, session);
    }

    @AfterEach
    void close() throws Exception {
        robot.interact(page::dispose);
        FxToolkit.cleanupStages();
    }

    private void loadModel() {
        robot.interact(() -> session.set(bundle));
    }

    @Test
    void waitsForTheModelThenShowsTheTableWithCoresNeighbours() {
        assertNull(page.current());
        assertTrue(page.scatter().emptyMessage().startsWith("Loading the trained model"), page.scatter().emptyMessage());
        loadModel();
        EmbeddingProjection shown = page.current();
        assertEquals(62, shown.size());
        assertArrayEquals(table.coordinates()[0][10], shown.coordinates()[0][10]);
        int e = table.labels().indexOf("e");
        int a = table.labels().indexOf("a");
        assertEquals(e, page.selectedIndex());
        assertEquals(a, page.compareIndex());
        assertNeighboursShown(table, 0, e, 8);
        assertPairShown(table, 0, e, a);
        assertTrue(page.statusText().contains("62 tokens × 128 dimensions"), page.statusText());
        assertTrue(notifier.messages.isEmpty(), notifier.messages.toString());
    }

    @Test
    void clickingPointsPicksTheTokenAndTheOneToCompare() {
        loadModel();
        int first = isolatedPoint(-1);
        int second = isolatedPoint(first);
        robot.clickOn(onScreen(first));
        assertEquals(first, page.selectedIndex());
        assertNeighboursShown(table, 0, first, 8);
        robot.press(KeyCode.SHIFT).clickOn(onScreen(second)).release(KeyCode.SHIFT);
        assertEquals(second, page.compareIndex());
        assertPairShown(table, 0, first, second);
        assertEquals("'" + EmbeddingsPage.visible(table.labels().get(first)) + "'",
                page.tokenBox.getConverter().toString(page.tokenBox.getValue()));
    }

    @Test
    void choosingALayerShowsThatStageOfThePromptsResidualStream() {
        loadModel();
        robot.clickOn(page.layerBox);
        robot.clickOn("Prompt: after layer 2 of 4");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, page.stage());
        int[] ids = bundle.encode(ModelSession.DEFAULT_PROMPT).ids();
        EmbeddingProjection expected = ModelEmbeddings.projectResidualStream(bundle, ids);
        EmbeddingProjection shown = page.current();
        assertEquals(5, shown.stageCount());
        assertEquals(ids.length, shown.size());
        for (int st = 0; st < 5; st++) {
            assertArrayEquals(expected.coordinates()[st][7], shown.coordinates()[st][7], 1e-5f);
        }
        // The picked vocabulary token 'e' becomes its first position in the prompt.
        int firstE = ModelSession.DEFAULT_PROMPT.indexOf('e');
        assertEquals(firstE, page.selectedIndex());
        assertNeighboursShown(expected, 2, firstE, 8);
        assertTrue(page.statusText().contains("after layer 2"), page.statusText());
        assertEquals("'e' at " + firstE, page.tokenBox.getConverter().toString(page.tokenBox.getValue()));

        robot.interact(() -> page.settings().apply("layer", "4"));
        assertNeighboursShown(expected, 4, firstE, 8);
        robot.interact(() -> page.settings().apply("compare", "#3"));
        assertPairShown(expected, 4, firstE, 3);
        CsvTable csv = page.table();
        assertEquals(5 * ids.length, csv.rows().size());
        assertEquals("after layer 1", csv.rows().get(ids.length).get(0));
        assertEquals(String.format(java.util.Locale.ROOT, "%.6f", expected.coordinates()[1][0][1]),
                csv.rows().get(ids.length).get(5));
    }

    @Test
    void threeDimensionsTurnWhenDragged() {
        loadModel();
        int point = isolatedPoint(-1);
        double[] flat = page.scatter().screenPosition(point);
        robot.clickOn("#" + EmbeddingsPage.DIMENSIONS_3D_ID);
        assertTrue(robot.lookup("#" + EmbeddingsPage.DIMENSIONS_3D_ID).queryAs(RadioButton.class).isSelected());
        double[] turned = page.scatter().screenPosition(point);
        assertNotEquals(flat[0], turned[0], 1e-6, "the 3D view shows PC3 turned into the picture");
        double yaw = page.scatter().yaw();
        Point2D centre = page.scatter().localToScreen(40, 40);
        robot.drag(centre, MouseButton.PRIMARY).moveBy(40, 0).drop();
        assertEquals(yaw + 20, page.scatter().yaw(), 1.0, "half a degree per pixel");
        assertNotEquals(turned[0], page.scatter().screenPosition(point)[0], 1e-6);
        assertEquals(table.labels().indexOf("e"), page.selectedIndex(), "a drag picks nothing");
        robot.interact(() -> page.settings().apply("dimensions", "2"));
        assertArrayEquals(flat, page.scatter().screenPosition(point), 1e-9);
    }

    @Test
    void thePromptIsSharedAndBadPromptsAreExplained() {
        loadModel();
        robot.interact(() -> page.settings().apply("layer", "0"));
        TextArea prompt = robot.lookup("#" + EmbeddingsPage.PROMPT_ID).queryAs(TextArea.class);
        robot.interact(() -> prompt.setText("Jesus wept."));
        assertEquals("Jesus wept.", session.promptProperty().get(), "the prompt is the one the other labs read");
        assertEquals(11, page.current().size());
        robot.interact(() -> prompt.setText("café"));
        assertNull(page.current());
        Label status = robot.lookup("#" + EmbeddingsPage.PROMPT_STATUS_ID).queryAs(Label.class);
        assertTrue(status.getText().contains("'é'"), status.getText());
        robot.interact(() -> prompt.setText(""));
        assertTrue(status.getText().startsWith("Type a prompt"), status.getText());
        String longText = "And the earth was without form, and void; and darkness was upon the face of the deep.";
        robot.interact(() -> prompt.setText(longText));
        assertEquals(64, page.current().size());
        assertTrue(status.getText().contains("the first " + (longText.length() - 64) + " were dropped"), status.getText());
        assertTrue(notifier.messages.isEmpty(), notifier.messages.toString());
    }

    @Test
    void settingsPickTokensByNameAndANewModelIsProjectedAgain() {
        loadModel();
        robot.interact(() -> {
            page.settings().apply("token", "space");
            page.settings().apply("compare", "newline");
            page.settings().apply("neighbours", "3");
        });
        int space = table.labels().indexOf(" ");
        int newline = table.labels().indexOf("\n");
        assertEquals(space, page.selectedIndex());
        assertEquals(newline, page.compareIndex());
        assertNeighboursShown(table, 0, space, 3);
        assertPairShown(table, 0, space, newline);

        robot.interact(() -> page.settings().apply("layer", "4"));
        TransformerConfig small = new TransformerConfig(bundle.tokenizer().vocabSize(), 64, 16, 2, 2, 2, 32,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 3);
        ModelBundle other = new ModelBundle("small", new MiniTransformer(small), bundle.tokenizer(), Optional.empty());
        robot.interact(() -> session.set(other));
        assertEquals(2, page.stage(), "the layer is cut to the new model's depth");
        assertEquals(3, page.current().stageCount());
        EmbeddingProjection expected = ModelEmbeddings.projectResidualStream(other,
                other.encode(ModelSession.DEFAULT_PROMPT).ids());
        assertArrayEquals(expected.coordinates()[2][5], page.current().coordinates()[2][5], 1e-5f);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void assertNeighboursShown(EmbeddingProjection p, int stage, int index, int k) {
        List<Vectors.Neighbour> expected = p.neighbours(stage, index, k);
        List<NeighbourPanel.Row> rows = page.side().table.getItems();
        assertEquals(expected.size(), rows.size());
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(expected.get(r).index(), rows.get(r).index());
            assertEquals(EmbeddingsPage.describe(p, expected.get(r).index()), rows.get(r).token());
            assertEquals(NeighbourPanel.format(expected.get(r).similarity()), NeighbourPanel.format(rows.get(r).cosine()));
        }
    }

    private void assertPairShown(EmbeddingProjection p, int stage, int a, int b) {
        EmbeddingProjection.PairSimilarity pair = p.compare(stage, a, b);
        assertEquals(NeighbourPanel.format(pair.dot()), text(EmbeddingsPage.PAIR_DOT_ID));
        assertEquals(NeighbourPanel.format(pair.cosine()), text(EmbeddingsPage.PAIR_COSINE_ID));
        assertEquals(NeighbourPanel.format(pair.firstNorm()) + ", " + NeighbourPanel.format(pair.secondNorm()),
                text(EmbeddingsPage.PAIR_NORMS_ID));
    }

    private String text(String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    /** The point (other than {@code except}) farthest on screen from every other point, so a click hits it alone. */
    private int isolatedPoint(int except) {
        int n = page.current().size();
        int best = -1;
        double bestGap = -1;
        for (int i = 0; i < n; i++) {
            if (i == except) {
                continue;
            }
            double[] p = page.scatter().screenPosition(i);
            double gap = Double.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    double[] q = page.scatter().screenPosition(j);
                    gap = Math.min(gap, Math.hypot(p[0] - q[0], p[1] - q[1]));
                }
            }
            if (gap > bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        return best;
    }

    private Point2D onScreen(int index) {
        double[] p = page.scatter().screenPosition(index);
        return page.scatter().localToScreen(p[0], p[1]);
    }
}
