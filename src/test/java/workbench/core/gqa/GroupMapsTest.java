package workbench.core.gqa;

import org.junit.jupiter.api.Test;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupMapsTest {

    private static final int[] TOKENS = {1, 2, 3, 4, 5, 6, 7};

    @Test
    void totalVariationOnAHandBuiltCase() {
        float[][] a = {{1, 0, 0}, {0.5f, 0.5f, 0}};
        float[][] b = {{1, 0, 0}, {0, 0.5f, 0.5f}};
        // Row 0: 0. Row 1: ½(0.5 + 0 + 0.5) = 0.5. Mean 0.25.
        assertEquals(0.25, GroupMaps.meanTotalVariation(a, b), 1e-9);
        assertEquals(0, GroupMaps.meanTotalVariation(a, a), 0);
        float[][] c = {{0, 1, 0}, {0, 0, 1}};
        float[][] d = {{1, 0, 0}, {1, 0, 0}};
        assertEquals(1, GroupMaps.meanTotalVariation(c, d), 1e-9);
    }

    @Test
    void rowsHoldEachModelsMapsOfTheLayerAndHowFarTheyMoved() {
        MiniTransformer mha = new MiniTransformer(new TransformerConfig(10, 8, 32, 2, 4, 4, 64,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 5));
        MiniTransformer mqa = KvHeadConversion.meanPool(mha, 1);
        GroupMaps maps = GroupMaps.of(List.of(new GroupMaps.Version("MHA", mha),
                new GroupMaps.Version("MHA again", KvHeadConversion.meanPool(mha, 4)),
                new GroupMaps.Version("MQA", mqa)), TOKENS, 1, id -> "t" + id);
        assertEquals(List.of("t1", "t2", "t3", "t4", "t5", "t6", "t7"), maps.tokens());
        assertEquals(3, maps.rows().size());
        float[][][] expected = mqa.trace(TOKENS, ForwardOptions.NONE).layers().get(1).weights();
        GroupMaps.Row row = maps.rows().get(2);
        assertEquals(1, row.kvHeads());
        assertArrayEquals(new int[][]{{0, 1, 2, 3}}, row.groups());
        for (int h = 0; h < 4; h++) {
            for (int t = 0; t < TOKENS.length; t++) {
                assertArrayEquals(expected[h][t], row.weights()[h][t], 0f);
            }
            assertEquals(0, maps.rows().get(0).shift()[h], 0);
            assertEquals(0, maps.rows().get(1).shift()[h], 0);
            assertEquals(GroupMaps.meanTotalVariation(expected[h], maps.rows().get(0).weights()[h]), row.shift()[h], 1e-12);
            assertTrue(row.shift()[h] > 0, "pooling the keys moves head " + h);
        }
        assertTrue(maps.allowed()[0][0] && !maps.allowed()[0][1], "causal");
        assertThrows(IllegalArgumentException.class, () -> GroupMaps.of(List.of(new GroupMaps.Version("MHA", mha)),
                TOKENS, 2, String::valueOf));
    }
}
