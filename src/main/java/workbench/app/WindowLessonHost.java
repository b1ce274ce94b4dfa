package workbench.app;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import workbench.core.model.ModelBundle;
import workbench.core.model.ModelCatalog;
import workbench.lesson.player.LessonHost;
import workbench.ui.common.LabPage;
import workbench.ui.common.ModelSession;
import workbench.ui.common.Notifier;
import workbench.ui.common.ThemeManager;

import java.util.List;

/** The main window as lessons see it: labs by id, the model picker, the lesson slot and the overlay. */
final class WindowLessonHost implements LessonHost {

    private final MainWindow window;
    private final Scene scene;
    private final ThemeManager themes;
    private final Notifier notifier;
    private final ModelLoader loader;
    private final ModelSession models;

    WindowLessonHost(MainWindow window, Scene scene, ThemeManager themes, Notifier notifier, ModelLoader loader,
                     ModelSession models) {
        this.window = window;
        this.scene = scene;
        this.themes = themes;
        this.notifier = notifier;
        this.loader = loader;
        this.models = models;
    }

    @Override
    public List<String> labIds() {
        return window.labs().stream().map(LabDescriptor::id).toList();
    }

    @Override
    public void showLab(String labId) {
        window.show(labId);
    }

    @Override
    public LabPage page(String labId) {
        return window.page(labId);
    }

    @Override
    public void selectModel(String name) {
        ModelCatalog.Entry entry = ModelCatalog.bundled().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("there is no bundled model '" + name + "'; bundled: "
                        + String.join(", ", ModelCatalog.bundled().stream().map(ModelCatalog.Entry::name).toList())));
        boolean already = models.current().map(ModelBundle::name).filter(name::equals).isPresent();
        if (!already) {
            loader.load(entry);
        }
    }

    @Override
    public void dock(Node pane) {
        if (pane == null) {
            window.lessonSlot().getChildren().clear();
        } else {
            window.lessonSlot().getChildren().setAll(pane);
        }
    }

    @Override
    public Pane overlay() {
        return window.overlay();
    }

    @Override
    public void setChromeVisible(boolean visible) {
        window.setChromeVisible(visible);
    }

    @Override
    public void setControlsVisible(boolean visible) {
        window.setControlsVisible(visible);
    }

    @Override
    public Scene scene() {
        return scene;
    }

    @Override
    public ModelSession models() {
        return models;
    }

    @Override
    public ThemeManager themes() {
        return themes;
    }

    @Override
    public Notifier notifier() {
        return notifier;
    }
}
