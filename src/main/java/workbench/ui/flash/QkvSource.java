package workbench.ui.flash;

import java.util.Optional;

/**
 * Where the FlashAttention lab gets its Q, K and V: synthetic data of any size
 * ({@link SyntheticQkvSource}) or one head of the trained model on the shared prompt
 * ({@link ModelQkvSource}). {@link #load} may be slow and runs off the FX thread.
 */
public interface QkvSource {

    /** Whether the lab may choose N and d (synthetic data) or they are fixed by the source (a real prompt). */
    boolean resizable();

    /**
     * Loads Q, K, V. A resizable source returns (n, d) matrices; a fixed one ignores n and d.
     *
     * @throws IllegalArgumentException with a sentence for the user when the source cannot give any (a prompt
     *                                  the model cannot read, for example)
     */
    QkvInput load(int n, int d);

    /** The mask the source's own computation used (true = causal), when the lab must match it to compare. */
    default Optional<Boolean> causal() {
        return Optional.empty();
    }
}
