package workbench.ui.embeddings;

import workbench.core.embedding.EmbeddingProjection;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Embeddings lab shows, without JavaFX: the two projections (the token table and the
 * prompt's residual stream), the chosen layer, and the two picked points. Indices are points of
 * the projection on screen: vocabulary ids for the table, positions for the prompt.
 */
final class EmbeddingsState {

    /** The layer value that shows the token-embedding table instead of the prompt. */
    static final int TABLE = -1;

    EmbeddingProjection table;
    EmbeddingProjection prompt;
    /** Why there is no prompt projection (empty or unencodable prompt), or null. */
    String promptProblem;
    int layer = TABLE;
    int selected = -1;
    int compare = -1;
    /** Token names set before their projection was ready; resolved by {@link #settle()}. */
    String pendingToken;
    String pendingCompare;
    private int maxLayer = 64;

    EmbeddingProjection current() {
        return layer == TABLE ? table : prompt;
    }

    /** The stage of {@link #current()} on screen: 0 for the table, the layer for the prompt. */
    int stage() {
        return layer == TABLE ? 0 : layer;
    }

    /** A new model with {@code layers} blocks: both projections are stale, the layer is cut to fit. */
    void modelChanged(int layers) {
        table = null;
        prompt = null;
        maxLayer = layers;
        layer = Math.min(layer, layers);
    }

    /** The table arrived; the first time, 'e' is picked and compared with 'a'. */
    void tableReady(EmbeddingProjection projection) {
        table = projection;
        if (layer == TABLE && selected < 0) {
            pickDefaults();
        }
    }

    void pickDefaults() {
        selected = table == null ? -1 : Math.max(0, table.labels().indexOf("e"));
        compare = table == null ? -1 : table.labels().indexOf("a");
    }

    /** Shows the table ({@link #TABLE}) or stage {@code value} of the prompt, keeping the picked tokens. */
    void setLayer(int value) {
        if (value < TABLE || value > maxLayer) {
            throw new IllegalArgumentException("layer must be 'table' or a layer from 0 to " + maxLayer + ", not " + value);
        }
        EmbeddingProjection before = current();
        boolean wasTable = layer == TABLE;
        layer = value;
        if (wasTable != (value == TABLE) && before != null && current() != null) {
            selected = carry(before, current(), selected);
            compare = carry(before, current(), compare);
        }
    }

    /** A click: the first pick, or (with {@code second}) the token to compare with; picking the first again clears it. */
    void pick(int index, boolean second) {
        if (second) {
            compare = index == selected ? -1 : index;
        } else {
            selected = index;
        }
    }

    /**
     * Resolves pending names against the projection on screen and keeps the picks valid.
     *
     * @return the names that matched no token
     */
    List<String> settle() {
        List<String> unmatched = new ArrayList<>();
        EmbeddingProjection p = current();
        if (p == null) {
            return unmatched;
        }
        if (pendingToken != null) {
            selected = TokenNames.find(p, pendingToken);
            if (selected < 0) {
                unmatched.add(pendingToken);
            }
            pendingToken = null;
        }
        if (pendingCompare != null) {
            compare = TokenNames.find(p, pendingCompare);
            if (compare < 0 && !pendingCompare.equalsIgnoreCase("none")) {
                unmatched.add(pendingCompare);
            }
            pendingCompare = null;
        }
        selected = selected >= p.size() ? -1 : selected;
        compare = compare >= p.size() || compare == selected ? -1 : compare;
        if (selected < 0 && compare >= 0) {
            selected = compare;
            compare = -1;
        }
        return unmatched;
    }

    /** The same token in the other view: a vocabulary id becomes its first position in the prompt, and back. */
    static int carry(EmbeddingProjection from, EmbeddingProjection to, int index) {
        if (index < 0 || index >= from.size()) {
            return -1;
        }
        int id = from.tokenIds()[index];
        for (int i = 0; i < to.size(); i++) {
            if (to.tokenIds()[i] == id) {
                return i;
            }
        }
        return -1;
    }
}
