package workbench.ui;

import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.concurrent.DirectTaskRunner;
import workbench.ui.common.LabContext;
import workbench.core.model.CheckpointException;
import workbench.core.model.Checkpoints;
import workbench.core.model.ModelBundle;
import workbench.ui.common.LabPage;
import workbench.ui.common.ModelSession;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Shows one lab page alone in a stage, with synchronous tasks, for TestFX tests. */
public final class LabTestSupport {

    private LabTestSupport() {
    }

    /** Messages the page sent to the user, for assertions. */
    public static final class RecordingNotifier implements Notifier {
        public final List<String> messages = new ArrayList<>();

        @Override
        public void info(String message) {
            messages.add("info: " + message);
        }

        @Override
        public void warn(String message) {
            messages.add("warn: " + message);
        }

        @Override
        public void error(String what, Throwable error) {
            messages.add("error: " + what + ": " + error.getMessage());
        }
    }

    public static LabContext context(ThemeManager themes, Notifier notifier) {
        return new LabContext(new DirectTaskRunner(), themes, notifier);
    }

    /** The bundled model, loaded once for all the tests that need it. */
    public static synchronized ModelBundle bundledModel() throws CheckpointException {
        if (bundled == null) {
            bundled = Checkpoints.bundled();
        }
        return bundled;
    }

    private static ModelBundle bundled;

    /** Builds the page on the FX thread and shows it with its controls in a 1400 x 900 stage. */
    public static <P extends LabPage> P show(Function<LabContext, P> factory, ThemeManager themes, Notifier notifier)
            throws TimeoutException {
        return show(factory, themes, notifier, new ModelSession());
    }

    /** As {@link #show(Function, ThemeManager, Notifier)}, with the model session the page is given. */
    public static <P extends LabPage> P show(Function<LabContext, P> factory, ThemeManager themes, Notifier notifier,
                                             ModelSession models) throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        List<P> made = new ArrayList<>();
        FxToolkit.setupStage((Stage stage) -> {
            P page = factory.apply(new LabContext(new DirectTaskRunner(), themes, notifier, models));
            ScrollPane controls = new ScrollPane(page.controls());
            controls.setFitToWidth(true);
            controls.setPrefViewportWidth(320);
            BorderPane root = new BorderPane(page.view());
            root.setRight(controls);
            Scene scene = new Scene(root, 1400, 900);
            themes.attach(scene);
            stage.setScene(scene);
            stage.show();
            made.add(page);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return made.get(0);
    }

    public static ThemeManager lightTheme() {
        return new ThemeManager(Theme.LIGHT);
    }
}
