package workbench.core.embedding;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmbeddingProjectionTest {

    // Two stages of the same three tokens in 2D.
    private static final float[][] STAGE_0 = {{1, 0}, {0, 2}, {3, 4}};
    private static final float[][] STAGE_1 = {{2, 1}, {-1, 2}, {0, -5}};

    private static EmbeddingProjection twoStages() {
        return EmbeddingProjection.fit(List.of("in", "out"), List.of("a", "b", "c"), new int[]{7, 8, 9},
                List.of(STAGE_0, STAGE_1), 3);
    }

    @Test
    void oneFitOverEveryStagesRows() {
        EmbeddingProjection p = twoStages();
        assertEquals(2, p.stageCount());
        assertEquals(3, p.size());
        assertEquals(2, p.componentCount(), "components are capped at d");
        PcaResult pca = Pca.fit(new float[][]{STAGE_0[0], STAGE_0[1], STAGE_0[2], STAGE_1[0], STAGE_1[1], STAGE_1[2]}, 2);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(pca.projected()[i], p.coordinates()[0][i], 1e-6f);
            assertArrayEquals(pca.projected()[3 + i], p.coordinates()[1][i], 1e-6f);
        }
        assertArrayEquals(pca.explainedRatios(), p.explainedRatios(), 1e-12);
        assertArrayEquals(new float[][]{pca.projected()[2], pca.projected()[5]}, p.path(2));
        assertArrayEquals(STAGE_1[1], p.vectors()[1][1]);
    }

    @Test
    void neighboursAndPairsUseTheFullVectorsOfOneStage() {
        EmbeddingProjection p = twoStages();
        // Stage 0, token a = (1, 0): cos with b = 0, with c = 3/5.
        List<Vectors.Neighbour> n = p.neighbours(0, 0, 5);
        assertEquals(2, n.size());
        assertEquals(2, n.get(0).index());
        assertEquals(0.6, n.get(0).similarity(), 1e-12);
        assertEquals(1, n.get(1).index());
        assertEquals(0.0, n.get(1).similarity(), 1e-12);
        // Stage 1, a = (2, 1) and c = (0, -5): dot -5, norms sqrt 5 and 5, cosine -1/sqrt 5.
        EmbeddingProjection.PairSimilarity pair = p.compare(1, 0, 2);
        assertEquals(-5, pair.dot(), 1e-12);
        assertEquals(Math.sqrt(5), pair.firstNorm(), 1e-12);
        assertEquals(5, pair.secondNorm(), 1e-12);
        assertEquals(-1 / Math.sqrt(5), pair.cosine(), 1e-12);
    }

    @Test
    void refusesMismatchedInput() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddingProjection.fit(List.of("x"), List.of("a"),
                new int[]{0, 1}, List.<float[][]>of(new float[][]{{1}, {2}}), 2));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingProjection.fit(List.of("x", "y"), List.of("a", "b"),
                new int[]{0, 1}, List.of(new float[][]{{1}, {2}}, new float[][]{{1}}), 2));
        assertThrows(IllegalArgumentException.class, () -> twoStages().neighbours(2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> twoStages().compare(0, 0, 3));
    }
}
