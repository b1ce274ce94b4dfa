package workbench.bench;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import workbench.ui.common.LabPage;
import workbench.ui.common.ThemeManager;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one step of a lab costs on the JavaFX thread, headless (Monocle). A subclass builds its page
 * in its trial set-up and shows it with {@link #show}; {@link #step()} changes one control back and
 * forth, so every call really changes what is drawn. {@code update} is the JavaFX-thread work and
 * layout of one step; {@code updateAndRender} also snapshots the 1400 x 900 scene, which runs the
 * CSS pass and rasterises everything with the software renderer: an upper bound for a real frame.
 * <p>
 * Besides JMH's wall time, each iteration prints the CPU time the JavaFX thread spent per step:
 * unlike wall time, it does not grow when other processes compete for the machine's cores.
 */
abstract class FxStepBenchmark {

    static final int WIDTH = 1400;
    static final int HEIGHT = 900;

    protected Scene scene;
    protected boolean flip;
    private LabPage page;
    private WritableImage image;
    private long fxCpuNanos;
    private long steps;

    /** One change of the measured control, run on the JavaFX thread; flips {@link #flip}. */
    protected abstract void step();

    /** Starts the JavaFX platform once per JVM. */
    protected static void startFx() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
    }

    /** Puts the page's view and controls on a shown stage; call on the JavaFX thread. */
    protected final void show(LabPage labPage, ThemeManager themes) {
        page = labPage;
        BorderPane root = new BorderPane(labPage.view());
        root.setRight(labPage.controls());
        scene = new Scene(root, WIDTH, HEIGHT);
        themes.attach(scene);
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        image = new WritableImage(WIDTH, HEIGHT);
    }

    @Setup(Level.Iteration)
    public void clearCounters() {
        fxCpuNanos = 0;
        steps = 0;
    }

    @TearDown(Level.Iteration)
    public void report() {
        System.out.printf(Locale.ROOT, "  [JavaFX thread CPU per step: %.3f ms over %d steps]%n",
                fxCpuNanos / 1e6 / Math.max(1, steps), steps);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        runOnFx(page::dispose);
    }

    @Benchmark
    public Object update() throws Exception {
        return onFx(this::step);
    }

    @Benchmark
    public Object updateAndRender() throws Exception {
        return onFx(() -> {
            step();
            scene.snapshot(image);
        });
    }

    private Object onFx(Runnable action) throws Exception {
        return runOnFx(() -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long start = threads.getCurrentThreadCpuTime();
            action.run();
            fxCpuNanos += threads.getCurrentThreadCpuTime() - start;
            steps++;
        });
    }

    /** Runs the action on the JavaFX thread and waits; its failure fails the benchmark. */
    protected static Object runOnFx(Runnable action) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                action.run();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return done;
    }
}
