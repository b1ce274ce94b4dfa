package workbench.core.attention;

import org.junit.jupiter.api.Test;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.Rng;
import workbench.core.trace.CountedAttention;
import workbench.core.trace.IoCounts;
import workbench.core.trace.TiledTrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counters, counted while the algorithms run, against closed forms derived by hand.
 * All sizes in floats below; the records hold bytes (x 4).
 */
class AttentionCountsTest {

    private static float[][][] qkv(int n, int d, long seed) {
        Rng rng = new Rng(seed);
        return new float[][][]{rng.gaussian(n, d, 1), rng.gaussian(n, d, 1), rng.gaussian(n, d, 1)};
    }

    /*
     * Standard attention (Algorithm 0), N queries and keys, width d, dv = d:
     *   reads:  Q and K (2Nd), S (N²), P and V (N² + Nd)          = 3Nd + 2N²
     *   writes: S (N²), P (N²), O (Nd)                            = 2N² + Nd
     *   peak extra: S and P are both held while P is computed     = 2N²
     *   FLOPs: QKᵀ 2N²d, scale N², softmax (max, subtract, exp, sum, divide) 5N², PV 2N²d = 4N²d + 6N²
     * The causal mask changes none of these: standard attention writes the whole matrices anyway.
     */
    static IoCounts standardClosedForm(long n, long d) {
        return new IoCounts(4 * (3 * n * d + 2 * n * n), 4 * (2 * n * n + n * d), 4 * (2 * n * n),
                4 * n * n * d + 6 * n * n);
    }

    /*
     * Tiled attention (Algorithm 1), non-causal, Tc = ceil(N/Bc), blocks clipped to N:
     *   reads:  each K_j, V_j once (2Nd); for every (i, j) block Q_i, O_i, l_i, m_i: r(2d + 2),
     *           which sums over i to N(2d + 2) per key block                   = 2Nd + Tc·N(2d + 2)
     *   writes: initial O, l, m (N(d + 2)); per block O_i, l_i, m_i: r(d + 2)  = (Tc + 1)·N(d + 2)
     *   peak extra: l and m (2N) plus the fast-memory buffers K_j, V_j (2Bc·d), Q_i, O_i (2Br·d),
     *           l_i, m_i, m̃, l̃ (4Br), S/P̃ (Br·Bc) and one row of P̃V (d)
     *   FLOPs per (r × c) block: QKᵀ 2rcd, scale rc, max/subtract/exp/sum 4rc, P̃V 2rcd,
     *           per row 11 (new max, two exps, l', two coefficients) and 3d (O update)
     *           = 4rcd + 5rc + r(11 + 3d); summed over blocks Σrc = N², Σr = Tc·N:
     *           4N²d + 5N² + Tc·N(11 + 3d)
     */
    static IoCounts tiledClosedForm(long n, long d, long br, long bc) {
        long tc = (n + bc - 1) / bc;
        long reads = 2 * n * d + tc * n * (2 * d + 2);
        long writes = (tc + 1) * n * (d + 2);
        long peak = 2 * n + 2 * bc * d + 2 * br * d + 4 * br + br * bc + d;
        long flops = 4 * n * n * d + 5 * n * n + tc * n * (11 + 3 * d);
        return new IoCounts(4 * reads, 4 * writes, 4 * peak, flops);
    }

    @Test
    void standardMatchesItsClosedForm() {
        for (int[] nd : new int[][]{{5, 3}, {1, 1}, {12, 4}}) {
            float[][][] x = qkv(nd[0], nd[1], 1);
            for (boolean causal : new boolean[]{false, true}) {
                assertEquals(standardClosedForm(nd[0], nd[1]), StandardAttention.run(x[0], x[1], x[2], causal).counts());
            }
        }
        // By hand for N = 5, d = 3: reads 45 + 50 = 95 floats, writes 50 + 15 = 65, peak 50, FLOPs 300 + 150.
        assertEquals(new IoCounts(380, 260, 200, 450), standardClosedForm(5, 3));
    }

    @Test
    void tiledMatchesItsClosedForm() {
        int[][] cases = {{5, 3, 2, 3}, {5, 3, 1, 1}, {16, 4, 4, 8}, {7, 2, 7, 7}, {9, 5, 2, 4}};
        for (int[] c : cases) {
            float[][][] x = qkv(c[0], c[1], 2);
            TiledTrace t = TiledAttention.run(x[0], x[1], x[2], false, new BlockSizes(c[2], c[3]));
            assertEquals(tiledClosedForm(c[0], c[1], c[2], c[3]), t.counts(), "case " + java.util.Arrays.toString(c));
        }
        // By hand for N = 5, d = 3, Br = 2, Bc = 3 (Tc = 2): reads 30 + 80 = 110, writes 3·5·5 = 75,
        // peak 10 + 18 + 12 + 8 + 6 + 3 = 57, FLOPs 300 + 125 + 2·5·20 = 625.
        assertEquals(new IoCounts(440, 300, 228, 625), tiledClosedForm(5, 3, 2, 3));
    }

    @Test
    void causalTiledCountsOnlyTheBlocksItComputes() {
        // N = 4, d = 2, Br = Bc = 2: blocks (i, j) = (0,0), (1,0), (1,1); block (0,1) lies above the diagonal.
        //   reads:  K_0 V_0 and K_1 V_1: 2·(2·2 + 2·2) = 16; three blocks of 2 rows × (2d + 2 = 6) = 36  → 52
        //   writes: initial 4·(2 + 2) = 16; three blocks of 2 rows × (d + 2 = 4) = 24                   → 40
        //   peak:   2N 8 + 2Bc·d 8 + 2Br·d 8 + 4Br 8 + Br·Bc 4 + d 2                                     → 38
        //   FLOPs:  three 2×2 blocks of 4·2·2·2 + 5·4 + 2·(11 + 3·2) = 32 + 20 + 34 = 86                  → 258
        float[][][] x = qkv(4, 2, 3);
        TiledTrace t = TiledAttention.run(x[0], x[1], x[2], true, new BlockSizes(2, 2));
        assertEquals(new IoCounts(4 * 52, 4 * 40, 4 * 38, 258), t.counts());
    }

    @Test
    void tiledMovesLessDataThanStandardOnceNIsLargeAgainstM() {
        // N = 256, d = 16, M = 4 KB = 1024 floats: Bc = 16, Br = 16.
        float[][][] x = qkv(256, 16, 4);
        BlockSizes sizes = BlockSizes.fromFastMemoryKb(4, 16);
        IoCounts tiled = TiledAttention.run(x[0], x[1], x[2], false, sizes).counts();
        CountedAttention standard = StandardAttention.run(x[0], x[1], x[2], false);
        assertTrue(tiled.slowAccessBytes() < standard.counts().slowAccessBytes());
        assertTrue(tiled.peakExtraBytes() * 20 < standard.counts().peakExtraBytes());
        assertTrue(Arrays2D.maxAbsDiff(standard.output(), NaiveAttention.attend(x[0], x[1], x[2],
                NaiveAttention.fullMask(256, 256))) < 1e-6);
    }

    @Test
    void papersBoundsAsFormulas() {
        assertEquals(64 * 8 + 64 * 64, AttentionComplexity.standardAccesses(64, 8));
        assertEquals(64.0 * 64 * 8 * 8 / 256, AttentionComplexity.flashAccesses(64, 8, 256));
    }
}
