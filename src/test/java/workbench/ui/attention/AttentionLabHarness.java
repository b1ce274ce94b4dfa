package workbench.ui.attention;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.concurrent.DirectTaskRunner;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.ModelBundle;
import workbench.core.trace.ForwardTrace;
import workbench.ui.common.LabContext;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Puts the attention page in a window with synchronous work, the way the view tests need it. */
final class AttentionLabHarness {

    final FxRobot robot = new FxRobot();
    final List<String> messages = new ArrayList<>();
    final LabContext context;
    final AttentionPage page;
    final ModelBundle bundle;

    AttentionLabHarness(ModelBundle bundle) throws Exception {
        this.bundle = bundle;
        FxToolkit.registerPrimaryStage();
        context = new LabContext(new DirectTaskRunner(), new ThemeManager(Theme.LIGHT), new Notifier() {
            @Override
            public void info(String message) {
                messages.add(message);
            }

            @Override
            public void warn(String message) {
                messages.add(message);
            }

            @Override
            public void error(String what, Throwable error) {
                messages.add(what + ": " + error);
            }
        });
        AttentionPage[] made = new AttentionPage[1];
        FxToolkit.setupStage(stage -> {
            made[0] = new AttentionPage(context);
            BorderPane root = new BorderPane(made[0].view());
            root.setRight(made[0].controls());
            Scene scene = new Scene(root, 1500, 950);
            context.themes().attach(scene);
            stage.setScene(scene);
            stage.show();
        });
        page = made[0];
        WaitForAsyncUtils.waitForFxEvents();
    }

    void loadModel() {
        robot.interact(() -> context.models().set(bundle));
        WaitForAsyncUtils.waitForFxEvents();
    }

    void apply(String key, String value) {
        robot.interact(() -> page.settings().apply(key, value));
        WaitForAsyncUtils.waitForFxEvents();
    }

    AttentionViewModel vm() {
        return page.viewModel();
    }

    AttentionAnalysis analysis() {
        return vm().analysis();
    }

    /** The engine's own trace of the prompt on screen, with {@code options}. */
    ForwardTrace engine(ForwardOptions options) {
        return bundle.trace(analysis().ids(), options);
    }

    ForwardTrace engineCausal() {
        return engine(ForwardOptions.NONE.withMask(MaskKind.CAUSAL));
    }

    <T extends Node> T lookup(String id, Class<T> type) {
        return robot.lookup("#" + id).queryAs(type);
    }

    void cleanup() throws Exception {
        robot.interact(page::dispose);
        FxToolkit.cleanupStages();
    }

    static void assertMatrix(float[][] expected, float[][] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + ": columns of row " + i);
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tolerance, what + " at (" + i + ", " + j + ")");
            }
        }
    }
}
