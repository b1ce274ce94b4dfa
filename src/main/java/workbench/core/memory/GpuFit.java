package workbench.core.memory;

/**
 * Whether a memory requirement fits on one GPU, and how many such GPUs it needs otherwise.
 *
 * @param gpu         the GPU
 * @param required    bytes needed
 * @param usableBytes bytes of one GPU counted as usable
 * @param count       GPUs needed, at least 1
 */
public record GpuFit(Gpu gpu, long required, long usableBytes, long count) {

    public boolean fitsOnOne() {
        return count == 1;
    }

    /** Share of one GPU's usable memory that the requirement takes (above 1 when it does not fit). */
    public double share() {
        return required / (double) usableBytes;
    }
}
