package workbench.ui.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;

import java.util.Objects;

/** Holds the current theme and applies it to scenes; canvases listen to {@link #themeProperty()}. */
public final class ThemeManager {

    private static final String BASE = "/workbench/ui/workbench.css";

    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);

    public ThemeManager(Theme initial) {
        theme.set(Objects.requireNonNull(initial));
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public Theme theme() {
        return theme.get();
    }

    public void setTheme(Theme value) {
        theme.set(Objects.requireNonNull(value));
    }

    /** Applies the current theme to {@code scene} now and whenever the theme changes. */
    public void attach(Scene scene) {
        apply(scene, theme.get());
        theme.addListener((obs, old, now) -> apply(scene, now));
    }

    private static void apply(Scene scene, Theme value) {
        scene.getStylesheets().setAll(url(BASE), url(value.stylesheet()));
    }

    private static String url(String resource) {
        return Objects.requireNonNull(ThemeManager.class.getResource(resource), resource).toExternalForm();
    }
}
