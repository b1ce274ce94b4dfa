package workbench.core.gqa;

import org.junit.jupiter.api.Test;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.sampling.Distributions;
import workbench.core.tokenizer.CharTokenizer;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CacheRaceTest {

    private static final CharTokenizer CHARS = CharTokenizer.fromText("abcdefgh ");

    /** 2 layers, 4 heads of size 4, context 10. */
    private static MiniTransformer mha() {
        return new MiniTransformer(new TransformerConfig(CHARS.vocabSize(), 10, 16, 2, 4, 4, 32,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 3));
    }

    @Test
    void eachCacheGrowsByItsBytesPerTokenAndStopsWhenFull() {
        MiniTransformer mha = mha();
        CacheRace race = new CacheRace(List.of(new CacheRace.Racer("MHA", mha),
                new CacheRace.Racer("GQA", KvHeadConversion.meanPool(mha, 2)),
                new CacheRace.Racer("MQA", KvHeadConversion.meanPool(mha, 1))), CHARS, CHARS.encode("abc"));
        CacheRace.Snapshot first = race.snapshot();
        // 2 (K, V) x 2 layers x kvHeads x 4 (head size) x 4 bytes per token.
        long[] perToken = {2 * 2 * 4 * 4 * 4, 2 * 2 * 2 * 4 * 4, 2 * 2 * 4 * 4};
        for (int i = 0; i < 3; i++) {
            CacheRace.Lane lane = first.lanes().get(i);
            assertEquals(perToken[i], lane.bytesPerToken());
            assertEquals(3 * perToken[i], lane.bytes(), lane.label());
            assertEquals(3, lane.tokens());
        }
        CacheRace.Snapshot last = first;
        for (int step = 1; step <= 7; step++) {
            last = race.step();
            assertEquals(step, last.generated());
            for (int i = 0; i < 3; i++) {
                assertEquals((3 + step) * perToken[i], last.lanes().get(i).bytes());
                assertEquals(step + 1, last.lanes().get(i).history().length);
            }
        }
        assertTrue(last.full());
        assertEquals(10, last.lanes().get(0).tokens());
        assertEquals("MQA", last.lanes().get(2).kind());
        CacheRace.Snapshot after = race.step();
        assertEquals(7, after.generated(), "a full cache takes no more tokens");
        long[] expected = new long[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = (3 + i) * perToken[1];
        }
        assertArrayEquals(expected, after.lanes().get(1).history());
    }

    @Test
    void eachModelWritesItsOwnGreedyContinuation() {
        MiniTransformer mha = mha();
        MiniTransformer mqa = KvHeadConversion.meanPool(mha, 1);
        CacheRace race = new CacheRace(List.of(new CacheRace.Racer("MHA", mha), new CacheRace.Racer("MQA", mqa)),
                CHARS, CHARS.encode("ab"));
        for (int i = 0; i < 5; i++) {
            race.step();
        }
        CacheRace.Snapshot s = race.snapshot();
        int k = 0;
        for (MiniTransformer model : List.of(mha, mqa)) {
            int[] ids = CHARS.encode("ab");
            for (int i = 0; i < 5; i++) {
                int next = Distributions.argmax(Distributions.toDouble(model.nextLogits(ids)));
                ids = Arrays.copyOf(ids, ids.length + 1);
                ids[ids.length - 1] = next;
            }
            assertEquals(CHARS.decode(ids), s.lanes().get(k++).text());
        }
    }

    @Test
    void refusesAStartThatLeavesNoRoom() {
        MiniTransformer mha = mha();
        List<CacheRace.Racer> one = List.of(new CacheRace.Racer("MHA", mha));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CacheRace(one, CHARS, CHARS.encode("abcdefghab")));
        assertTrue(e.getMessage().contains("at most 9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CacheRace(one, CHARS, new int[0]));
    }
}
