package workbench.app;

import workbench.core.backend.BackendChoice;
import workbench.core.io.AtomicFiles;
import workbench.ui.common.Theme;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads and writes {@link AppSettings} as a small properties file. A damaged file is never fatal:
 * it is kept beside as {@code settings.properties.corrupt}, and the defaults are used with a
 * message that says what was wrong.
 */
public final class SettingsStore {

    public static final String FILE_NAME = "settings.properties";

    private final Path file;

    public SettingsStore(Path folder) {
        this.file = folder.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The settings read, and a message for the user if the file could not be used as it was. */
    public record Loaded(AppSettings settings, Optional<String> problem) {
    }

    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(AppSettings.DEFAULTS, Optional.empty());
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException unreadable) {
            return new Loaded(AppSettings.DEFAULTS, Optional.of(setAside("it could not be read ("
                    + unreadable.getClass().getSimpleName() + ")")));
        }
        List<String> bad = new ArrayList<>();
        AppSettings d = AppSettings.DEFAULTS;
        Theme theme = parse(properties, "theme", d.theme(), Theme::parse, bad);
        BackendChoice backend = parse(properties, "backend", d.backend(), BackendChoice::parse, bad);
        double width = parse(properties, "window.width", d.width(), Double::parseDouble, bad);
        double height = parse(properties, "window.height", d.height(), Double::parseDouble, bad);
        String lastLab = properties.getProperty("lastLab", d.lastLab()).trim();
        AppSettings settings = new AppSettings(theme, backend, width, height, lastLab);
        if (bad.isEmpty()) {
            return new Loaded(settings, Optional.empty());
        }
        return new Loaded(settings, Optional.of(setAside("these values were invalid: " + String.join(", ", bad))));
    }

    public void save(AppSettings settings) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("theme", settings.theme().key());
        properties.setProperty("backend", settings.backend().name().toLowerCase(java.util.Locale.ROOT));
        properties.setProperty("window.width", Double.toString(settings.width()));
        properties.setProperty("window.height", Double.toString(settings.height()));
        properties.setProperty("lastLab", settings.lastLab());
        StringWriter text = new StringWriter();
        properties.store(text, "Transformer Workbench settings");
        AtomicFiles.writeString(file, text.toString());
    }

    private String setAside(String reason) {
        Path kept = file.resolveSibling(FILE_NAME + ".corrupt");
        try {
            Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ignored) {
            kept = null;
        }
        return "Settings file " + file + " was damaged: " + reason + ". Defaults are used for those"
                + (kept != null ? "; the old file is kept as " + kept.getFileName() : "") + ".";
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(Properties properties, String key, T fallback, Parser<T> parser, List<String> bad) {
        String text = properties.getProperty(key);
        if (text == null) {
            return fallback;
        }
        try {
            return parser.parse(text.trim());
        } catch (RuntimeException invalid) {
            bad.add(key + "=" + text);
            return fallback;
        }
    }
}
