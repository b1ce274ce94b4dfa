package workbench.core.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a requirement onto GPUs. Assumptions, the same everywhere in the lab: a GPU's nominal memory
 * is read as GiB and {@link #USABLE_FRACTION} of it is usable by the model (the rest goes to the
 * CUDA context, the framework's allocator and fragmentation); when one GPU is too small, the
 * requirement is split evenly over several (tensor or pipeline parallelism for inference, sharded
 * weights, gradients and optimizer states for training) with no copy held twice.
 */
public final class GpuFits {

    public static final double USABLE_FRACTION = 0.90;

    private GpuFits() {
    }

    public static long usableBytes(Gpu gpu) {
        return (long) Math.floor(gpu.nominalBytes() * USABLE_FRACTION);
    }

    public static GpuFit fit(long requiredBytes, Gpu gpu) {
        if (requiredBytes < 0) {
            throw new IllegalArgumentException("a requirement cannot be negative: " + requiredBytes);
        }
        long usable = usableBytes(gpu);
        long count = Math.max(1, requiredBytes / usable + (requiredBytes % usable == 0 ? 0 : 1)); // ceiling
        return new GpuFit(gpu, requiredBytes, usable, count);
    }

    public static List<GpuFit> fit(long requiredBytes, List<Gpu> gpus) {
        List<GpuFit> fits = new ArrayList<>(gpus.size());
        for (Gpu gpu : gpus) {
            fits.add(fit(requiredBytes, gpu));
        }
        return List.copyOf(fits);
    }
}
