package workbench.ui.embeddings;

import org.junit.jupiter.api.Test;
import workbench.core.embedding.EmbeddingProjection;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The lab's picks, without JavaFX: carrying a token between the table and the prompt, and names. */
class EmbeddingsStateTest {

    // Vocabulary " ", "a", "e", "t"; prompt "tea at" = ids 3 2 1 0 1 3.
    private static final EmbeddingProjection TABLE = EmbeddingProjection.fit(List.of("table"),
            List.of(" ", "a", "e", "t"), new int[]{0, 1, 2, 3},
            List.<float[][]>of(new float[][]{{1, 0}, {0, 1}, {1, 1}, {2, 1}}), 3);
    private static final EmbeddingProjection PROMPT = EmbeddingProjection.fit(List.of("in", "out"),
            List.of("t", "e", "a", " ", "a", "t"), new int[]{3, 2, 1, 0, 1, 3},
            List.of(new float[][]{{1, 0}, {0, 1}, {1, 1}, {2, 1}, {3, 1}, {1, 2}},
                    new float[][]{{2, 0}, {0, 2}, {1, 3}, {2, 2}, {3, 0}, {0, 3}}), 3);

    private static EmbeddingsState ready() {
        EmbeddingsState s = new EmbeddingsState();
        s.modelChanged(1);
        s.tableReady(TABLE);
        s.prompt = PROMPT;
        return s;
    }

    @Test
    void startsOnEAndComparesWithA() {
        EmbeddingsState s = ready();
        assertEquals(2, s.selected);
        assertEquals(1, s.compare);
    }

    @Test
    void aPickedTokenFollowsToItsFirstPositionInThePromptAndBack() {
        EmbeddingsState s = ready();
        s.setLayer(1);
        assertEquals(1, s.stage());
        assertEquals(1, s.selected, "'e' is at position 1");
        assertEquals(2, s.compare, "the first 'a' is at position 2");
        s.pick(5, false);  // the last 't'
        s.setLayer(EmbeddingsState.TABLE);
        assertEquals(3, s.selected);
        assertThrows(IllegalArgumentException.class, () -> s.setLayer(2), "this model has one layer");
    }

    @Test
    void namesAreResolvedWhenTheProjectionIsThere() {
        EmbeddingsState s = new EmbeddingsState();
        s.pendingToken = "space";
        s.pendingCompare = "q";
        assertEquals(List.of(), s.settle(), "nothing to resolve against yet");
        s.modelChanged(1);
        s.tableReady(TABLE);
        assertEquals(List.of("q"), s.settle());
        assertEquals(0, s.selected);
        assertEquals(-1, s.compare);
        s.pick(0, true);
        assertEquals(-1, s.compare, "a token is not compared with itself");
    }
}
