package workbench.ui.common;

import workbench.concurrent.TaskRunner;

/**
 * What every lab page is given: where to run work, the theme, how to talk to the user, and the
 * trained model it looks at.
 *
 * @param tasks    runs work off the JavaFX thread, with progress and cancel
 * @param themes   the current theme, for canvases
 * @param notifier messages and errors for the user
 * @param models   the current model (empty until one has loaded)
 */
public record LabContext(TaskRunner tasks, ThemeManager themes, Notifier notifier, ModelSession models) {

    /** A context with no model yet. */
    public LabContext(TaskRunner tasks, ThemeManager themes, Notifier notifier) {
        this(tasks, themes, notifier, new ModelSession());
    }
}
