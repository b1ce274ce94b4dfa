package workbench.app;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.ui.common.Exports;
import workbench.ui.common.LabPage;
import workbench.ui.common.Theme;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole app, started as a user starts it, driven headless. */
class WorkbenchAppTest {

    private WorkbenchApp app;
    private Stage stage;
    private final FxRobot robot = new FxRobot();
    private static final Path EXPORTS = Path.of("target", "test-exports");

    @BeforeEach
    void start() throws Exception {
        System.setProperty(AppDirectories.EXPORT_PROPERTY, EXPORTS.toString());
        stage = FxToolkit.registerPrimaryStage();
        app = (WorkbenchApp) FxToolkit.setupApplication(WorkbenchApp::new);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void opensTheTitledWindowWithTheStatusBar() throws Exception {
        assertTrue(stage.isShowing());
        assertEquals(WorkbenchApp.TITLE, stage.getTitle());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.status().backendText().startsWith("ND4J CPU"));
        assertTrue(app.status().backendText().matches("ND4J CPU · \\w+ · \\d+ threads?"), app.status().backendText());
    }

    @Test
    void visitsEveryLabThroughTheNavigation() {
        ListView<?> nav = robot.lookup("#" + MainWindow.NAV_ID).queryAs(ListView.class);
        List<LabDescriptor> labs = app.window().labs();
        assertEquals(List.of("tokenization", "embeddings", "positions", "attention", "flash", "gqa", "recurrent",
                "sampling", "memory", "lessons"), labs.stream().map(LabDescriptor::id).toList());
        for (int i = 0; i < labs.size(); i++) {
            int index = i;
            robot.interact(() -> nav.getSelectionModel().select(index));
            LabPage page = app.window().currentPage();
            assertEquals(labs.get(i).id(), page.id());
            Node center = robot.lookup("#" + MainWindow.CENTER_ID).query();
            assertTrue(center.isVisible());
            assertEquals(page.view(), ((javafx.scene.layout.StackPane) center).getChildren().get(0));
        }
    }

    @Test
    void switchesThemesAtRunTime() {
        Scene scene = stage.getScene();
        for (Theme theme : Theme.values()) {
            robot.interact(() -> app.themes().setTheme(theme));
            assertTrue(scene.getStylesheets().get(1).endsWith(theme.stylesheet().substring(theme.stylesheet().lastIndexOf('/'))),
                    scene.getStylesheets().toString());
        }
        robot.interact(() -> app.themes().setTheme(Theme.LIGHT));
    }

    @Test
    void exportsTheViewAsA2xPngAndTheNumbersAsCsv() throws Exception {
        robot.interact(() -> app.window().show("memory"));
        WaitForAsyncUtils.waitForFxEvents();
        Optional<Path>[] png = new Optional[1];
        robot.interact(() -> png[0] = app.window().exportPng());
        Path pngFile = png[0].orElseThrow();
        BufferedImage image = ImageIO.read(pngFile.toFile());
        assertNotNull(image, "the PNG decodes");
        double width = app.window().currentPage().exportNode().getLayoutBounds().getWidth();
        assertEquals(Math.round(width * Exports.PNG_SCALE), image.getWidth(), 2.0);

        Optional<Path>[] csv = new Optional[1];
        robot.interact(() -> csv[0] = app.window().exportCsv());
        List<String> lines = Files.readAllLines(csv[0].orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(lines.size() > 2, "a header and rows");
        assertTrue(lines.get(0).contains(","), lines.get(0));
    }

    @Test
    void keyboardShortcutsExportAndSwitchLabs() throws Exception {
        robot.interact(() -> app.window().show("memory"));
        long before = countExports(".csv");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.E).release(KeyCode.E, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before + 1, countExports(".csv"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("tokenization", app.window().currentPage().id());
    }

    private static long countExports(String suffix) throws Exception {
        if (!Files.isDirectory(EXPORTS)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(EXPORTS)) {
            return files.filter(p -> p.toString().endsWith(suffix)).count();
        }
    }

    @Test
    void unknownLabIsReportedNotThrown() {
        robot.interact(() -> app.window().show("no-such-lab"));
        assertTrue(app.notices().history().stream().anyMatch(m -> m.contains("no lab called 'no-such-lab'")));
    }
}
