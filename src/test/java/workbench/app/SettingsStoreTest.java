package workbench.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.core.backend.BackendChoice;
import workbench.ui.common.Theme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedSettingsComeBack() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        AppSettings settings = new AppSettings(Theme.PROJECTOR, BackendChoice.CUDA, 1024, 700, "attention");
        store.save(settings);
        SettingsStore.Loaded loaded = store.load();
        assertEquals(settings, loaded.settings());
        assertTrue(loaded.problem().isEmpty());
    }

    @Test
    void missingFileGivesDefaultsSilently() {
        SettingsStore.Loaded loaded = new SettingsStore(dir).load();
        assertEquals(AppSettings.DEFAULTS, loaded.settings());
        assertTrue(loaded.problem().isEmpty());
    }

    @Test
    void invalidValuesAreReportedAndReplacedButTheRestIsKept() throws IOException {
        Files.writeString(dir.resolve(SettingsStore.FILE_NAME), "theme=purple\nbackend=cuda\nwindow.width=abc\nlastLab=memory\n");
        SettingsStore.Loaded loaded = new SettingsStore(dir).load();
        assertEquals(Theme.LIGHT, loaded.settings().theme());
        assertEquals(BackendChoice.CUDA, loaded.settings().backend());
        assertEquals(AppSettings.DEFAULTS.width(), loaded.settings().width());
        assertEquals("memory", loaded.settings().lastLab());
        String problem = loaded.problem().orElseThrow();
        assertTrue(problem.contains("theme=purple") && problem.contains("window.width=abc"), problem);
        assertTrue(Files.exists(dir.resolve(SettingsStore.FILE_NAME + ".corrupt")), "the damaged file is kept");
    }

    @Test
    void unreadableFileGivesDefaultsAndAMessage() throws IOException {
        Files.writeString(dir.resolve(SettingsStore.FILE_NAME), "theme=\\uZZZZ\n");
        SettingsStore.Loaded loaded = new SettingsStore(dir).load();
        assertEquals(AppSettings.DEFAULTS, loaded.settings());
        assertTrue(loaded.problem().orElseThrow().contains("could not be read"));
    }

    @Test
    void absurdWindowSizesAreClamped() {
        AppSettings settings = new AppSettings(Theme.DARK, BackendChoice.CPU, 10, Double.NaN, "x");
        assertEquals(640, settings.width());
        assertEquals(480, settings.height());
    }
}
