package workbench.core.catalog;

import workbench.core.io.CsvResource;

import java.util.List;
import java.util.Optional;

/** The published configurations in {@code assets/data/published-models.csv}. */
public final class PublishedModels {

    public static final String RESOURCE = "/assets/data/published-models.csv";

    private PublishedModels() {
    }

    public static List<PublishedModel> all() {
        return CsvResource.read(RESOURCE, 11, f -> new PublishedModel(f[0], Long.parseLong(f[1]),
                Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                Integer.parseInt(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]), Integer.parseInt(f[9]), f[10]));
    }

    public static Optional<PublishedModel> find(String name) {
        return all().stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst();
    }
}
