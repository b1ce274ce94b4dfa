package workbench.ui.flash;

/**
 * Where the FlashAttention lab gets its Q, K and V. Synthetic data for now; a source that reads
 * one head of the attention lab's current prompt can replace it without touching the view.
 */
public interface QkvSource {

    /** Whether the lab may choose N and d (synthetic data) or they are fixed by the source (a real prompt). */
    boolean resizable();

    /**
     * Loads Q, K, V. A resizable source returns (n, d) matrices; a fixed one ignores n and d.
     */
    QkvInput load(int n, int d);
}
