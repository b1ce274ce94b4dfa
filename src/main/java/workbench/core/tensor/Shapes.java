package workbench.core.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** Shape checks that fail with a message naming the tensor and both shapes. */
public final class Shapes {

    private Shapes() {
    }

    public static void requireRank(INDArray array, int rank, String name) {
        if (array.rank() != rank) {
            throw new IllegalArgumentException(name + " must have rank " + rank + ", has shape "
                    + Arrays.toString(array.shape()));
        }
    }

    /** Checks the full shape; a -1 in {@code expected} matches any size. */
    public static void require(INDArray array, String name, long... expected) {
        long[] shape = array.shape();
        boolean ok = shape.length == expected.length;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = expected[i] < 0 || expected[i] == shape[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(name + " must have shape " + Arrays.toString(expected)
                    + " (-1 = any), has " + Arrays.toString(shape));
        }
    }

    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
