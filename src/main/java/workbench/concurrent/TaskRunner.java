package workbench.concurrent;

import java.util.List;
import java.util.function.Consumer;

/**
 * The one way work leaves the UI thread. {@link FxTaskRunner} runs work on daemon threads and
 * delivers results on the JavaFX thread; {@link DirectTaskRunner} runs it at once on the caller's
 * thread, for tests and the command line.
 */
public interface TaskRunner extends AutoCloseable {

    /**
     * Runs {@code work} in the background. Exactly one of the callbacks is called, on the runner's
     * delivery thread, unless the task was cancelled (then neither is).
     *
     * @param onFailure receives the error; {@code null} routes it to the runner's default error handler
     */
    <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess,
                          Consumer<Throwable> onFailure);

    /**
     * Like {@link #submit} but first cancels the previous task submitted under the same key, so that
     * only the newest request (for example, the latest keystroke's recomputation) delivers a result.
     */
    <T> TaskHandle submitLatest(String key, String title, Work<T> work, Consumer<? super T> onSuccess,
                                Consumer<Throwable> onFailure);

    /** Tasks that are queued or running now. */
    List<TaskHandle> activeTasks();

    /** Cancels everything and stops the threads. */
    @Override
    void close();
}
