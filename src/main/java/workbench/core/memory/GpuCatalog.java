package workbench.core.memory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The GPUs in {@code assets/data/gpus.csv}: name, memory_gb, memory_type, source. */
public final class GpuCatalog {

    public static final String RESOURCE = "/assets/data/gpus.csv";

    private GpuCatalog() {
    }

    public static List<Gpu> all() {
        try (InputStream in = GpuCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static List<Gpu> parse(BufferedReader reader) throws IOException {
        List<Gpu> gpus = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", 4);
            if (f.length != 4) {
                throw new IOException("line " + number + " of " + RESOURCE + " has " + f.length + " fields, expected 4");
            }
            try {
                gpus.add(new Gpu(f[0].trim(), Double.parseDouble(f[1].trim()), f[2].trim(), f[3].trim()));
            } catch (IllegalArgumentException bad) {
                throw new IOException("line " + number + " of " + RESOURCE + ": " + bad.getMessage());
            }
        }
        return List.copyOf(gpus);
    }
}
