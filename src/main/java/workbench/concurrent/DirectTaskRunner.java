package workbench.concurrent;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/** Runs work immediately on the calling thread; for tests and the command line. */
public final class DirectTaskRunner implements TaskRunner {

    private final Consumer<Throwable> defaultErrorHandler;

    public DirectTaskRunner() {
        this(error -> {
            throw new IllegalStateException(ErrorMessages.describe(error), error);
        });
    }

    public DirectTaskRunner(Consumer<Throwable> defaultErrorHandler) {
        this.defaultErrorHandler = defaultErrorHandler;
    }

    @Override
    public <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess,
                                 Consumer<Throwable> onFailure) {
        BasicTaskHandle handle = new BasicTaskHandle(title);
        try {
            T value = work.run(handle);
            handle.markDone();
            if (onSuccess != null) {
                onSuccess.accept(value);
            }
        } catch (CancellationException cancelled) {
            handle.markDone();
        } catch (Exception | Error error) {
            handle.markDone();
            (onFailure != null ? onFailure : defaultErrorHandler).accept(error);
        }
        return handle;
    }

    @Override
    public <T> TaskHandle submitLatest(String key, String title, Work<T> work, Consumer<? super T> onSuccess,
                                       Consumer<Throwable> onFailure) {
        return submit(title, work, onSuccess, onFailure);
    }

    @Override
    public List<TaskHandle> activeTasks() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
