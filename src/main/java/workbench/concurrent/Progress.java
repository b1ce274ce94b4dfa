package workbench.concurrent;

import java.util.concurrent.CancellationException;

/**
 * What a piece of background work sees of its runner: it reports how far it has got and asks
 * whether it should stop. Implementations are thread-safe; work calls them from its own thread.
 */
public interface Progress {

    /** Reports progress in [0, 1] (or a negative value for "unknown") with a short message. */
    void update(double fraction, String message);

    /** True once the user (or the runner) asked the work to stop. */
    boolean isCancelled();

    /** Throws {@link CancellationException} if cancelled; long loops call this once per step. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    /** A progress sink that ignores reports and is never cancelled, for direct calls and tests. */
    Progress NONE = new Progress() {
        @Override
        public void update(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };
}
