package workbench.ui.attention;

import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import workbench.core.model.ForwardOptions;
import workbench.core.model.ForwardOptions.HeadRef;
import workbench.core.model.MaskKind;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.LayerTrace;
import workbench.ui.common.HeatmapCanvas;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workbench.ui.attention.AttentionLabHarness.assertMatrix;

/** TestFX walks one attention computation with Next/Back and switches heads and tokens off. */
class AttentionStepsAndInterventionTest {

    private static final String PROMPT = "And God saw the light, that it was good.";

    private AttentionLabHarness lab;

    @BeforeEach
    void open() throws Exception {
        lab = new AttentionLabHarness(AttentionFixtures.bundle());
        lab.loadModel();
        lab.apply("prompt", PROMPT);
    }

    @AfterEach
    void close() throws Exception {
        lab.cleanup();
    }

    @Test
    void nextAndBackWalkTheStepsWithTheTracesNumbers() {
        lab.apply("layer", "1");
        lab.apply("head", "2");
        lab.apply("query", "12");
        lab.robot.clickOn("Step by step");
        WaitForAsyncUtils.waitForFxEvents();
        Label title = lab.lookup(AttentionPage.STEP_TITLE_ID, Label.class);
        Button back = lab.lookup(AttentionPage.STEP_BACK_ID, Button.class);
        Button next = lab.lookup(AttentionPage.STEP_NEXT_ID, Button.class);
        assertTrue(title.getText().startsWith("Step 1 of 12"), title.getText());
        assertTrue(back.isDisabled());

        LayerTrace layer = lab.engineCausal().layers().get(1);
        StepsPane steps = lab.page.stepsPane();
        HeatmapCanvas first = steps.matrices().get(0);
        assertArrayEquals(layer.queries()[2][12], first.values()[0], 1e-6f, "step 1 shows q of token 12");

        for (int step = 2; step <= StepKind.count(); step++) {
            lab.robot.clickOn(next);
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(title.getText().startsWith("Step " + step + " of 12"), title.getText());
            check(StepKind.number(step), steps, layer);
        }
        assertTrue(next.isDisabled(), "the last step has no next");
        lab.robot.clickOn(back);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(StepKind.count() - 1, lab.vm().stepProperty().get());
        assertTrue(title.getText().contains(StepKind.CONCAT.title()));
    }

    private void check(StepKind kind, StepsPane steps, LayerTrace layer) {
        List<HeatmapCanvas> m = steps.matrices();
        List<StepsPane.KeyRow> rows = steps.table().getItems();
        switch (kind) {
            case KEYS -> assertMatrix(layer.keys()[2], m.get(1).values(), 1e-6, "keys");
            case DOTS -> {
                assertEquals(PROMPT.length(), rows.size());
                for (StepsPane.KeyRow row : rows) {
                    assertEquals(layer.scores()[2][12][row.position()] * Math.sqrt(16), row.dot(), 1e-4,
                            "dot = score x sqrt(hs)");
                }
            }
            case SCALE -> {
                rows.forEach(r -> assertEquals(layer.scores()[2][12][r.position()], r.score(), 1e-5));
                assertMatrix(layer.scores()[2], m.get(1).values(), 1e-5, "every query's scores");
            }
            case MASK -> rows.forEach(r -> assertEquals(r.position() <= 12, r.allowed(), "causal mask"));
            case WEIGHTS -> {
                double sum = 0;
                for (StepsPane.KeyRow r : rows) {
                    assertEquals(layer.weights()[2][12][r.position()], r.weight(), 0f, "the trace's weight");
                    assertEquals(r.exp() / steps.walk().rowSum(), r.weight(), 1e-6, "exp / sum");
                    if (!r.allowed()) {
                        assertEquals(0f, r.weight(), "masked entries are 0");
                        assertEquals(Float.NEGATIVE_INFINITY, r.shifted());
                    }
                    sum += r.weight();
                }
                assertEquals(1, sum, 1e-5, "the softmax row sums to 1");
                assertArrayEquals(layer.weights()[2][12], m.get(0).values()[0], 0f, "the row strip");
                assertMatrix(layer.weights()[2], m.get(1).values(), 0, "the whole head: the heatmap");
                assertTrue(steps.table().getColumns().get(7).isVisible(), "the weight column is shown");
            }
            case VALUES -> {
                assertMatrix(layer.values()[2], m.get(1).values(), 1e-6, "values");
                assertArrayEquals(layer.headOutputs()[2][12], m.get(2).values()[0], 1e-5f, "head output");
            }
            case CONCAT -> {
                for (int h = 0; h < 4; h++) {
                    assertArrayEquals(layer.headOutputs()[h][12], m.get(0).values()[h], 1e-6f, "head " + h);
                }
                assertFalse(steps.table().getParent().isVisible(), "no key table here");
            }
            case PROJECT -> assertArrayEquals(layer.attentionOutput()[12], m.get(2).values()[0], 1e-6f,
                    "attention output of token 12");
            default -> {
            }
        }
    }

    @Test
    void switchingAHeadOffChangesTheChartExactlyAsTheEngineComputes() {
        lab.robot.clickOn("Switch off");
        WaitForAsyncUtils.waitForFxEvents();
        lab.robot.clickOn("#" + AttentionPage.HEAD_SWITCH_ID + "-1-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of(new HeadRef(1, 2)), lab.vm().disabledHeads());

        ForwardOptions off = ForwardOptions.NONE.withMask(MaskKind.CAUSAL).withDisabledHeads(Set.of(new HeadRef(1, 2)));
        float[] after = lab.engine(off).nextTokenProbabilities();
        float[] before = lab.engineCausal().nextTokenProbabilities();
        BarChart<String, Number> chart = lab.page.interventionPane().chart();
        List<XYChart.Data<String, Number>> beforeBars = chart.getData().get(0).getData();
        List<XYChart.Data<String, Number>> afterBars = chart.getData().get(1).getData();
        assertEquals(beforeBars.size(), afterBars.size());
        assertTrue(beforeBars.size() >= AttentionAnalysis.TOP_TOKENS);
        boolean changed = false;
        for (int k = 0; k < beforeBars.size(); k++) {
            int token = lab.page.interventionPane().shownEffect().tokens().get(k).token();
            assertEquals("‘" + TokenLabels.visible(lab.bundle.tokenizer().tokenText(token)) + "’", beforeBars.get(k).getXValue());
            assertEquals(before[token], beforeBars.get(k).getYValue().floatValue(), 1e-6f, "before = engine without intervention");
            assertEquals(after[token], afterBars.get(k).getYValue().floatValue(), 1e-6f, "after = engine with the head off");
            changed |= Math.abs(before[token] - after[token]) > 1e-7;
        }
        assertTrue(changed, "switching a head off changes the prediction");
        float[][] logits = lab.engine(off).logits();
        assertArrayEquals(logits[logits.length - 1], lab.analysis().trace().logits()[logits.length - 1], 1e-5f,
                "the lab's logits are the engine's with the same options");
        assertTrue(lab.lookup(AttentionPage.BANNER_ID, Label.class).getText().contains("L1 H2"));
        assertTrue(lab.lookup(AttentionPage.INTERVENTION_SUMMARY_ID, Label.class).getText().contains("moved"));

        lab.robot.clickOn("#" + AttentionPage.HEAD_SWITCH_ID + "-1-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lab.vm().disabledHeads().isEmpty(), "a second click switches it back on");
    }

    @Test
    void hidingATokenMasksItsColumnInEveryHead() {
        lab.robot.clickOn("Switch off");
        WaitForAsyncUtils.waitForFxEvents();
        lab.robot.clickOn("#" + AttentionPage.TOKEN_SWITCH_ID + "-4");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of(4), lab.vm().maskedKeys());
        ForwardTrace expected = lab.engine(ForwardOptions.NONE.withMask(MaskKind.CAUSAL).withMaskedKeys(Set.of(4)));
        for (int l = 0; l < 2; l++) {
            LayerTrace layer = lab.analysis().layer(l);
            for (int h = 0; h < 4; h++) {
                assertMatrix(expected.layers().get(l).weights()[h], layer.weights()[h], 1e-6, "L" + l + " H" + h);
                for (float[] row : layer.weights()[h]) {
                    assertEquals(0f, row[4], "no query looks at the hidden token");
                }
            }
        }
        lab.apply("view", "heatmap");
        HeatmapCanvas heatmap = lab.lookup(AttentionPage.HEATMAP_ID, HeatmapCanvas.class);
        assertEquals(0f, heatmap.values()[10][4]);
        lab.robot.clickOn("Switch off");
        lab.robot.clickOn("#" + AttentionPage.CLEAR_INTERVENTIONS_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lab.vm().maskedKeys().isEmpty());
        assertEquals(0, lab.analysis().effect().totalVariation(), 0);
    }
}
