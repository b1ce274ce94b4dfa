package workbench.core.backend;

import java.util.Locale;

/** The compute backend a user can ask for. */
public enum BackendChoice {
    CPU("org.nd4j.linalg.cpu.nativecpu.CpuBackend"),
    CUDA("org.nd4j.linalg.jcublas.JCublasBackend");

    private final String providerClass;

    BackendChoice(String providerClass) {
        this.providerClass = providerClass;
    }

    /** The ND4J backend class that implements this choice. */
    public String providerClass() {
        return providerClass;
    }

    /** Parses "cpu" or "cuda" (any case); anything else is an error that names the valid values. */
    public static BackendChoice parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "cpu" -> CPU;
            case "cuda", "gpu" -> CUDA;
            default -> throw new IllegalArgumentException(
                    "Unknown backend '" + text + "': use cpu or cuda.");
        };
    }

    public String label() {
        return name();
    }
}
