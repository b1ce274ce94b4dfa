package workbench.ui.flash;

import workbench.core.attention.AttentionComplexity;
import workbench.core.attention.BlockSizes;
import workbench.core.attention.NaiveAttention;
import workbench.core.attention.StandardAttention;
import workbench.core.attention.TiledAttention;
import workbench.core.tensor.Arrays2D;
import workbench.core.trace.AttentionTrace;
import workbench.core.trace.CountedAttention;
import workbench.core.trace.TiledTrace;

/**
 * Everything the tiling view shows for one setting, computed once off the FX thread.
 *
 * @param input            Q, K, V
 * @param fastMemoryBytes  M in bytes
 * @param sizes            Br and Bc from M by the paper's rule
 * @param causal           whether the causal mask was applied
 * @param tiled            the traced tiled pass with its counters
 * @param standard         standard attention with its counters
 * @param naive            the oracle, used only to draw the N×N matrix that the tiled pass never stores
 * @param standardOrder    the paper's Θ(N·d + N²), in floats
 * @param flashOrder       the paper's Θ(N²·d²/M), in floats
 * @param maxDifference    largest |tiled - naive| over the outputs
 * @param referenceDifference largest |tiled - the source's own output| (the model head's), NaN without one
 */
public record FlashResult(QkvInput input, long fastMemoryBytes, BlockSizes sizes, boolean causal, TiledTrace tiled,
                          CountedAttention standard, AttentionTrace naive, double standardOrder, double flashOrder,
                          double maxDifference, double referenceDifference) {

    /** Runs all three computations; pure, so it may run on any thread. */
    public static FlashResult compute(QkvInput input, long fastMemoryBytes, boolean causal) {
        int n = input.length();
        int d = input.width();
        BlockSizes sizes = BlockSizes.fromFastMemory(fastMemoryBytes, d);
        TiledTrace tiled = TiledAttention.trace(input.q(), input.k(), input.v(), causal, sizes);
        CountedAttention standard = StandardAttention.run(input.q(), input.k(), input.v(), causal);
        boolean[][] allowed = causal ? NaiveAttention.causalMask(n) : NaiveAttention.fullMask(n, n);
        AttentionTrace naive = NaiveAttention.trace(input.q(), input.k(), input.v(), allowed);
        long floats = fastMemoryBytes / Float.BYTES;
        return new FlashResult(input, fastMemoryBytes, sizes, causal, tiled, standard, naive,
                AttentionComplexity.standardAccesses(n, d), AttentionComplexity.flashAccesses(n, d, floats),
                Arrays2D.maxAbsDiff(tiled.output(), naive.output()),
                input.hasReference() ? Arrays2D.maxAbsDiff(tiled.output(), input.reference()) : Double.NaN);
    }

    public int length() {
        return input.length();
    }

    public int width() {
        return input.width();
    }

    public long fastMemoryFloats() {
        return fastMemoryBytes / Float.BYTES;
    }
}
