package workbench.core.memory;

import workbench.core.io.CsvResource;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/** The GPUs in {@code assets/data/gpus.csv}: name, memory_gb, memory_type, source. */
public final class GpuCatalog {

    public static final String RESOURCE = "/assets/data/gpus.csv";
    private static final int FIELDS = 4;

    private GpuCatalog() {
    }

    public static List<Gpu> all() {
        return CsvResource.read(RESOURCE, FIELDS, GpuCatalog::gpu);
    }

    static List<Gpu> parse(BufferedReader reader) throws IOException {
        return CsvResource.parse(reader, RESOURCE, FIELDS, GpuCatalog::gpu);
    }

    private static Gpu gpu(String[] f) {
        return new Gpu(f[0], Double.parseDouble(f[1]), f[2], f[3]);
    }
}
