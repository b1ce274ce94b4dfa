package workbench.app;

import picocli.CommandLine.Option;
import workbench.core.backend.BackendChoice;

/** Options that shape one run of the desktop app; they override the saved settings for that run. */
public final class GuiOptions {

    @Option(names = "--backend", paramLabel = "cpu|cuda", converter = BackendConverter.class,
            description = "Compute backend for ND4J (default: the saved setting, initially cpu).")
    BackendChoice backend;

    @Option(names = "--lab", paramLabel = "ID", description = "Open this lab first, e.g. attention.")
    String lab;

    @Option(names = "--theme", paramLabel = "light|dark|projector", description = "Theme for this run.")
    String theme;

    public BackendChoice backend() {
        return backend;
    }

    public String lab() {
        return lab;
    }

    public String theme() {
        return theme;
    }

    /** Picocli converter so that a bad value reads "Unknown backend 'x': use cpu or cuda." */
    public static final class BackendConverter implements picocli.CommandLine.ITypeConverter<BackendChoice> {
        @Override
        public BackendChoice convert(String value) {
            return BackendChoice.parse(value);
        }
    }
}
