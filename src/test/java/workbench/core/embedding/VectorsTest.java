package workbench.core.embedding;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VectorsTest {

    @Test
    void cosineIsTheAngleBetweenVectors() {
        float[] a = {3, 4};
        float[] b = {4, 3};
        assertEquals(24, Vectors.dot(a, b), 1e-12);
        assertEquals(24.0 / 25.0, Vectors.cosine(a, b), 1e-12);  // |a| = |b| = 5
        assertEquals(1, Vectors.cosine(a, new float[]{6, 8}), 1e-12);
        assertEquals(-1, Vectors.cosine(a, new float[]{-3, -4}), 1e-12);
        assertEquals(0, Vectors.cosine(a, new float[]{-4, 3}), 1e-12);
        assertEquals(0, Vectors.cosine(a, new float[]{0, 0}), "a zero vector has cosine 0, not NaN");
        assertThrows(IllegalArgumentException.class, () -> Vectors.dot(a, new float[]{1}));
    }

    @Test
    void similarityMatrixHoldsEveryPair() {
        float[][] rows = {{1, 0}, {0, 2}, {1, 1}};
        float[][] dot = Vectors.similarityMatrix(rows, Similarity.DOT);
        assertArrayEquals(new float[]{1, 0, 1}, dot[0]);
        assertArrayEquals(new float[]{0, 4, 2}, dot[1]);
        assertArrayEquals(new float[]{1, 2, 2}, dot[2]);
        float[][] cos = Vectors.similarityMatrix(rows, Similarity.COSINE);
        float r = (float) (1 / Math.sqrt(2));
        assertArrayEquals(new float[]{1, 0, r}, cos[0], 1e-6f);
        assertArrayEquals(new float[]{r, r, 1}, cos[2], 1e-6f);
    }

    @Test
    void nearestNeighboursAreSortedAndLeaveOutTheQuery() {
        float[][] table = {{1, 0}, {0.9f, 0.1f}, {0, 1}, {-1, 0}, {2, 0}};
        List<Vectors.Neighbour> near = Vectors.nearest(table, 0, 3, Similarity.COSINE);
        assertEquals(List.of(4, 1, 2), near.stream().map(Vectors.Neighbour::index).toList());
        assertEquals(1.0, near.get(0).similarity(), 1e-12);
        assertEquals(0.9 / Math.sqrt(0.82), near.get(1).similarity(), 1e-6);
        assertEquals(0.0, near.get(2).similarity(), 1e-12);
        // By dot product, the longer vector 4 wins by more; the opposite vector comes last.
        List<Vectors.Neighbour> byDot = Vectors.nearest(table, 0, 10, Similarity.DOT);
        assertEquals(List.of(4, 1, 2, 3), byDot.stream().map(Vectors.Neighbour::index).toList());
        assertEquals(2.0, byDot.get(0).similarity(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Vectors.nearest(table, 5, 1, Similarity.DOT));
    }
}
