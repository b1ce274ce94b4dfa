package workbench.core.memory;

/**
 * A GPU and its nominal memory.
 *
 * @param name       e.g. "NVIDIA A100 80GB"
 * @param memoryGb   nominal memory as the vendor states it, read as GiB
 * @param memoryType e.g. "HBM3"
 * @param source     where the figure comes from
 */
public record Gpu(String name, double memoryGb, String memoryType, String source) {

    public Gpu {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a GPU needs a name");
        }
        if (!(memoryGb > 0 && memoryGb < 1e6)) {
            throw new IllegalArgumentException("memory of " + name + " must be positive, is " + memoryGb);
        }
    }

    /** Nominal capacity in bytes (GiB). */
    public long nominalBytes() {
        return Math.round(memoryGb * ByteSize.GIB);
    }
}
