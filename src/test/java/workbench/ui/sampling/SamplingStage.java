package workbench.ui.sampling;

import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.concurrent.DirectTaskRunner;
import workbench.core.sampling.BigramCountModel;
import workbench.core.sampling.KjvBundle;
import workbench.ui.common.LabContext;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sampling page alone in a stage, as the main window lays it out (view in the centre, controls
 * at the right), driven by the test-only bigram model or the bundled kjv-char model, and a direct
 * task runner.
 */
final class SamplingStage {

    final BigramCountModel bigram = BigramCountModel.genesis();
    final ThemeManager themes;
    final List<String> notices = new ArrayList<>();
    SamplingPage page;
    /** The context of {@link #openKjv}: its session holds the model and the shared prompt. */
    LabContext session;
    BorderPane root;

    SamplingStage(Theme theme) {
        this.themes = new ThemeManager(theme);
    }

    SamplingModel model() {
        return new SamplingModel("bigram counts of Genesis 1:1-5 (test model)", bigram, bigram.tokenizer());
    }

    LabContext context() {
        Notifier notifier = new Notifier() {
            @Override
            public void info(String message) {
                notices.add("info: " + message);
            }

            @Override
            public void warn(String message) {
                notices.add("warn: " + message);
            }

            @Override
            public void error(String what, Throwable error) {
                notices.add("error: " + what + ": " + error.getMessage());
            }
        };
        return new LabContext(new DirectTaskRunner(), themes, notifier);
    }

    /** Opens the page with the bigram model ({@code withModel}) or without any model. */
    SamplingStage open(boolean withModel, double width, double height) throws Exception {
        return open(() -> withModel ? new SamplingPage(context(), () -> Optional.of(model())) : new SamplingPage(context()),
                width, height);
    }

    /** Opens the page as the app does, following a session that holds the bundled kjv-char model. */
    SamplingStage openKjv(double width, double height) throws Exception {
        return open(() -> {
            session = context();
            session.models().set(KjvBundle.get());
            return SamplingPage.forSession(session);
        }, width, height);
    }

    private SamplingStage open(Supplier<SamplingPage> pages, double width, double height) throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            page = pages.get();
            root = new BorderPane(page.view());
            ScrollPane controls = new ScrollPane(page.controls());
            controls.setFitToWidth(true);
            controls.setPrefViewportWidth(330);
            controls.getStyleClass().add("lab-controls");
            root.setRight(controls);
            root.getStyleClass().add("workbench-root");
            Scene scene = new Scene(root, width, height);
            themes.attach(scene);
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    void close() throws Exception {
        if (page != null) {
            FxToolkit.setupFixture(() -> page.dispose());
        }
        FxToolkit.cleanupStages();
    }
}
