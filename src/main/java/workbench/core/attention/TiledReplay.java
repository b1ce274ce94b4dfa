package workbench.core.attention;

import workbench.core.trace.TileStep;
import workbench.core.trace.TiledTrace;

import java.util.Arrays;

/**
 * What slow memory holds after the first {@code k} steps of a traced tiled pass: the partial
 * output O, the running statistics m and l, and which cells of the N×N score matrix have been
 * through fast memory. The lab replays a pass step by step from this.
 */
public final class TiledReplay {

    /**
     * Slow memory after some steps.
     *
     * @param stepsDone   how many steps have run (0 = before the first)
     * @param output      (Tq, dv) partial output rows; zeros where no block has run yet
     * @param runningMax  (Tq) m; -inf where no block has run yet
     * @param runningSum  (Tq) l
     * @param visited     (Tq, Tk) true for score cells that have been computed in fast memory
     */
    public record State(int stepsDone, float[][] output, float[] runningMax, float[] runningSum, boolean[][] visited) {
    }

    private TiledReplay() {
    }

    /**
     * The state after steps 0..stepsDone-1.
     *
     * @param trace     a trace made by {@link TiledAttention#trace}
     * @param keys      Tk, the number of keys
     * @param stepsDone 0..steps().size()
     */
    public static State after(TiledTrace trace, int keys, int stepsDone) {
        int count = trace.steps().size();
        if (stepsDone < 0 || stepsDone > count) {
            throw new IllegalArgumentException("steps done must be between 0 and " + count + ", is " + stepsDone);
        }
        int n = trace.output().length;
        int dv = n == 0 ? 0 : trace.output()[0].length;
        float[][] out = new float[n][dv];
        float[] m = new float[n];
        float[] l = new float[n];
        Arrays.fill(m, Float.NEGATIVE_INFINITY);
        boolean[][] visited = new boolean[n][keys];
        for (int s = 0; s < stepsDone; s++) {
            TileStep step = trace.steps().get(s);
            for (int r = 0; r < step.rows(); r++) {
                int row = step.rowStart() + r;
                System.arraycopy(step.outputAfter()[r], 0, out[row], 0, dv);
                m[row] = step.maxAfter()[r];
                l[row] = step.sumAfter()[r];
                Arrays.fill(visited[row], step.colStart(), step.colEnd(), true);
            }
        }
        return new State(stepsDone, out, m, l, visited);
    }
}
