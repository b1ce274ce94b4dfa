package workbench.core.inspect;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import workbench.core.embedding.EmbeddingProjection;
import workbench.core.embedding.Pca;
import workbench.core.embedding.PcaResult;
import workbench.core.embedding.PositionalEncodings;
import workbench.core.embedding.Similarity;
import workbench.core.embedding.Vectors;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.ModelBundle;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.tensor.Arrays2D;
import workbench.core.tokenizer.CharTokenizer;
import workbench.core.tokenizer.UnencodableTextException;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.LearnedPositionsTrace;
import workbench.core.trace.PositionsOffTrace;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedding and position probes on a small random model, against the model's own numbers. */
class ModelProbesTest {

    private static ModelBundle bundle;

    @BeforeAll
    static void model() {
        CharTokenizer tokenizer = CharTokenizer.fromText("abcde fgh.\n");
        TransformerConfig config = new TransformerConfig(tokenizer.vocabSize(), 12, 16, 2, 2, 2, 32,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 5);
        bundle = new ModelBundle("tiny", new MiniTransformer(config), tokenizer, Optional.empty());
    }

    @Test
    void theTableProjectionIsThePcaOfTheTokenEmbeddings() {
        float[][] table = Arrays2D.toFloat2D(bundle.model().parameters().get("tok_emb"));
        EmbeddingProjection p = ModelEmbeddings.projectTable(bundle);
        assertEquals(1, p.stageCount());
        assertEquals(bundle.tokenizer().vocabSize(), p.size());
        assertEquals(bundle.tokenizer().tokenText(3), p.labels().get(3));
        PcaResult pca = Pca.fit(table, 3);
        for (int i = 0; i < table.length; i++) {
            assertArrayEquals(table[i], p.vectors()[0][i]);
            assertArrayEquals(pca.projected()[i], p.coordinates()[0][i], 1e-6f);
        }
        Vectors.Neighbour first = p.neighbours(0, 2, 1).get(0);
        assertEquals(Vectors.nearest(table, 2, 1, Similarity.COSINE).get(0), first);
    }

    @Test
    void theResidualStreamStagesAreTheLayerOutputs() {
        int[] ids = bundle.tokenizer().encode("bad cafe.");
        EmbeddingProjection p = ModelEmbeddings.projectResidualStream(bundle, ids);
        ForwardTrace trace = bundle.trace(ids, ForwardOptions.NONE);
        assertEquals(3, p.stageCount(), "embeddings + positions, then 2 layers");
        assertEquals(List.of("embeddings + positions", "after layer 1", "after layer 2"), p.stageNames());
        for (int t = 0; t < ids.length; t++) {
            float[] sum = new float[16];
            for (int j = 0; j < 16; j++) {
                sum[j] = trace.tokenEmbeddings()[t][j] + trace.positional()[t][j];
            }
            assertArrayEquals(sum, p.vectors()[0][t], 1e-6f);
            assertArrayEquals(trace.layers().get(1).output()[t], p.vectors()[2][t]);
        }
        assertEquals("a", p.labels().get(1));
        assertEquals(p.coordinates()[2][4][0], p.path(4)[2][0]);
    }

    @Test
    void positionsOffMatchesTheEngineWithAndWithoutPositions() {
        PositionsOffTrace off = PositionProbe.positionsOff(bundle, "abc de");
        int[] ids = bundle.tokenizer().encode("abc de");
        assertArrayEquals(ids, off.tokenIds());
        assertArrayEquals(bundle.trace(ids, ForwardOptions.NONE).nextTokenProbabilities(), off.withPositions());
        assertArrayEquals(bundle.trace(ids, ForwardOptions.NONE.withPositionsOff(true)).nextTokenProbabilities(),
                off.withoutPositions());
        assertTrue(off.totalVariation() > 0, "a learned-position model predicts differently without positions");
        List<PositionsOffTrace.TokenProbability> top = off.top(false, 3);
        assertEquals(3, top.size());
        assertTrue(top.get(0).probability() >= top.get(1).probability());
        assertEquals(off.withoutPositions()[top.get(0).id()], top.get(0).probability(), 0);
    }

    @Test
    void longPromptsKeepTheirEndAndBadPromptsAreNamed() {
        PositionsOffTrace off = PositionProbe.positionsOff(bundle, "abcdefgh.abcdefgh.");
        assertEquals(12, off.tokenIds().length);
        assertEquals(6, off.droppedFromLeft());
        assertThrows(IllegalArgumentException.class, () -> PositionProbe.positionsOff(bundle, ""));
        assertThrows(UnencodableTextException.class, () -> PositionProbe.positionsOff(bundle, "xyz"));
    }

    @Test
    void totalVariationIsHalfTheSumOfDifferences() {
        PositionsOffTrace t = new PositionsOffTrace(new int[]{0}, List.of("a"), 0, new float[]{0.5f, 0.3f, 0.2f},
                new float[]{0.2f, 0.3f, 0.5f}, List.of("a", "b", "c"));
        assertEquals(0.3, t.totalVariation(), 1e-6);
        assertEquals(List.of(0, 1, 2), t.top(true, 5).stream().map(PositionsOffTrace.TokenProbability::id).toList());
        assertEquals(List.of(2, 1), t.top(false, 2).stream().map(PositionsOffTrace.TokenProbability::id).toList());
    }

    @Test
    void theLearnedTableStandsBesideTheSinusoidalOne() {
        LearnedPositionsTrace learned = PositionProbe.learned(bundle, Similarity.COSINE).orElseThrow();
        float[][] table = Arrays2D.toFloat2D(bundle.model().parameters().get("pos_emb"));
        assertEquals(12, learned.positions());
        assertEquals(16, learned.d());
        assertArrayEquals(table[3], learned.table()[3]);
        assertEquals(Vectors.cosine(table[2], table[7]), learned.similarity()[2][7], 1e-6);
        assertArrayEquals(PositionalEncodings.sinusoidal(12, 16, 10000)[5], learned.sinusoidal()[5]);
        assertEquals(Vectors.cosine(learned.sinusoidal()[1], learned.sinusoidal()[4]),
                learned.sinusoidalSimilarity()[1][4], 1e-6);
        ModelBundle rope = new ModelBundle("rope", new MiniTransformer(bundle.model().config()
                .withPositional(PositionalKind.ROPE)), bundle.tokenizer(), Optional.empty());
        assertFalse(PositionProbe.learned(rope, Similarity.DOT).isPresent());
    }
}
