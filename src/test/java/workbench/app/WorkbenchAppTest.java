package workbench.app;

import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkbenchAppTest {

    private WorkbenchApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        app = (WorkbenchApp) FxToolkit.setupApplication(WorkbenchApp::new);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing());
        assertEquals(WorkbenchApp.TITLE, stage.getTitle());
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void visitsEveryLab() {
        ListView<?> nav = robot.lookup("#" + MainWindow.NAV_ID).queryAs(ListView.class);
        for (LabDescriptor lab : app.window().labs()) {
            robot.interact(() -> app.window().show(lab.id()));
            assertEquals(lab.id(), app.window().currentPage().id());
            assertEquals(lab, nav.getSelectionModel().getSelectedItem());
        }
    }
}
