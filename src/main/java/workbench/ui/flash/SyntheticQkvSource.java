package workbench.ui.flash;

import workbench.core.tensor.Rng;

import java.util.ArrayList;
import java.util.List;

/** Q, K, V drawn from N(0, 1) with a seeded {@link Rng}: the same seed gives the same matrices. */
public record SyntheticQkvSource(long seed) implements QkvSource {

    @Override
    public boolean resizable() {
        return true;
    }

    @Override
    public QkvInput load(int n, int d) {
        Rng rng = new Rng(seed);
        float[][] q = rng.gaussian(n, d, 1.0); // (N, d)
        float[][] k = rng.gaussian(n, d, 1.0); // (N, d)
        float[][] v = rng.gaussian(n, d, 1.0); // (N, d)
        List<String> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            labels.add(String.valueOf(i));
        }
        return new QkvInput(q, k, v, labels, "Synthetic Q, K, V ~ N(0, 1), seed " + seed);
    }
}
