package workbench.core.memory;

import workbench.core.tensor.ParameterSet;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-Java snapshot of every parameter of a model, for looking weights up without touching
 * ND4J: one copy of the flat parameter buffer, sliced by the parameter layout.
 *
 * @param tensors every parameter, in the model's order
 */
public record ModelWeights(List<Tensor> tensors) {

    /**
     * One parameter.
     *
     * @param name   e.g. "h0.attn.wq"
     * @param rows   rows (1 for a 1-D parameter)
     * @param cols   columns (the length of a 1-D parameter)
     * @param vector true for a 1-D parameter
     * @param values (rows x cols) row-major
     */
    public record Tensor(String name, int rows, int cols, boolean vector, float[] values) {

        /** A matrix parameter from (rows, cols) values. */
        public static Tensor of(String name, float[][] matrix) {
            int rows = matrix.length;
            int cols = matrix[0].length;
            float[] flat = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(matrix[r], 0, flat, r * cols, cols);
            }
            return new Tensor(name, rows, cols, false, flat);
        }

        public float at(int row, int col) {
            return values[row * cols + col];
        }

        /** The values as (rows, cols), copied. */
        public float[][] matrix() {
            float[][] out = new float[rows][cols];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(values, r * cols, out[r], 0, cols);
            }
            return out;
        }
    }

    public ModelWeights {
        tensors = List.copyOf(tensors);
    }

    /** Copies {@code parameters} (all of them, in one read of the flat buffer). */
    public static ModelWeights of(ParameterSet parameters) {
        float[] flat = parameters.flat().dup().data().asFloat(); // (N) in layout order
        List<Tensor> tensors = new ArrayList<>();
        int offset = 0;
        for (ParameterSet.Spec spec : parameters.specs()) {
            int size = (int) spec.size();
            float[] values = new float[size];
            System.arraycopy(flat, offset, values, 0, size);
            offset += size;
            boolean vector = spec.shape().length == 1;
            tensors.add(new Tensor(spec.name(), vector ? 1 : (int) spec.shape()[0],
                    vector ? size : (int) spec.shape()[1], vector, values));
        }
        return new ModelWeights(tensors);
    }

    public List<String> names() {
        return tensors.stream().map(Tensor::name).toList();
    }

    public boolean contains(String name) {
        return tensors.stream().anyMatch(t -> t.name().equals(name));
    }

    public Tensor tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The model has no parameter called '" + name + "'."));
    }

    /** Values of every parameter together. */
    public long count() {
        return tensors.stream().mapToLong(t -> t.values().length).sum();
    }
}
