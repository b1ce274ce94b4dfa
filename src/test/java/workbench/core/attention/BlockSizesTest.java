package workbench.core.attention;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BlockSizesTest {

    @Test
    void followsThePapersRule() {
        // M = 100 KB = 102400 bytes = 25600 floats, d = 64: Bc = ceil(25600 / 256) = 100, Br = min(100, 64) = 64.
        assertEquals(new BlockSizes(64, 100), BlockSizes.fromFastMemoryKb(100, 64));
        // M = 0.5 KB = 128 floats, d = 8: Bc = ceil(128 / 32) = 4, Br = min(4, 8) = 4.
        assertEquals(new BlockSizes(4, 4), BlockSizes.fromFastMemoryKb(0.5, 8));
        // M = 1 KB = 256 floats, d = 12: Bc = ceil(256 / 48) = ceil(5.33) = 6, Br = 6.
        assertEquals(new BlockSizes(6, 6), BlockSizes.fromFastMemoryKb(1, 12));
        // M = 8 KB = 2048 floats, d = 4: Bc = 128, Br = min(128, 4) = 4.
        assertEquals(new BlockSizes(4, 128), BlockSizes.fromFastMemoryKb(8, 4));
        // Less than one 4d-row still gives blocks of one: M = 16 bytes = 4 floats, d = 8: Bc = ceil(4/32) = 1.
        assertEquals(new BlockSizes(1, 1), BlockSizes.fromFastMemory(16, 8));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> BlockSizes.fromFastMemoryKb(0, 8));
        assertThrows(IllegalArgumentException.class, () -> BlockSizes.fromFastMemoryKb(Double.NaN, 8));
        assertThrows(IllegalArgumentException.class, () -> BlockSizes.fromFastMemory(3, 8));
        assertThrows(IllegalArgumentException.class, () -> BlockSizes.fromFastMemory(1024, 0));
    }

    @Test
    void countsBlocks() {
        assertEquals(3, BlockSizes.blockCount(5, 2));
        assertEquals(1, BlockSizes.blockCount(5, 5));
        assertEquals(5, BlockSizes.blockCount(5, 1));
    }
}
