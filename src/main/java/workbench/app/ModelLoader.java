package workbench.app;

import workbench.concurrent.TaskRunner;
import workbench.core.model.Checkpoints;
import workbench.core.model.ModelBundle;
import workbench.core.model.ModelCatalog;
import workbench.ui.common.ModelSession;
import workbench.ui.common.Notifier;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Loads checkpoints in the background into the {@link ModelSession}. A checkpoint that fails to
 * load is reported by name and the model that was there stays.
 */
final class ModelLoader {

    private final TaskRunner tasks;
    private final ModelSession session;
    private final Notifier notifier;
    private final Consumer<String> status;

    ModelLoader(TaskRunner tasks, ModelSession session, Notifier notifier, Consumer<String> status) {
        this.tasks = tasks;
        this.session = session;
        this.notifier = notifier;
        this.status = status;
    }

    void load(ModelCatalog.Entry entry) {
        status.accept("loading " + entry.name() + "…");
        tasks.submit("Loading " + entry.name(), progress -> Checkpoints.loadResource(entry.resource()),
                this::show, error -> failed("The model " + entry.name() + " could not be loaded", error));
    }

    void open(Path file) {
        status.accept("loading " + file.getFileName() + "…");
        tasks.submit("Loading " + file.getFileName(), progress -> Checkpoints.load(file),
                this::show, error -> failed("The checkpoint could not be opened", error));
    }

    private void show(ModelBundle bundle) {
        session.set(bundle);
        status.accept(bundle.describe());
    }

    private void failed(String what, Throwable error) {
        notifier.error(what, error);
        status.accept(session.current().map(ModelBundle::describe).orElse("none"));
    }
}
