package workbench.ui.flash;

import workbench.core.attention.TiledReplay;
import workbench.core.trace.TileStep;

/**
 * What the tiling view draws at one moment of the animation: the result, slow memory after the
 * steps done so far, and the step that ran last (null before the first). Views redraw from one
 * frame so that the result and the replayed state always belong together.
 */
public record FlashFrame(FlashResult result, TiledReplay.State state, TileStep current) {

    public int stepsDone() {
        return state.stepsDone();
    }

    public int stepCount() {
        return result.tiled().steps().size();
    }
}
