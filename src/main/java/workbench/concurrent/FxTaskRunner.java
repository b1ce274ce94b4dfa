package workbench.concurrent;

import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs work on a small pool of daemon threads and delivers each result once, on the JavaFX
 * thread. Progress is not pushed: the UI reads {@link #activeTasks()} once per frame.
 */
public final class FxTaskRunner implements TaskRunner {

    private final ExecutorService pool;
    private final Executor delivery;
    private final Consumer<Throwable> defaultErrorHandler;
    private final Runnable beforeEachTask;
    private final List<TaskHandle> active = new CopyOnWriteArrayList<>();
    private final Map<String, BasicTaskHandle> latestByKey = new ConcurrentHashMap<>();

    /** A runner that delivers on the JavaFX application thread. */
    public FxTaskRunner(int threads, Consumer<Throwable> defaultErrorHandler) {
        this(threads, Platform::runLater, defaultErrorHandler);
    }

    /** A runner that delivers through {@code delivery}; tests pass a direct executor. */
    public FxTaskRunner(int threads, Executor delivery, Consumer<Throwable> defaultErrorHandler) {
        this(threads, delivery, defaultErrorHandler, () -> { });
    }

    /**
     * A runner that calls {@code beforeEachTask} on the pool thread before each task, for settings
     * a native library keeps per thread (the app passes ND4J's thread count).
     */
    public FxTaskRunner(int threads, Executor delivery, Consumer<Throwable> defaultErrorHandler, Runnable beforeEachTask) {
        this.pool = Executors.newFixedThreadPool(threads, daemonThreads());
        this.delivery = delivery;
        this.defaultErrorHandler = defaultErrorHandler;
        this.beforeEachTask = beforeEachTask;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "workbench-task-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(Thread.NORM_PRIORITY - 1);
            return thread;
        };
    }

    @Override
    public <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess,
                                 Consumer<Throwable> onFailure) {
        BasicTaskHandle handle = new BasicTaskHandle(title);
        active.add(handle);
        pool.execute(() -> runTask(handle, work, onSuccess, onFailure));
        return handle;
    }

    @Override
    public <T> TaskHandle submitLatest(String key, String title, Work<T> work, Consumer<? super T> onSuccess,
                                       Consumer<Throwable> onFailure) {
        BasicTaskHandle handle = new BasicTaskHandle(title);
        BasicTaskHandle previous = latestByKey.put(key, handle);
        if (previous != null) {
            previous.cancel();
        }
        active.add(handle);
        pool.execute(() -> {
            runTask(handle, work, onSuccess, onFailure);
            latestByKey.remove(key, handle);
        });
        return handle;
    }

    private <T> void runTask(BasicTaskHandle handle, Work<T> work, Consumer<? super T> onSuccess,
                             Consumer<Throwable> onFailure) {
        try {
            if (handle.isCancelled()) {
                return;
            }
            beforeEachTask.run();
            T value = work.run(handle);
            if (!handle.isCancelled() && onSuccess != null) {
                delivery.execute(() -> {
                    if (!handle.isCancelled()) {
                        onSuccess.accept(value);
                    }
                });
            }
        } catch (CancellationException cancelled) {
            // The user asked for this; nothing to report.
        } catch (Exception | OutOfMemoryError | StackOverflowError error) {
            if (!handle.isCancelled()) {
                Consumer<Throwable> handler = onFailure != null ? onFailure : defaultErrorHandler;
                delivery.execute(() -> handler.accept(error));
            }
        } finally {
            handle.markDone();
            active.remove(handle);
        }
    }

    @Override
    public List<TaskHandle> activeTasks() {
        return new ArrayList<>(active);
    }

    @Override
    public void close() {
        active.forEach(TaskHandle::cancel);
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
