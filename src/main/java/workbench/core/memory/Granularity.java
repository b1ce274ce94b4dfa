package workbench.core.memory;

/**
 * Which values share one quantization scale. A weight matrix here is (in, out) and used as x·W,
 * so its output channels are its columns: {@link #PER_COLUMN} is per-output-channel quantization.
 */
public enum Granularity {
    PER_TENSOR("per tensor"),
    PER_ROW("per row"),
    PER_COLUMN("per output channel (column)");

    private final String label;

    Granularity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
