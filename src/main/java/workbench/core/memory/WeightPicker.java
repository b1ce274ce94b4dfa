package workbench.core.memory;

import workbench.core.tensor.Rng;

import java.util.ArrayList;
import java.util.List;

/** Finds one real weight of a model: at an index, the largest or smallest in magnitude, or at random. */
public final class WeightPicker {

    /** Search every parameter tensor (for the largest, smallest and random rules). */
    public static final String ANY_TENSOR = "(any tensor)";

    public enum Rule {
        AT_INDEX("at row, column"),
        LARGEST("largest |w|"),
        SMALLEST("smallest |w|"),
        RANDOM("random (seeded)");

        private final String label;

        Rule(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private WeightPicker() {
    }

    /** The tensors to choose from: {@link #ANY_TENSOR}, then every parameter in the model's order. */
    public static List<String> choices(ModelWeights weights) {
        List<String> out = new ArrayList<>();
        out.add(ANY_TENSOR);
        out.addAll(weights.names());
        return out;
    }

    /**
     * Picks a weight. Ties go to the first in parameter order, then row-major order. A random pick
     * draws one index uniformly over every value searched, from {@code new Rng(seed)}.
     *
     * @param row the row for {@link Rule#AT_INDEX} (0 for a 1-D parameter), ignored otherwise
     * @param col the column for {@link Rule#AT_INDEX}, ignored otherwise
     * @throws IllegalArgumentException with a message for the user for an unknown tensor or an index outside it
     */
    public static PickedWeight pick(ModelWeights weights, String tensor, Rule rule, int row, int col, long seed) {
        boolean any = ANY_TENSOR.equals(tensor);
        List<ModelWeights.Tensor> searched = any ? weights.tensors() : List.of(weights.tensor(tensor));
        if (rule == Rule.AT_INDEX) {
            if (any) {
                throw new IllegalArgumentException("Choose a tensor to pick a weight by row and column.");
            }
            ModelWeights.Tensor t = searched.get(0);
            if (row < 0 || row >= t.rows() || col < 0 || col >= t.cols()) {
                throw new IllegalArgumentException(t.name() + " has " + t.rows() + " row" + (t.rows() == 1 ? "" : "s")
                        + " and " + t.cols() + " columns: the row must be 0 to " + (t.rows() - 1)
                        + " and the column 0 to " + (t.cols() - 1) + ", not " + row + ", " + col + ".");
            }
            return found(t, row * t.cols() + col, rule, 0);
        }
        if (rule == Rule.RANDOM) {
            long total = searched.stream().mapToLong(t -> t.values().length).sum();
            long target = new Rng(seed).nextInt((int) total); // a model here has far fewer than 2^31 values
            for (ModelWeights.Tensor t : searched) {
                if (target < t.values().length) {
                    return found(t, (int) target, rule, seed);
                }
                target -= t.values().length;
            }
        }
        ModelWeights.Tensor bestTensor = null;
        int bestIndex = -1;
        double bestMagnitude = rule == Rule.LARGEST ? -1 : Double.POSITIVE_INFINITY;
        for (ModelWeights.Tensor t : searched) {
            float[] v = t.values();
            for (int i = 0; i < v.length; i++) {
                double m = Math.abs(v[i]);
                if (rule == Rule.LARGEST ? m > bestMagnitude : m < bestMagnitude) {
                    bestMagnitude = m;
                    bestTensor = t;
                    bestIndex = i;
                }
            }
        }
        return found(bestTensor, bestIndex, rule, 0);
    }

    private static PickedWeight found(ModelWeights.Tensor t, int index, Rule rule, long seed) {
        return new PickedWeight(t.name(), t.vector(), index / t.cols(), index % t.cols(), t.values()[index], rule, seed);
    }
}
