package workbench.lesson.player;

import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.app.AppDirectories;
import workbench.app.MainWindow;
import workbench.app.WorkbenchApp;
import workbench.lesson.Lesson;
import workbench.lesson.ProgressStore;
import workbench.ui.common.Theme;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A class demo driven by a clicker: one lesson walked end to end in presenter mode, by keys only. */
class PresenterModeTest {

    private WorkbenchApp app;
    private Stage stage;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        Files.deleteIfExists(AppDirectories.config().resolve(ProgressStore.FILE_NAME));
        stage = FxToolkit.registerPrimaryStage();
        app = (WorkbenchApp) FxToolkit.setupApplication(WorkbenchApp::new);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    private void key(KeyCode code) {
        robot.type(code);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void walksTheMemoryLessonEndToEndByKeys() {
        LessonPlayer player = app.lessons();
        Lesson lesson = player.library().find("memory").orElseThrow();
        int steps = lesson.steps().size();
        robot.interact(() -> app.window().show("lessons"));
        // The memory lesson is the last card: scroll the list down to it.
        robot.interact(() -> robot.lookup("#lessons-view").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1.0));
        robot.clickOn("#" + LessonsPage.openId("memory"));
        WaitForAsyncUtils.waitForFxEvents();
        Theme before = app.themes().theme();

        key(KeyCode.F5);
        assertTrue(player.isPresenting());
        assertTrue(stage.isFullScreen(), "full screen");
        assertEquals(Theme.PROJECTOR, app.themes().theme());
        assertTrue(player.pane().isPresenting());
        assertNull(robot.lookup("#" + MainWindow.NAV_ID).tryQuery().orElse(null), "the lab list is hidden");
        assertFalse(shown(robot.lookup("#" + LessonPane.NEXT_ID).query()), "no buttons: the keyboard drives");
        assertTrue(robot.lookup("." + LessonPane.PREDICT_CLASS + " .text-field").tryQuery().isEmpty(),
                "step 1's question shows no guess field, drawn again for presenting");
        assertTrue(robot.lookup("#" + LessonPane.revealId(0)).tryQuery().isEmpty(), "nor a Reveal button");
        double normalSize = 13 * 1.08;
        double presenting = robot.lookup("#" + LessonPane.STEP_TITLE_ID).queryLabeled().getFont().getSize();
        assertTrue(presenting > 2 * normalSize, "the lesson text is enlarged: " + presenting);

        // Step 1 asks a question: the first press reveals the answer, the second moves on.
        assertEquals(0, player.step());
        key(KeyCode.PAGE_DOWN);
        assertEquals(0, player.step());
        assertEquals(1, player.revealed());
        assertNotNull(robot.lookup("." + LessonPane.ANSWER_CLASS).tryQuery().orElse(null), "the answer is shown");
        key(KeyCode.PAGE_DOWN);
        assertEquals(1, player.step());
        key(KeyCode.RIGHT);
        assertEquals(2, player.step());
        key(KeyCode.LEFT);
        assertEquals(1, player.step());
        key(KeyCode.PAGE_UP);
        assertEquals(0, player.step());
        assertEquals(0, player.revealed(), "coming back, the question is asked again");

        // B blanks the screen; a forward key brings it back without moving on.
        key(KeyCode.B);
        Node blank = robot.lookup("#" + PresenterMode.BLANK_ID).query();
        assertTrue(blank.isVisible());
        assertEquals(stage.getScene().getWidth(), blank.getBoundsInParent().getWidth(), 1.0, "it covers the window");
        key(KeyCode.DOWN);
        assertFalse(blank.isVisible());
        assertEquals(0, player.step());
        key(KeyCode.PERIOD);
        assertTrue(blank.isVisible());
        key(KeyCode.B);
        assertFalse(blank.isVisible());

        // To the end by Page Down only: one press per step and one per question.
        int presses = 0;
        while (!(player.step() == steps - 1 && player.revealed() == lesson.steps().get(steps - 1).predictions())) {
            key(KeyCode.PAGE_DOWN);
            assertTrue(++presses < 100);
        }
        int questions = lesson.steps().stream().mapToInt(s -> s.predictions()).sum();
        assertEquals(steps - 1 + questions, presses);
        assertEquals("Step " + steps + " of " + steps, player.pane().counterText());
        key(KeyCode.PAGE_DOWN);
        assertTrue(player.progress().isDone("memory"), "the last press marks the lesson done");
        assertTrue(new ProgressStore(AppDirectories.config()).load().progress().isDone("memory"), "and saves it");
        assertTrue(player.isPresenting(), "it stays on the screen until Esc");

        key(KeyCode.ESCAPE);
        assertFalse(player.isPresenting());
        assertFalse(stage.isFullScreen());
        assertEquals(before, app.themes().theme(), "the theme is put back");
        assertNotNull(robot.lookup("#" + MainWindow.NAV_ID).tryQuery().orElse(null), "the lab list is back");
        assertTrue(shown(robot.lookup("#" + LessonPane.NEXT_ID).query()));
        assertEquals(steps - 1, player.step(), "the lesson stays open where it was");
    }
}
