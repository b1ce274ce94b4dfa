package workbench.core.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Copies between INDArrays and plain Java arrays, which traces and views hold. */
public final class Arrays2D {

    private Arrays2D() {
    }

    /** A (rows, cols) float copy of a rank-2 array. */
    public static float[][] toFloat2D(INDArray array) {
        Shapes.requireRank(array, 2, "array");
        INDArray c = array.dataType() == DataType.FLOAT ? array : array.castTo(DataType.FLOAT);
        int rows = (int) c.size(0);
        int cols = (int) c.size(1);
        float[] flat = c.dup('c').data().asFloat();
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }

    /** A float copy of a rank-1 array, or of a (1, n) / (n, 1) array. */
    public static float[] toFloat1D(INDArray array) {
        INDArray c = array.dataType() == DataType.FLOAT ? array : array.castTo(DataType.FLOAT);
        return c.dup('c').data().asFloat();
    }

    /** A (rows, cols) float INDArray holding a copy of {@code values}. */
    public static INDArray fromFloat2D(float[][] values) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        float[] flat = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException("ragged array: row " + r + " has " + values[r].length
                        + " values, row 0 has " + cols);
            }
            System.arraycopy(values[r], 0, flat, r * cols, cols);
        }
        return Nd4j.create(flat, new long[]{rows, cols}, 'c');
    }

    /** Deep copy of a float matrix. */
    public static float[][] copy(float[][] values) {
        float[][] out = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].clone();
        }
        return out;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of a (rows, cols) matrix, copied. */
    public static float[][] rows(float[][] values, int from, int to) {
        float[][] out = new float[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = values[i].clone();
        }
        return out;
    }

    /** The largest absolute difference between two equally shaped matrices. */
    public static double maxAbsDiff(float[][] a, float[][] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("row counts differ: " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int r = 0; r < a.length; r++) {
            if (a[r].length != b[r].length) {
                throw new IllegalArgumentException("row " + r + " lengths differ");
            }
            for (int c = 0; c < a[r].length; c++) {
                max = Math.max(max, Math.abs((double) a[r][c] - b[r][c]));
            }
        }
        return max;
    }
}
