package workbench.core.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The published configurations in {@code assets/data/published-models.csv}. */
public final class PublishedModels {

    public static final String RESOURCE = "/assets/data/published-models.csv";

    private PublishedModels() {
    }

    public static List<PublishedModel> all() {
        try (InputStream in = PublishedModels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    public static Optional<PublishedModel> find(String name) {
        return all().stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst();
    }

    static List<PublishedModel> parse(BufferedReader reader) throws IOException {
        List<PublishedModel> models = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", 11);
            if (f.length != 11) {
                throw new IOException("line " + number + " of " + RESOURCE + " has " + f.length + " fields, expected 11");
            }
            try {
                models.add(new PublishedModel(f[0].trim(), Long.parseLong(f[1].trim()), Integer.parseInt(f[2].trim()),
                        Integer.parseInt(f[3].trim()), Integer.parseInt(f[4].trim()), Integer.parseInt(f[5].trim()),
                        Integer.parseInt(f[6].trim()), Integer.parseInt(f[7].trim()), Integer.parseInt(f[8].trim()),
                        Integer.parseInt(f[9].trim()), f[10].trim()));
            } catch (NumberFormatException bad) {
                throw new IOException("line " + number + " of " + RESOURCE + ": " + bad.getMessage());
            }
        }
        return List.copyOf(models);
    }
}
