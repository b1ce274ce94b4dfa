package workbench.core.attention;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.Rng;

import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Nd4jAttentionTest {

    @Test
    void naiveAndTiledEqualTheOracle() {
        Rng rng = new Rng(5);
        for (int[] c : new int[][]{{37, 8, 8, 16}, {16, 4, 16, 16}, {9, 3, 1, 1}, {40, 6, 7, 13}, {5, 2, 64, 64}}) {
            int n = c[0];
            int d = c[1];
            float[][] q = rng.gaussian(n, d, 1.5);
            float[][] k = rng.gaussian(n, d, 1.5);
            float[][] v = rng.gaussian(n, d, 1.0);
            float[][] expected = NaiveAttention.attend(q, k, v, NaiveAttention.fullMask(n, n));
            INDArray qa = Arrays2D.fromFloat2D(q);
            INDArray ka = Arrays2D.fromFloat2D(k);
            INDArray va = Arrays2D.fromFloat2D(v);
            INDArray out = Nd4j.create(DataType.FLOAT, n, d);
            try (Nd4jNaiveAttention naive = new Nd4jNaiveAttention(n, n)) {
                naive.attend(qa, ka, va, out);
                assertTrue(Arrays2D.maxAbsDiff(expected, Arrays2D.toFloat2D(out)) < 1e-5);
            }
            out.assign(0);
            try (Nd4jTiledAttention tiled = new Nd4jTiledAttention(n, n, d, new BlockSizes(c[2], c[3]))) {
                tiled.attend(qa, ka, va, out);
                double diff = Arrays2D.maxAbsDiff(expected, Arrays2D.toFloat2D(out));
                assertTrue(diff < 1e-5, "case " + java.util.Arrays.toString(c) + ": " + diff);
                tiled.attend(qa, ka, va, out); // buffers are reused: a second call gives the same result
                assertTrue(Arrays2D.maxAbsDiff(expected, Arrays2D.toFloat2D(out)) < 1e-5);
            }
        }
    }

    @Test
    void extraMemoryIsTheBuffersItHolds() {
        try (Nd4jNaiveAttention naive = new Nd4jNaiveAttention(1024, 1024)) {
            assertEquals(1024L * 1024 * 4, naive.extraBytes()); // one N×N float matrix
        }
        try (Nd4jTiledAttention tiled = new Nd4jTiledAttention(1000, 1000, 64, new BlockSizes(128, 256))) {
            // scores 128·256 + accumulator 128·64 + four row statistics 4·128 + log-sum-exp 1000 + ones 256, in floats
            assertEquals(4L * (128 * 256 + 128 * 64 + 4 * 128 + 1000 + 256), tiled.extraBytes());
            assertEquals(128, tiled.blockRows());
        }
    }

    @Test
    void tiledStopsWhenCancelled() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 4);
        INDArray out = Nd4j.create(DataType.FLOAT, 32, 4);
        try (Nd4jTiledAttention tiled = new Nd4jTiledAttention(32, 32, 4, new BlockSizes(8, 8))) {
            assertThrows(CancellationException.class, () -> tiled.attend(x, x, x, out, () -> true));
        }
    }
}
