package workbench.core.memory;

import org.junit.jupiter.api.Test;
import workbench.core.tensor.Rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantizationTest {

    private static final float[][] SMALL = {{1f, -2f}, {0.5f, 4f}};

    @Test
    void int8PerTensorByHand() {
        // absmax 127 makes the scale exactly 1, so the ties below are real ties.
        float[][] w = {{1.5f, -2.5f}, {63.5f, 127f}};
        QuantizedMatrix q = AbsmaxQuantizer.quantize(w, 8, Granularity.PER_TENSOR);
        assertArrayEquals(new float[]{1f}, q.scales());
        assertArrayEquals(new byte[]{2, -2}, q.codes()[0]); // ties go to the even code
        assertArrayEquals(new byte[]{64, 127}, q.codes()[1]);
        assertArrayEquals(new float[]{2f, -2f}, q.dequantize()[0]);
        assertEquals(4 + 4, q.storageBytes()); // four int8 codes and one fp32 scale

        QuantizedMatrix small = AbsmaxQuantizer.quantize(SMALL, 8, Granularity.PER_TENSOR);
        assertArrayEquals(new float[]{4f / 127}, small.scales());
        assertArrayEquals(new byte[]{32, 16, 127}, new byte[]{small.codes()[0][0], small.codes()[1][0], small.codes()[1][1]});
    }

    @Test
    void int4PerTensorByHand() {
        float[][] w = {{1.5f, -2.5f}, {0.5f, -7f}};
        QuantizedMatrix q = AbsmaxQuantizer.quantize(w, 4, Granularity.PER_TENSOR);
        assertArrayEquals(new float[]{1f}, q.scales()); // 7 / 7
        assertArrayEquals(new byte[]{2, -2}, q.codes()[0]);
        assertArrayEquals(new byte[]{0, -7}, q.codes()[1]);
        assertEquals(2 + 4, q.storageBytes()); // four int4 codes in two bytes, one fp32 scale
        assertEquals(7, AbsmaxQuantizer.maxCode(4));
    }

    @Test
    void perColumnScalesByHand() {
        QuantizedMatrix q = AbsmaxQuantizer.quantize(SMALL, 8, Granularity.PER_COLUMN);
        assertArrayEquals(new float[]{1f / 127, 4f / 127}, q.scales());
        assertEquals(127, q.codes()[0][0]);
        assertEquals(127, q.codes()[1][1]);
        QuantizedMatrix rows = AbsmaxQuantizer.quantize(SMALL, 8, Granularity.PER_ROW);
        assertArrayEquals(new float[]{2f / 127, 4f / 127}, rows.scales());
    }

    @Test
    void errorIsAtMostHalfAScale() {
        Rng rng = new Rng(3);
        float[][] w = new float[64][48];
        for (int r = 0; r < w.length; r++) {
            for (int c = 0; c < w[r].length; c++) {
                w[r][c] = (float) (rng.nextGaussian() * 0.02 * (1 + c % 5)); // columns of different spread
            }
        }
        for (int bits : new int[]{8, 4}) {
            for (Granularity g : Granularity.values()) {
                QuantizedMatrix q = AbsmaxQuantizer.quantize(w, bits, g);
                float[][] back = q.dequantize();
                for (int r = 0; r < w.length; r++) {
                    for (int c = 0; c < w[r].length; c++) {
                        double error = Math.abs((double) back[r][c] - w[r][c]);
                        // scale/2 exactly, plus the float rounding of code x scale (half an ulp of the result)
                        double bound = q.scaleAt(r, c) / 2.0 + Math.ulp(back[r][c]) / 2.0;
                        assertTrue(error <= bound, bits + " bits " + g + " at " + r + "," + c + ": " + error + " > " + bound);
                    }
                }
            }
        }
    }

    @Test
    void perChannelIsAtLeastAsGoodWhenChannelsDiffer() {
        // Column 0 holds small weights, column 1 large ones: one shared scale wastes levels on column 0.
        Rng rng = new Rng(5);
        float[][] w = new float[100][2];
        for (float[] row : w) {
            row[0] = (float) (rng.nextGaussian() * 0.01);
            row[1] = (float) (rng.nextGaussian() * 10);
        }
        ErrorStats tensor = ErrorStats.between(w, AbsmaxQuantizer.quantize(w, 8, Granularity.PER_TENSOR).dequantize());
        ErrorStats channel = ErrorStats.between(w, AbsmaxQuantizer.quantize(w, 8, Granularity.PER_COLUMN).dequantize());
        assertTrue(channel.rmse() <= tensor.rmse(), channel + " vs " + tensor);
        // Column 0 alone: per-tensor rounds nearly all of it to code 0; per-channel keeps it.
        float[][] col0Tensor = column(AbsmaxQuantizer.quantize(w, 8, Granularity.PER_TENSOR).dequantize(), 0);
        float[][] col0Channel = column(AbsmaxQuantizer.quantize(w, 8, Granularity.PER_COLUMN).dequantize(), 0);
        float[][] col0 = column(w, 0);
        assertTrue(ErrorStats.between(col0, col0Channel).rmse() * 50 < ErrorStats.between(col0, col0Tensor).rmse());
    }

    @Test
    void zerosAndBadInput() {
        QuantizedMatrix zeros = AbsmaxQuantizer.quantize(new float[][]{{0f, 0f}}, 8, Granularity.PER_TENSOR);
        assertArrayEquals(new float[]{0f, 0f}, zeros.dequantize()[0]);
        assertThrows(IllegalArgumentException.class,
                () -> AbsmaxQuantizer.quantize(new float[][]{{1f, Float.NaN}}, 8, Granularity.PER_TENSOR));
        assertThrows(IllegalArgumentException.class,
                () -> AbsmaxQuantizer.quantize(new float[][]{{1f, 2f}, {3f}}, 8, Granularity.PER_TENSOR));
        assertThrows(IllegalArgumentException.class, () -> AbsmaxQuantizer.quantize(new float[0][0], 8, Granularity.PER_TENSOR));
        assertThrows(IllegalArgumentException.class, () -> AbsmaxQuantizer.quantize(SMALL, 3, Granularity.PER_TENSOR));
    }

    @Test
    void errorStatsByHand() {
        ErrorStats e = ErrorStats.between(new float[][]{{1f, -2f}, {3f, 0f}}, new float[][]{{1.5f, -2f}, {2f, 0f}});
        assertEquals(4, e.count());
        assertEquals(1.0, e.maxAbs());
        assertEquals(0.375, e.meanAbs()); // (0.5 + 0 + 1 + 0) / 4
        assertEquals(Math.sqrt(1.25 / 4), e.rmse()); // (0.25 + 1) / 4
        assertEquals(Math.sqrt(1.25 / 4) / Math.sqrt(14.0 / 4), e.relativeRmse(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> ErrorStats.between(new float[][]{{1f}}, new float[][]{{1f, 2f}}));
    }

    @Test
    void histogramByHand() {
        float[][] v = {{-1f, -0.5f, 0f}, {0.25f, 1f, 2f, Float.NaN}};
        Histogram h = Histogram.of(v, -1, 1, 4); // bins [-1,-0.5) [-0.5,0) [0,0.5) [0.5,1]
        assertArrayEquals(new long[]{1, 1, 2, 1}, h.counts());
        assertEquals(0, h.below());
        assertEquals(1, h.above());
        assertEquals(1, h.nonFinite());
        assertEquals(7, h.total());
        assertEquals(-0.5, h.binStart(1));
        Histogram s = Histogram.symmetric(new float[][]{{-3f, 1f}}, 2);
        assertEquals(-3, s.lo());
        assertEquals(3, s.hi());
        assertArrayEquals(new long[]{1, 1}, s.counts());
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(v, 1, 1, 4));
    }

    @Test
    void computeOptimalRule() {
        ComputeOptimal llama = ComputeOptimal.forParameters(7_000_000_000L);
        assertEquals(140e9, llama.tokens());
        assertEquals(6 * 7e9 * 140e9, llama.trainingFlops());
        ComputeOptimal data = ComputeOptimal.forTokens(1_400_000_000_000L); // Chinchilla: 1.4T tokens
        assertEquals(70e9, data.parameters());
        assertThrows(IllegalArgumentException.class, () -> ComputeOptimal.forParameters(0));
    }

    private static float[][] column(float[][] w, int c) {
        float[][] out = new float[w.length][1];
        for (int r = 0; r < w.length; r++) {
            out[r][0] = w[r][c];
        }
        return out;
    }
}
