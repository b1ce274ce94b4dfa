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
            // scores 128·256 + [V_j | 1] 256·65 + [O | l] 128·65 + three row maxima 3·128 + log-sum-exp 1000, in floats
            assertEquals(4L * (128 * 256 + 256 * 65 + 128 * 65 + 3 * 128 + 1000), tiled.extraBytes());
            assertEquals(128, tiled.blockRows());
        }
    }

    @Test
    void tiledEqualsTheOracleOverASweepOfSizesBlocksAndMasks() {
        Rng rng = new Rng(11);
        // {N, d, Br, Bc}: blocks that divide N, ragged last blocks, Br above and below Bc, one block, 1×1 blocks
        int[][] cases = {{64, 8, 16, 16}, {61, 8, 16, 16}, {50, 4, 7, 13}, {50, 4, 13, 7}, {33, 16, 64, 64},
                {20, 3, 1, 1}, {100, 8, 32, 9}, {1, 4, 8, 8}, {130, 64, 128, 32}};
        for (int[] c : cases) {
            for (boolean causal : new boolean[]{false, true}) {
                int n = c[0];
                int d = c[1];
                float[][] q = rng.gaussian(n, d, 1.5);
                float[][] k = rng.gaussian(n, d, 1.5);
                float[][] v = rng.gaussian(n, d, 1.0);
                boolean[][] mask = causal ? NaiveAttention.causalMask(n) : NaiveAttention.fullMask(n, n);
                float[][] expected = NaiveAttention.attend(q, k, v, mask);
                INDArray out = Nd4j.create(DataType.FLOAT, n, d);
                try (Nd4jTiledAttention tiled = new Nd4jTiledAttention(n, n, d, new BlockSizes(c[2], c[3]), causal)) {
                    tiled.attend(Arrays2D.fromFloat2D(q), Arrays2D.fromFloat2D(k), Arrays2D.fromFloat2D(v), out);
                    double diff = Arrays2D.maxAbsDiff(expected, Arrays2D.toFloat2D(out));
                    String what = java.util.Arrays.toString(c) + (causal ? " causal" : "");
                    assertTrue(diff < 2e-5, what + ": " + diff);
                    assertEquals(0, tiled.fallbackBlocks(), what + ": ordinary scores take the fast pass");
                }
            }
        }
    }

    @Test
    void hugeScoresFallBackToTheRunningMaxAndStayExact() {
        int n = 96;
        int d = 17;
        Rng rng = new Rng(3);
        float[][] q = rng.gaussian(n, d, 1.0);
        float[][] k = rng.gaussian(n, d, 1.0);
        float[][] v = rng.gaussian(n, d, 1.0);
        for (int i = 0; i < n; i++) {
            k[i][d - 1] = 1; // the last column of q then adds the same shift to every score of its row
            q[i][d - 1] = 0;
            float norm = 0;
            for (int t = 0; t < d - 1; t++) {
                norm += q[i][t] * q[i][t];
            }
            for (int t = 0; t < d - 1 && i < 40; t++) {
                q[i][t] *= 120f * (float) Math.sqrt(d) / (float) Math.sqrt(norm); // scores of about ±120: exp overflows
            }
            if (i >= 80) {
                q[i][d - 1] = -120f * (float) Math.sqrt(d); // every score about -120: every exp underflows
            }
        }
        INDArray qa = Arrays2D.fromFloat2D(q);
        INDArray ka = Arrays2D.fromFloat2D(k);
        INDArray va = Arrays2D.fromFloat2D(v);
        for (boolean causal : new boolean[]{false, true}) {
            float[][] expected = NaiveAttention.attend(q, k, v,
                    causal ? NaiveAttention.causalMask(n) : NaiveAttention.fullMask(n, n));
            INDArray out = Nd4j.create(DataType.FLOAT, n, d);
            try (Nd4jTiledAttention tiled = new Nd4jTiledAttention(n, n, d, new BlockSizes(16, 24), causal)) {
                tiled.attend(qa, ka, va, out);
                String what = causal ? "causal" : "bidirectional";
                // Query blocks 0-2 (rows 0-47) hold overflowing rows, block 5 (rows 80-95) underflowing ones.
                assertEquals(4, tiled.fallbackBlocks(), what);
                double diff = Arrays2D.maxAbsDiff(expected, Arrays2D.toFloat2D(out));
                assertTrue(diff < 1e-4, what + ": " + diff);
            }
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
