package workbench.app;

import java.nio.file.Path;
import java.util.Locale;

/** Where the workbench keeps the user's settings, progress and exports. */
public final class AppDirectories {

    /** System property that moves the config folder (tests point it into target/). */
    public static final String CONFIG_PROPERTY = "workbench.configDir";
    /** System property that moves the export folder. */
    public static final String EXPORT_PROPERTY = "workbench.exportDir";

    private static final String APP = "transformer-workbench";

    private AppDirectories() {
    }

    /** The per-user configuration folder, following each platform's convention. */
    public static Path config() {
        String override = System.getProperty(CONFIG_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve(APP);
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support").resolve(APP);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config")).resolve(APP);
    }

    /** Where exported PNG and CSV files go unless the user picks another place. */
    public static Path exports() {
        String override = System.getProperty(EXPORT_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), "TransformerWorkbench", "exports");
    }
}
