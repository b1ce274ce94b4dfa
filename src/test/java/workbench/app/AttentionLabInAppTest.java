package workbench.app;

import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.ModelBundle;
import workbench.ui.attention.AttentionAnalysis;
import workbench.ui.attention.AttentionPage;
import workbench.ui.common.HeatmapCanvas;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attention lab inside the running app: the bundled model loads in the background, and typing
 * recomputes through the real task runner (off the JavaFX thread, newest keystroke wins).
 */
class AttentionLabInAppTest {

    private WorkbenchApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        app = (WorkbenchApp) FxToolkit.setupApplication(WorkbenchApp::new);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing());
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void showsTheBundledModelAndFollowsTyping() throws Exception {
        robot.interact(() -> app.window().show(AttentionPage.ID));
        AttentionPage page = (AttentionPage) app.window().currentPage();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> page.viewModel().analysis() != null);
        AttentionAnalysis first = page.viewModel().analysis();
        ModelBundle bundle = first.bundle();
        assertEquals("kjv-char", bundle.name());
        assertEquals(4, first.layers());

        TextField prompt = robot.lookup("#" + AttentionPage.PROMPT_ID).queryAs(TextField.class);
        robot.interact(() -> {
            prompt.requestFocus();
            prompt.end();
        });
        robot.write(" Amen");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> page.viewModel().analysis() != null && page.viewModel().analysis().length() == first.length() + 5);
        AttentionAnalysis typed = page.viewModel().analysis();
        assertTrue(prompt.getText().endsWith(" Amen"));
        float[][] expected = bundle.trace(typed.ids(), ForwardOptions.NONE.withMask(MaskKind.CAUSAL)).layers().get(0)
                .weights()[0];
        WaitForAsyncUtils.waitForFxEvents();
        HeatmapCanvas heatmap = robot.lookup("#" + AttentionPage.HEATMAP_ID).queryAs(HeatmapCanvas.class);
        float[][] shown = heatmap.values();
        assertEquals(expected.length, shown.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[i][j], shown[i][j], 1e-6, "(" + i + ", " + j + ")");
            }
        }
    }
}
