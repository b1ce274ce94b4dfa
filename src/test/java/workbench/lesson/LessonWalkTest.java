package workbench.lesson;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.app.AppDirectories;
import workbench.app.LabRegistry;
import workbench.app.StatusLine;
import workbench.app.WorkbenchApp;
import workbench.lesson.player.LessonPlayer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every lesson file loads, and every step of every lesson applies to its lab on the real app's
 * pages: an unknown lab, setting or node id, or a value the lab refuses, fails this test.
 */
class LessonWalkTest {

    private WorkbenchApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        Files.deleteIfExists(AppDirectories.config().resolve(ProgressStore.FILE_NAME));
        FxToolkit.registerPrimaryStage();
        app = (WorkbenchApp) FxToolkit.setupApplication(WorkbenchApp::new);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void everyLessonFileLoads() throws Exception {
        LessonLibrary library = app.lessons().library();
        assertEquals(List.of(), library.problems().stream().map(LessonProblem::describe).toList());
        long files;
        try (Stream<Path> list = Files.list(Path.of("lessons"))) {
            files = list.filter(p -> LessonLibrary.FILE_NAME.matcher(p.getFileName().toString()).matches()).count();
        }
        assertEquals(files, library.lessons().size(), "every NN-topic.md in lessons/ is on the class path and loads");
        assertTrue(files >= 1);
        for (Lesson lesson : library.lessons()) {
            assertTrue(LabRegistry.ids().contains(lesson.lab()), lesson.file());
        }
    }

    @Test
    void everyStepOfEveryLessonAppliesToItsLab() throws Exception {
        // Labs that need the trained model show their views once it has loaded.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> robot.lookup("#" + StatusLine.MODEL_ID)
                .queryAs(Label.class).getText().contains("kjv-char ·"));
        LessonPlayer player = app.lessons();
        List<String> failures = new ArrayList<>();
        for (Lesson lesson : player.library().lessons()) {
            for (int i = 0; i < lesson.steps().size(); i++) {
                int index = i;
                List<LessonProblem> problems = new ArrayList<>();
                robot.interact(() -> problems.addAll(index == 0 ? player.openAt(lesson, 0) : player.goTo(index)));
                WaitForAsyncUtils.waitForFxEvents();
                problems.forEach(p -> failures.add(p.describe()));
                StepState state = lesson.stateAt(i);
                assertEquals(state.lab(), app.window().currentPage().id(), lesson.file() + " step " + (i + 1));
                long ids = state.highlights().stream().mapToLong(d -> d.highlightIds().size()).sum();
                List<Rectangle> rings = player.ring().orElseThrow().rings();
                if (problems.isEmpty()) {
                    assertEquals(ids, rings.size(), lesson.file() + " step " + (i + 1));
                    for (Rectangle ring : rings) {
                        assertTrue(ring.isVisible() && ring.getWidth() > 10 && ring.getHeight() > 10,
                                lesson.file() + " step " + (i + 1) + ": the ring is on screen");
                    }
                }
            }
            robot.interact(player::close);
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void memoryLessonSetsTheLabAndBackRestoresTheEarlierState() {
        LessonPlayer player = app.lessons();
        Lesson lesson = player.library().find("memory").orElseThrow();
        robot.interact(() -> player.openAt(lesson, 0));
        assertEquals("29.10 GiB", total(), "Llama-2-7B in fp32 at 4,096 tokens: 25.10 GiB of weights + 4 GiB of cache");
        robot.interact(player::next);
        assertEquals("14.55 GiB", total(), "fp16 halves both");
        robot.interact(player::next);
        assertEquals("28.55 GiB", total(), "batch 8: the cache is 16 GiB");
        robot.interact(player::back);
        assertEquals("14.55 GiB", total(), "back to batch 1, whatever the way in");
        robot.interact(player::back);
        assertEquals("29.10 GiB", total());
        Node ring = player.ring().orElseThrow().targets().get(0);
        assertEquals("memory-inference", ring.getId());
    }

    private String total() {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#memory-inference-total").queryAs(Label.class).getText();
    }

    @Test
    void theLessonsLabListsTheLessonsAndOpensOne() {
        robot.interact(() -> app.window().show("lessons"));
        // The memory lesson is the last card: scroll the list down to it.
        robot.interact(() -> robot.lookup("#lessons-view").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1.0));
        Stage stage = (Stage) app.window().root().getScene().getWindow();
        assertTrue(stage.isShowing());
        robot.clickOn("#lesson-open-memory");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("memory", app.window().currentPage().id());
        assertEquals("Every parameter is a number", app.lessons().pane().stepTitle());
        assertTrue(app.window().lessonSlot().isVisible());
        robot.clickOn("#lesson-next");
        robot.clickOn("#lesson-next");
        assertEquals("Step 3 of " + app.lessons().lesson().orElseThrow().steps().size(), app.lessons().pane().counterText());
        robot.clickOn("#lesson-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!app.window().lessonSlot().isVisible());
        robot.interact(() -> app.window().show("lessons"));
        assertEquals("Continue", robot.lookup("#lesson-open-memory").queryButton().getText());
        assertEquals(2, new ProgressStore(AppDirectories.config()).load().progress().of("memory").orElseThrow().step(),
                "the step reached was saved");
    }
}
