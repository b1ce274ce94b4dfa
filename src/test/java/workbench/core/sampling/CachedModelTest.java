package workbench.core.sampling;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CachedModelTest {

    private final BigramTableModel table = new BigramTableModel(new double[][]{{0.5, 0.5}, {0.25, 0.75}});

    @Test
    void answersARepeatedContextFromTheCacheWithACopy() {
        CachedModel cached = new CachedModel(table, 2);
        float[] first = cached.nextLogits(new int[]{1});
        first[0] = 99;
        float[] second = cached.nextLogits(new int[]{1});
        assertArrayEquals(table.nextLogits(new int[]{1}), second);
        assertEquals(1, cached.hits());
        assertEquals(1, cached.misses());
    }

    @Test
    void forgetsTheLeastRecentlyUsedContext() {
        CachedModel cached = new CachedModel(table, 2);
        cached.nextLogits(new int[]{0});
        cached.nextLogits(new int[]{1});
        cached.nextLogits(new int[]{0});      // hit; {1} is now the eldest
        cached.nextLogits(new int[]{0, 1});   // miss; evicts {1}
        cached.nextLogits(new int[]{1});      // miss again
        assertEquals(1, cached.hits());
        assertEquals(4, cached.misses());
        assertEquals(2, cached.vocabSize());
        assertThrows(IllegalArgumentException.class, () -> new CachedModel(table, 0));
    }
}
