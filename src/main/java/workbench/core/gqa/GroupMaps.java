package workbench.core.gqa;

import workbench.core.attention.GroupedQueryAttention;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MiniTransformer;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.LayerTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The attention maps of every query head of one layer, for the same prompt run through several
 * versions of a model (the trained MHA model first, then its conversions), with how far each
 * head's map moved away from the first version's.
 *
 * @param layer   the layer shown
 * @param tokens  (T) how each token reads
 * @param allowed (T, T) true where query i may attend to key j
 * @param rows    one row per model, the reference first
 */
public record GroupMaps(int layer, List<String> tokens, boolean[][] allowed, List<Row> rows) {

    public GroupMaps {
        tokens = List.copyOf(tokens);
        rows = List.copyOf(rows);
    }

    /** A model to run, with the label its row is shown under. */
    public record Version(String label, MiniTransformer model) {
    }

    /**
     * One model's maps.
     *
     * @param label   e.g. "MHA (trained)" or "GQA-2, mean-pooled"
     * @param kvHeads K/V heads per layer of this model
     * @param groups  (kvHeads, heads / kvHeads) the query heads sharing each K/V head
     * @param weights (nh, T, T) attention weights of each query head; rows sum to 1
     * @param shift   (nh) for each head, the mean over query positions of the total-variation
     *                distance ½·Σⱼ|w − w₀| to the same head in the first row: 0 = the same map,
     *                1 = attention moved entirely to other tokens
     */
    public record Row(String label, int kvHeads, int[][] groups, float[][][] weights, double[] shift) {
        public int heads() {
            return weights.length;
        }
    }

    /**
     * Runs {@code ids} through each version and keeps layer {@code layer}'s maps. The versions must
     * share vocabulary, context and head count (conversions of one model do).
     *
     * @param ids (T) token ids, 1 <= T <= context length
     */
    public static GroupMaps of(List<Version> versions, int[] ids, int layer, IntFunction<String> tokenText) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("give at least one model");
        }
        int layers = versions.get(0).model().config().layers();
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("layer must be in 0.." + (layers - 1) + ", is " + layer);
        }
        List<Row> rows = new ArrayList<>();
        List<String> tokens = null;
        boolean[][] allowed = null;
        float[][][] reference = null;
        for (Version version : versions) {
            ForwardTrace trace = version.model().trace(ids, ForwardOptions.NONE, tokenText);
            LayerTrace l = trace.layers().get(layer);
            if (reference == null) {
                reference = l.weights();
                tokens = trace.tokens();
                allowed = l.allowed();
            } else if (l.heads() != reference.length) {
                throw new IllegalArgumentException("every version needs " + reference.length + " query heads, "
                        + version.label() + " has " + l.heads());
            }
            double[] shift = new double[l.heads()];
            for (int h = 0; h < shift.length; h++) {
                shift[h] = meanTotalVariation(l.weights()[h], reference[h]);
            }
            rows.add(new Row(version.label(), l.kvHeads(), GroupedQueryAttention.groups(l.heads(), l.kvHeads()),
                    l.weights(), shift));
        }
        return new GroupMaps(layer, tokens, allowed, rows);
    }

    /**
     * Mean over rows of ½·Σⱼ|aᵢⱼ − bᵢⱼ|, for two (T, T) maps whose rows are distributions.
     * Masked entries are 0 in both, so they add nothing.
     */
    public static double meanTotalVariation(float[][] a, float[][] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("maps of " + a.length + " and " + b.length + " rows");
        }
        if (a.length == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double row = 0;
            for (int j = 0; j < a[i].length; j++) {
                row += Math.abs(a[i][j] - b[i][j]);
            }
            sum += row / 2;
        }
        return sum / a.length;
    }

    public int length() {
        return tokens.size();
    }
}
