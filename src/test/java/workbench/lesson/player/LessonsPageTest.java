package workbench.lesson.player;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.concurrent.DirectTaskRunner;
import workbench.lesson.LessonFile;
import workbench.lesson.LessonLibrary;
import workbench.lesson.LessonParser;
import workbench.lesson.LessonProgress;
import workbench.lesson.ProgressStore;
import workbench.ui.common.LabContext;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lessons list: a card per lesson with its progress, an error card per broken file. */
class LessonsPageTest {

    private final FxRobot robot = new FxRobot();
    private final List<String> messages = new ArrayList<>();

    @TempDir
    Path config;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static String lesson(String id, int order, String body) {
        return "---\nid: " + id + "\ntitle: Lesson " + id + "\nlab: memory\norder: " + order + "\n---\n\nAbout " + id + ".\n\n" + body;
    }

    private LessonsPage show(LessonPlayer player) throws Exception {
        LessonsPage[] page = new LessonsPage[1];
        FxToolkit.setupStage(stage -> {
            ThemeManager themes = new ThemeManager(Theme.LIGHT);
            page[0] = new LessonsPage(new LabContext(new DirectTaskRunner(), themes, new Notifier() {
                public void info(String m) {
                    messages.add(m);
                }

                public void warn(String m) {
                    messages.add(m);
                }

                public void error(String w, Throwable e) {
                    messages.add(w);
                }
            }), player);
            Scene scene = new Scene((javafx.scene.Parent) page[0].view(), 900, 700);
            themes.attach(scene);
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return page[0];
    }

    @Test
    void listsLessonsWithProgressAndBrokenFilesAsErrorCards() throws Exception {
        List<LessonFile> files = List.of(
                LessonFile.of("01-first.md", lesson("first", 1, "## One\n\n## Two\n\n## Three\n\n## Four\n")),
                LessonFile.of("02-second.md", lesson("second", 2, "## Only\n")),
                LessonFile.of("03-broken.md", lesson("broken", 3, "## S\n\n```lab\nlab: nowhere\n```\n")));
        LessonLibrary library = LessonLibrary.parse(files, new LessonParser(Set.of("memory")));
        new ProgressStore(config).save(LessonProgress.EMPTY.withStep("first", 1).withDone("second"));
        LessonPlayer player = new LessonPlayer(() -> library, new ProgressStore(config), java.util.Map.of("memory", "Memory"));
        show(player);

        List<Node> cards = robot.lookup("." + LessonsPage.CARD_CLASS).queryAll().stream().toList();
        assertEquals(3, cards.size());
        Node error = robot.lookup("." + LessonsPage.ERROR_CARD_CLASS).query();
        String errorText = robot.from(error).lookup(".lesson-error-text").queryAs(Label.class).getText();
        assertEquals("03-broken.md, line 13: unknown lab 'nowhere'; the labs are memory", errorText);

        assertEquals("Continue", robot.lookup("#" + LessonsPage.openId("first")).queryAs(Button.class).getText());
        Node first = robot.lookup("#" + LessonsPage.cardId("first")).query();
        assertEquals("At step 2 of 4", robot.from(first).lookup(".lesson-state").queryAs(Label.class).getText());
        assertEquals("Review", robot.lookup("#" + LessonsPage.openId("second")).queryAs(Button.class).getText());
        assertTrue(robot.lookup("#" + LessonsPage.restartId("first")).query().isVisible());

        robot.clickOn("#" + LessonsPage.openId("first"));
        assertEquals(List.of("Lessons open beside their lab in the workbench window."), messages,
                "without a window the page says so instead of failing");
    }
}
