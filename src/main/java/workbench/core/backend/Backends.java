package workbench.core.backend;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.Nd4jBackend;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Chooses ND4J's backend before ND4J starts, and reports what it chose. If CUDA is asked for but
 * is missing from the build or cannot start on this machine, ND4J runs on the CPU and the status
 * carries a notice saying why; it never fails the application.
 */
public final class Backends {

    /** System property that overrides {@link #DEFAULT_THREADS}. */
    public static final String THREADS_PROPERTY = "workbench.threads";
    /**
     * ND4J threads by default. The workbench's models are small: their ops take microseconds, and
     * OpenMP's second thread spin-waits on every one of them. Measured here on 2 cores, one thread
     * made a 64-token forward pass 10-20x faster under load and kept a core free for the UI.
     */
    public static final int DEFAULT_THREADS = 1;

    private static BackendStatus status;
    /** The count last given to {@link #setThreads}; 0 until ND4J has started. */
    private static volatile int threads;

    private Backends() {
    }

    /**
     * Starts ND4J on the requested backend (or the CPU as a fallback). Safe to call more than once:
     * ND4J starts only once per process, so later calls return the first status.
     */
    public static synchronized BackendStatus start(BackendChoice requested) {
        if (status != null) {
            return status;
        }
        Optional<String> notice = Optional.empty();
        List<String> hidden = new ArrayList<>();
        if (requested == BackendChoice.CUDA) {
            Optional<String> problem = cudaProblem();
            if (problem.isPresent()) {
                notice = Optional.of(problem.get() + " Running on the CPU instead.");
                hidden.add(BackendChoice.CUDA.providerClass());
            }
        } else {
            hidden.add(BackendChoice.CUDA.providerClass());
        }
        ClassLoader parent = Backends.class.getClassLoader();
        ND4JClassLoading.setNd4jClassloader(
                new ServiceHidingClassLoader(parent, Nd4jBackend.class.getName(), hidden));
        setThreads(Integer.getInteger(THREADS_PROPERTY, DEFAULT_THREADS));
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        status = describe(requested, notice, Nd4j.getBackend().getClass().getName(), env);
        return status;
    }

    /** The status for what was asked, what ND4J loaded ({@code backendClass}) and its environment. */
    static BackendStatus describe(BackendChoice requested, Optional<String> notice, String backendClass,
                                  Properties env) {
        BackendChoice actual = backendClass.equals(BackendChoice.CUDA.providerClass()) ? BackendChoice.CUDA : BackendChoice.CPU;
        if (requested == BackendChoice.CUDA && actual != BackendChoice.CUDA && notice.isEmpty()) {
            notice = Optional.of("ND4J could not start CUDA. Running on the CPU instead.");
        }
        String vendor = String.valueOf(env.getOrDefault("blas.vendor", "unknown"));
        int threads = parseInt(env.get("omp.threads"), Runtime.getRuntime().availableProcessors());
        return new BackendStatus(requested, actual, vendor, threads, notice);
    }

    /**
     * Sets how many threads ND4J's native ops and BLAS use. One thread is faster for the tiny
     * ops of a small model when other work shares the cores (OpenMP threads spin while waiting).
     */
    public static void setThreads(int threads) {
        int n = Math.max(1, threads);
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
        threads = n;
        useThreadsOnThisThread();
    }

    /**
     * Applies the thread count to the calling thread. OpenMP keeps its thread count per thread, so a
     * worker thread that did not call {@link #setThreads} would run ND4J's element-wise ops on every
     * core: measured in the app, a 128-token attention call took 12 ms on a task thread instead of
     * 0.3 ms. Does nothing before ND4J has started.
     */
    public static void useThreadsOnThisThread() {
        int n = threads;
        if (n > 0) {
            org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
        }
    }

    /** The status of the running backend, if ND4J has been started through {@link #start}. */
    public static synchronized Optional<BackendStatus> current() {
        return Optional.ofNullable(status);
    }

    /** Why CUDA cannot be used here, or empty when it looks usable. */
    static Optional<String> cudaProblem() {
        Class<?> backendClass;
        try {
            backendClass = Class.forName(BackendChoice.CUDA.providerClass(), false, Backends.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError missing) {
            return Optional.of("This build has no CUDA backend (build it with: mvn -Dcuda ...).");
        }
        // ND4J prints a stack trace when CUDA's libraries are missing; the user gets our one-line notice instead.
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            Nd4jBackend backend = (Nd4jBackend) backendClass.getDeclaredConstructor().newInstance();
            if (!backend.isAvailable() || !backend.canRun()) {
                return Optional.of("CUDA is not available on this machine (no usable GPU or driver).");
            }
            return Optional.empty();
        } catch (Throwable failure) {
            String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            return Optional.of("CUDA could not start (" + shorten(firstLine(reason)) + ").");
        } finally {
            System.setErr(stderr);
        }
    }

    /** Keeps the end of a long library message, where the reason ("libcuda.so.1: cannot open…") is. */
    private static String shorten(String text) {
        int colon = text.lastIndexOf(".so");
        String tail = colon > 0 && text.lastIndexOf('/', colon) >= 0 ? text.substring(text.lastIndexOf('/', colon) + 1) : text;
        return tail.length() > 160 ? tail.substring(0, 160) + "…" : tail;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static int parseInt(Object value, int fallback) {
        try {
            return Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException notANumber) {
            return fallback;
        }
    }
}
