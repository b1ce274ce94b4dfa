package workbench.core.backend;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A class loader that hides the service files naming some provider classes. ND4J discovers its
 * backends with {@link java.util.ServiceLoader}; hiding the CUDA backend's entry is how we keep
 * ND4J on the CPU when both backends are on the class path.
 */
final class ServiceHidingClassLoader extends ClassLoader {

    private final String serviceFile;
    private final List<String> hiddenProviders;

    ServiceHidingClassLoader(ClassLoader parent, String serviceName, List<String> hiddenProviders) {
        super(parent);
        this.serviceFile = "META-INF/services/" + serviceName;
        this.hiddenProviders = List.copyOf(hiddenProviders);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!serviceFile.equals(name)) {
            return all;
        }
        List<URL> kept = new ArrayList<>();
        for (URL url : Collections.list(all)) {
            if (!namesHiddenProvider(url)) {
                kept.add(url);
            }
        }
        return Collections.enumeration(kept);
    }

    private boolean namesHiddenProvider(URL url) {
        try (InputStream in = url.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return hiddenProviders.stream().anyMatch(text::contains);
        } catch (IOException unreadable) {
            return false;
        }
    }
}
