package workbench.ui.flash;

import java.util.List;

/**
 * The queries, keys and values the FlashAttention lab tiles.
 *
 * @param q           (N, d)
 * @param k           (N, d)
 * @param v           (N, dv)
 * @param labels      one label per position (token text, or the index for synthetic data)
 * @param description where the numbers come from, shown above the matrices
 */
public record QkvInput(float[][] q, float[][] k, float[][] v, List<String> labels, String description) {

    public QkvInput {
        labels = List.copyOf(labels);
    }

    public int length() {
        return q.length;
    }

    public int width() {
        return q.length == 0 ? 0 : q[0].length;
    }
}
