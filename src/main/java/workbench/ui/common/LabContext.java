package workbench.ui.common;

import workbench.concurrent.TaskRunner;

/**
 * What every lab page is given: where to run work, the theme, and how to talk to the user.
 *
 * @param tasks    runs work off the JavaFX thread, with progress and cancel
 * @param themes   the current theme, for canvases
 * @param notifier messages and errors for the user
 */
public record LabContext(TaskRunner tasks, ThemeManager themes, Notifier notifier) {
}
