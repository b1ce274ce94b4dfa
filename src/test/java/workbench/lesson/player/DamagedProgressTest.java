package workbench.lesson.player;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.app.AppDirectories;
import workbench.app.WorkbenchApp;
import workbench.lesson.LessonProgress;
import workbench.lesson.ProgressStore;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A progress file cut short by a crash is reported on start-up and replaced; the app runs on. */
class DamagedProgressTest {

    private WorkbenchApp app;

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        Files.deleteIfExists(AppDirectories.config().resolve(ProgressStore.FILE_NAME));
    }

    @Test
    void damagedProgressIsReportedAndReplacedNotFatal() throws Exception {
        Path file = AppDirectories.config().resolve(ProgressStore.FILE_NAME);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"format\":\"workbench-lesson-progress\",\"version\":1,\"lessons\":{\"memory\":{\"st");
        FxToolkit.registerPrimaryStage();
        app = (WorkbenchApp) FxToolkit.setupApplication(WorkbenchApp::new);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.notices().history().stream().anyMatch(m -> m.startsWith("warning: The lesson progress file")
                && m.contains("was damaged")), app.notices().history().toString());
        assertEquals(LessonProgress.EMPTY, app.lessons().progress());
        assertEquals(LessonProgress.EMPTY, new ProgressStore(AppDirectories.config()).load().progress());
        assertTrue(Files.exists(file.resolveSibling(ProgressStore.FILE_NAME + ".corrupt")));
    }
}
