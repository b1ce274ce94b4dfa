package workbench.app;

import workbench.core.backend.BackendChoice;
import workbench.ui.common.Theme;

/**
 * Everything the workbench remembers between runs, saved and restored as a whole.
 *
 * @param theme   light, dark or projector
 * @param backend the ND4J backend to start on
 * @param width   main window width in pixels
 * @param height  main window height in pixels
 * @param lastLab id of the lab shown when the window closed
 */
public record AppSettings(Theme theme, BackendChoice backend, double width, double height, String lastLab) {

    public static final AppSettings DEFAULTS = new AppSettings(Theme.LIGHT, BackendChoice.CPU, 1400, 900, "tokenization");

    public AppSettings {
        width = clamp(width, 640, 7680);
        height = clamp(height, 480, 4320);
    }

    private static double clamp(double value, double min, double max) {
        return Double.isFinite(value) ? Math.max(min, Math.min(max, value)) : min;
    }

    public AppSettings withTheme(Theme value) {
        return new AppSettings(value, backend, width, height, lastLab);
    }

    public AppSettings withBackend(BackendChoice value) {
        return new AppSettings(theme, value, width, height, lastLab);
    }

    public AppSettings withSize(double w, double h) {
        return new AppSettings(theme, backend, w, h, lastLab);
    }

    public AppSettings withLastLab(String value) {
        return new AppSettings(theme, backend, width, height, value);
    }
}
