package workbench.core.embedding;

import org.junit.jupiter.api.Test;
import workbench.core.tensor.Rng;
import workbench.core.trace.RopeTrace;
import workbench.core.trace.SinusoidalTrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionalDemoTest {

    @Test
    void sinusoidalTableFollowsTheFormula() {
        SinusoidalTrace t = PositionalDemo.sinusoidal(16, 8, 10000, Similarity.DOT, new int[]{0, 3}, 4);
        for (int pos = 0; pos < 16; pos++) {
            for (int i = 0; i < 4; i++) {
                double angle = pos / Math.pow(10000, 2.0 * i / 8);
                assertEquals(Math.sin(angle), t.table()[pos][2 * i], 1e-6);
                assertEquals(Math.cos(angle), t.table()[pos][2 * i + 1], 1e-6);
            }
        }
        // Waves are the same formula at fractional positions; at whole positions they match the table.
        assertEquals(61, t.sampleAt().length);
        assertEquals(2.5f, t.sampleAt()[10]);
        assertEquals(Math.sin(2.5), t.waves()[0][10], 1e-6);
        assertEquals(t.table()[7][3], t.waves()[1][28], 1e-6);
        assertEquals(2 * Math.PI, t.wavelengths()[0], 1e-9);
        assertEquals(2 * Math.PI * Math.pow(10000, 2.0 / 8), t.wavelengths()[1], 1e-6);
    }

    @Test
    void similarityOfEncodingsDependsOnTheDistanceOnly() {
        // PE(m)·PE(n) = sum_i sin(m w_i) sin(n w_i) + cos(m w_i) cos(n w_i) = sum_i cos((m - n) w_i).
        int d = 16;
        SinusoidalTrace dot = PositionalDemo.sinusoidal(32, d, 10000, Similarity.DOT, new int[0], 1);
        for (int m = 0; m < 32; m++) {
            for (int n = 0; n < 32; n++) {
                double expected = 0;
                for (int i = 0; i < d / 2; i++) {
                    expected += Math.cos((m - n) / Math.pow(10000, 2.0 * i / d));
                }
                assertEquals(expected, dot.similarity()[m][n], 1e-4);
            }
        }
        // Every encoding has length sqrt(d/2), so cosine = dot / (d/2); a position is most like itself.
        SinusoidalTrace cos = PositionalDemo.sinusoidal(32, d, 10000, Similarity.COSINE, new int[0], 1);
        assertEquals(dot.similarity()[3][9] / (d / 2.0), cos.similarity()[3][9], 1e-5);
        assertEquals(1, cos.similarity()[5][5], 1e-6);
        assertTrue(cos.similarity()[5][6] > cos.similarity()[5][20], "nearby positions look more alike");
    }

    @Test
    void ropeScoreDependsOnlyOnTheOffset() {
        Rng rng = new Rng(7);
        float[] q = rng.gaussian(1, 8, 1)[0];
        float[] k = rng.gaussian(1, 8, 1)[0];
        RopeTrace t = PositionalDemo.rope(q, k, 12, 10000, 0, 5, 2);
        for (int m = 0; m < 12; m++) {
            for (int n = 0; n < 12; n++) {
                double direct = Vectors.dot(PositionalEncodings.rope(q, m, 10000), PositionalEncodings.rope(k, n, 10000));
                assertEquals(direct, t.scores()[m][n], 1e-5);
                assertEquals(t.byOffset()[m - n + 11], t.scores()[m][n], 1e-4, "closed form at offset " + (m - n));
                assertEquals(t.scores()[m - Math.min(m, n)][n - Math.min(m, n)], t.scores()[m][n], 1e-4);
            }
        }
        assertTrue(t.diagonalSpread() < 1e-4, "spread " + t.diagonalSpread());
        assertEquals(3, t.offset());
        assertEquals(t.scores()[5][2], t.score(), 1e-12);
        // Pair 0 turns by exactly 1 radian per position: at m = 5 the query pair is turned by 5 rad.
        double c = Math.cos(5);
        double s = Math.sin(5);
        assertArrayEquals(new float[]{(float) (q[0] * c - q[1] * s), (float) (q[0] * s + q[1] * c)}, t.rotatedQuery(), 1e-6f);
        assertEquals(1.0, t.theta(), 1e-12);
        assertEquals(Math.hypot(q[0], q[1]), Math.hypot(t.queryPath()[11][0], t.queryPath()[11][1]), 1e-5, "rotation keeps length");
    }

    @Test
    void refusesOutOfRangeSettings() {
        float[] v = new float[4];
        assertThrows(IllegalArgumentException.class, () -> PositionalDemo.sinusoidal(0, 8, 10000, Similarity.DOT, new int[0], 1));
        assertThrows(IllegalArgumentException.class, () -> PositionalDemo.sinusoidal(8, 8, 1, Similarity.DOT, new int[0], 1));
        assertThrows(IllegalArgumentException.class, () -> PositionalDemo.sinusoidal(8, 8, 100, Similarity.DOT, new int[]{8}, 1));
        assertThrows(IllegalArgumentException.class, () -> PositionalDemo.rope(v, new float[3], 8, 100, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> PositionalDemo.rope(v, v, 8, 100, 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> PositionalDemo.rope(v, v, 8, 100, 0, 8, 0));
    }
}
