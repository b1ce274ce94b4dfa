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
 * @param reference   (N, dv) what the source itself computed from these Q, K, V (a model head's output),
 *                    for the tiled output to be compared with; null when there is none
 * @param referenceName what the reference is, for example "the model's own output of layer 1, head 2"
 */
public record QkvInput(float[][] q, float[][] k, float[][] v, List<String> labels, String description,
                       float[][] reference, String referenceName) {

    public QkvInput {
        labels = List.copyOf(labels);
        if (reference != null && (reference.length != q.length || referenceName == null)) {
            throw new IllegalArgumentException("a reference needs one row per query and a name");
        }
    }

    /** Inputs with nothing to compare the output with (synthetic data). */
    public QkvInput(float[][] q, float[][] k, float[][] v, List<String> labels, String description) {
        this(q, k, v, labels, description, null, null);
    }

    public boolean hasReference() {
        return reference != null;
    }

    public int length() {
        return q.length;
    }

    public int width() {
        return q.length == 0 ? 0 : q[0].length;
    }
}
