package workbench.lesson.player;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.app.AppDirectories;
import workbench.app.WorkbenchApp;
import workbench.lesson.Lesson;
import workbench.lesson.ProgressStore;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders a lesson in the app, in normal and presenter mode, to PNG for looking at:
 * {@code mvn -q test -Dtest=LessonScreenshots -Dworkbench.screenshots=target/screenshots
 * [-Dlesson=memory -Dstep=5]} (step is 1-based).
 */
@EnabledIfSystemProperty(named = "workbench.screenshots", matches = ".+")
class LessonScreenshots {

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
    void normalAndPresenter() throws Exception {
        Path dir = Path.of(System.getProperty("workbench.screenshots"));
        Files.createDirectories(dir);
        String id = System.getProperty("lesson", "memory");
        int step = Integer.getInteger("step", 5) - 1;
        int reveal = Integer.getInteger("reveal", 0);
        LessonPlayer player = app.lessons();
        Lesson lesson = player.library().find(id).orElseThrow();
        robot.interact(() -> {
            Scene scene = app.window().root().getScene();
            scene.getWindow().setWidth(1600);
            scene.getWindow().setHeight(1000);
            player.openAt(lesson, step);
            for (int i = 0; i < reveal; i++) {
                player.reveal();
            }
        });
        WaitForAsyncUtils.waitFor(120, java.util.concurrent.TimeUnit.SECONDS, () -> app.status().lookup("#" + workbench.app.StatusLine.MODEL_ID) instanceof javafx.scene.control.Label l && l.getText().contains("kjv-char ·"));
        Thread.sleep(Long.getLong("wait", 1500)); // background work of the lab (traces)
        WaitForAsyncUtils.waitForFxEvents();
        shoot(dir.resolve("lesson-normal-" + id + "-" + (step + 1) + ".png"));
        robot.interact(player::togglePresenter);
        Thread.sleep(1500);
        WaitForAsyncUtils.waitForFxEvents();
        shoot(dir.resolve("lesson-presenter-" + id + "-" + (step + 1) + ".png"));
    }

    @Test
    void lessonsList() throws Exception {
        Path dir = Path.of(System.getProperty("workbench.screenshots"));
        Files.createDirectories(dir);
        robot.interact(() -> {
            Scene scene = app.window().root().getScene();
            scene.getWindow().setWidth(1600);
            scene.getWindow().setHeight(1000);
            app.window().show("lessons");
        });
        WaitForAsyncUtils.waitForFxEvents();
        shoot(dir.resolve("lessons-list.png"));
    }

    private void shoot(Path file) throws Exception {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = app.window().root().getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", file.toFile());
    }
}
