package workbench.core.attention;

import org.junit.jupiter.api.Test;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.Rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupedQueryAttentionTest {

    @Test
    void groupsAreRunsOfNeighbouringHeads() {
        assertArrayEquals(new int[][]{{0, 1, 2, 3}, {4, 5, 6, 7}}, GroupedQueryAttention.groups(8, 2));
        assertArrayEquals(new int[][]{{0}, {1}, {2}, {3}}, GroupedQueryAttention.groups(4, 4)); // MHA
        assertArrayEquals(new int[][]{{0, 1, 2, 3}}, GroupedQueryAttention.groups(4, 1));       // MQA
        assertEquals(7, GroupedQueryAttention.kvHeadOf(63, 64, 8));
        assertEquals(0, GroupedQueryAttention.kvHeadOf(7, 64, 8));
        assertEquals(1, GroupedQueryAttention.kvHeadOf(8, 64, 8));
        assertThrows(IllegalArgumentException.class, () -> GroupedQueryAttention.groups(6, 4));
    }

    @Test
    void meanPoolsEachGroupOnAHandBuiltCase() {
        // d = 2 rows, 4 KV heads of size 2: head h holds the columns [2h, 2h+1].
        float[][] wk = {
                {1, 2, 3, 4, 5, 6, 7, 8},
                {-1, 0, 1, 0, 10, 20, 30, 40}};
        // Two groups: new head 0 = mean(heads 0, 1), new head 1 = mean(heads 2, 3).
        //   row 0: (1+3)/2, (2+4)/2, (5+7)/2, (6+8)/2 = 2, 3, 6, 7
        //   row 1: (-1+1)/2, (0+0)/2, (10+30)/2, (20+40)/2 = 0, 0, 20, 30
        float[][] two = GroupedQueryAttention.meanPoolKvHeads(wk, 4, 2, 2);
        assertArrayEquals(new float[]{2, 3, 6, 7}, two[0]);
        assertArrayEquals(new float[]{0, 0, 20, 30}, two[1]);
        // One group (MQA): the mean of all four heads: row 0: (1+3+5+7)/4 = 4, (2+4+6+8)/4 = 5.
        float[][] one = GroupedQueryAttention.meanPoolKvHeads(wk, 4, 2, 1);
        assertArrayEquals(new float[]{4, 5}, one[0]);
        assertArrayEquals(new float[]{10, 15}, one[1]);
        // As many groups as heads changes nothing.
        float[][] same = GroupedQueryAttention.meanPoolKvHeads(wk, 4, 2, 4);
        assertEquals(0.0, Arrays2D.maxAbsDiff(wk, same));
        assertThrows(IllegalArgumentException.class, () -> GroupedQueryAttention.meanPoolKvHeads(wk, 4, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> GroupedQueryAttention.meanPoolKvHeads(wk, 4, 3, 2));
    }

    @Test
    void gqaWithAsManyGroupsAsHeadsIsMhaHeadByHead() {
        Rng rng = new Rng(4);
        int nh = 4;
        float[][][] q = new float[nh][][];
        float[][][] k = new float[nh][][];
        float[][][] v = new float[nh][][];
        for (int h = 0; h < nh; h++) {
            q[h] = rng.gaussian(6, 3, 1);
            k[h] = rng.gaussian(6, 3, 1);
            v[h] = rng.gaussian(6, 3, 1);
        }
        float[][][] out = GroupedQueryAttention.attend(q, k, v, true);
        for (int h = 0; h < nh; h++) {
            float[][] mha = NaiveAttention.attend(q[h], k[h], v[h], NaiveAttention.causalMask(6));
            assertEquals(0.0, Arrays2D.maxAbsDiff(mha, out[h]));
        }
        // MQA: every query head reads KV head 0.
        float[][][] mqa = GroupedQueryAttention.attend(q, new float[][][]{k[0]}, new float[][][]{v[0]}, false);
        float[][] head3 = NaiveAttention.attend(q[3], k[0], v[0], NaiveAttention.fullMask(6, 6));
        assertEquals(0.0, Arrays2D.maxAbsDiff(head3, mqa[3]));
    }

    @Test
    void poolingIsLosslessWhenTheHeadsOfAGroupAgree() {
        // If the K/V heads within each group are already equal, the pooled GQA model computes exactly
        // what the MHA model did: x Wk per head, then attention.
        Rng rng = new Rng(9);
        int d = 4;
        int hs = 2;
        float[][] x = rng.gaussian(5, d, 1);
        float[][] wq = rng.gaussian(d, 4 * hs, 1);
        float[][] headA = rng.gaussian(d, hs, 1);
        float[][] headB = rng.gaussian(d, hs, 1);
        float[][] wk = concat(headA, headA, headB, headB);       // (d, 4·hs): heads 0, 1 agree; 2, 3 agree
        float[][] wv = concat(headB, headB, headA, headA);
        float[][][] mha = GroupedQueryAttention.attend(split(matmul(x, wq), 4, hs), split(matmul(x, wk), 4, hs),
                split(matmul(x, wv), 4, hs), true);
        float[][] wk2 = GroupedQueryAttention.meanPoolKvHeads(wk, 4, hs, 2);
        float[][] wv2 = GroupedQueryAttention.meanPoolKvHeads(wv, 4, hs, 2);
        float[][][] gqa = GroupedQueryAttention.attend(split(matmul(x, wq), 4, hs), split(matmul(x, wk2), 2, hs),
                split(matmul(x, wv2), 2, hs), true);
        for (int h = 0; h < 4; h++) {
            assertTrue(Arrays2D.maxAbsDiff(mha[h], gqa[h]) < 1e-6);
        }
    }

    private static float[][] concat(float[][]... blocks) {
        int rows = blocks[0].length;
        int w = blocks[0][0].length;
        float[][] out = new float[rows][w * blocks.length];
        for (int b = 0; b < blocks.length; b++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(blocks[b][r], 0, out[r], b * w, w);
            }
        }
        return out;
    }

    private static float[][] matmul(float[][] a, float[][] b) {
        float[][] out = new float[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                double s = 0;
                for (int t = 0; t < b.length; t++) {
                    s += a[i][t] * b[t][j];
                }
                out[i][j] = (float) s;
            }
        }
        return out;
    }

    /** (T, heads·hs) to (heads, T, hs). */
    private static float[][][] split(float[][] m, int heads, int hs) {
        float[][][] out = new float[heads][m.length][hs];
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < m.length; t++) {
                System.arraycopy(m[t], h * hs, out[h][t], 0, hs);
            }
        }
        return out;
    }
}
