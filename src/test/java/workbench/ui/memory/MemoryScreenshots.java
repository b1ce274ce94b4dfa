package workbench.ui.memory;

import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.concurrent.DirectTaskRunner;
import workbench.core.memory.OneNd4jThread;
import workbench.core.model.Checkpoints;
import workbench.ui.common.ModelSession;
import workbench.ui.common.Exports;
import workbench.ui.common.LabContext;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders the memory lab to PNG for looking at, in the light and projector themes:
 * {@code mvn -q test -Dtest=MemoryScreenshots -Dworkbench.screenshots=target/screenshots}.
 */
@EnabledIfSystemProperty(named = "workbench.screenshots", matches = ".+")
class MemoryScreenshots {

    private final FxRobot robot = new FxRobot();

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void light() throws Exception {
        render(Theme.LIGHT);
    }

    @Test
    void projector() throws Exception {
        render(Theme.PROJECTOR);
    }

    /** The controls as the main window holds them: a scroll pane 320 wide that fits its content's width. */
    static javafx.scene.Node controlsPane(MemoryView page) {
        javafx.scene.control.ScrollPane pane = new javafx.scene.control.ScrollPane(page.controls());
        pane.setFitToWidth(true);
        pane.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        pane.setPrefViewportWidth(320);
        pane.getStyleClass().add("lab-controls");
        return pane;
    }

    private void render(Theme theme) throws Exception {
        Path dir = Path.of(System.getProperty("workbench.screenshots"));
        Files.createDirectories(dir);
        MemoryView[] page = new MemoryView[1];
        BorderPane[] root = new BorderPane[1];
        ModelSession session = new ModelSession();
        try (OneNd4jThread ignored = new OneNd4jThread()) {
            session.set(Checkpoints.bundled());
        }
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            ThemeManager themes = new ThemeManager(theme);
            page[0] = new MemoryView(new LabContext(new DirectTaskRunner(), themes, new Notifier() {
                public void info(String m) { }
                public void warn(String m) { }
                public void error(String w, Throwable e) { }
            }, session));
            root[0] = new BorderPane(page[0].view());
            root[0].setRight(controlsPane(page[0]));
            Scene scene = new Scene(root[0], 1430, 1000);
            themes.attach(scene);
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        String name = theme.key();
        robot.interact(() -> {
            try (OneNd4jThread ignored = new OneNd4jThread()) {
                page[0].settings().apply("model", MemoryViewModel.LOADED_MODEL);
                page[0].settings().apply("weight-source", "model");
                page[0].settings().apply("quantize", "true"); // the direct runner measures right here
                page[0].settings().apply("histogram-variant", "int4-tensor");
                Exports.savePng(page[0].exportNode(), dir.resolve("memory-" + name + ".png"), theme.background());
                Exports.savePng(robot.lookup("#" + MemoryView.QUANTIZE_ID).query(),
                        dir.resolve("memory-" + name + "-quantize.png"), theme.background());
                Exports.savePng(page[0].controls(), dir.resolve("memory-" + name + "-controls.png"), theme.background());
                page[0].settings().apply("model", "GPT-2 124M");
                page[0].settings().apply("precision", "fp32");
                page[0].settings().apply("weight", "65520");
                Exports.savePng(page[0].exportNode(), dir.resolve("memory-" + name + "-gpt2.png"), theme.background());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Files.size(dir.resolve("memory-" + name + ".png")) > 10_000);
    }
}
