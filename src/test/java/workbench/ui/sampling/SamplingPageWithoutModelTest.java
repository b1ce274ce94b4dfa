package workbench.ui.sampling;

import javafx.scene.Node;
import javafx.scene.control.Button;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import workbench.ui.common.Theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplingPageWithoutModelTest {

    private final FxRobot robot = new FxRobot();
    private SamplingStage fx;

    @BeforeEach
    void open() throws Exception {
        fx = new SamplingStage(Theme.LIGHT).open(false, 1200, 800);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void saysItNeedsTheTrainedModelAndShowsNoNumbers() {
        Node needs = robot.lookup("#" + SamplingPage.NEEDS_MODEL_ID).query();
        assertTrue(needs.isVisible() && needs.getParent().isVisible());
        assertFalse(robot.lookup("#" + SamplingPage.BARS_ID).query().getParent().getParent().isVisible()
                && robot.lookup("#" + SamplingPage.PROMPT_ID).query().getParent().getParent().isVisible());
        assertNull(fx.page.bars().step());
        assertTrue(fx.page.table().isEmpty());
        assertTrue(robot.lookup("#" + SamplingPage.STEP_ID).queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#" + SamplingPage.RUN_ROLLOUTS_ID).queryAs(Button.class).isDisabled());
        // Settings still work, ready for the model.
        robot.interact(() -> fx.page.settings().apply("temperature", "0.7"));
        assertEquals(0.7, fx.page.viewModel().settings().temperature());
    }

    @Test
    void theModelCanBePluggedInLater() {
        robot.interact(() -> fx.page.setModel(fx.model()));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#" + SamplingPage.NEEDS_MODEL_ID).query().getParent().isVisible());
        assertEquals(fx.bigram.vocabSize(), fx.page.bars().step().vocabSize());
        assertFalse(robot.lookup("#" + SamplingPage.STEP_ID).queryAs(Button.class).isDisabled());
        robot.interact(() -> fx.page.setModel(null));
        assertNull(fx.page.bars().step());
        assertTrue(robot.lookup("#" + SamplingPage.NEEDS_MODEL_ID).query().getParent().isVisible());
    }
}
