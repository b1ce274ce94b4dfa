package workbench.core.trace;

import java.util.List;

/**
 * The result of one tiled (FlashAttention) forward pass.
 *
 * @param output      (Tq, dv) attention output; equals standard attention up to float rounding
 * @param blockRows   Br, query rows per block
 * @param blockCols   Bc, key columns per block
 * @param queryBlocks Tr = ceil(Tq / Br)
 * @param keyBlocks   Tc = ceil(Tk / Bc)
 * @param causal      whether query i saw only keys 0..i
 * @param steps       one step per computed block, in the order they ran (key block outer, query
 *                    block inner, as in the paper's Algorithm 1); empty when run without a trace.
 *                    Blocks that a causal mask hides completely are skipped and have no step.
 * @param counts      slow-memory traffic, extra memory and FLOPs, counted while running
 */
public record TiledTrace(float[][] output, int blockRows, int blockCols, int queryBlocks, int keyBlocks,
                         boolean causal, List<TileStep> steps, IoCounts counts) {

    public TiledTrace {
        steps = List.copyOf(steps);
    }
}
