package workbench.bench;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import workbench.concurrent.DirectTaskRunner;
import workbench.ui.common.LabContext;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;
import workbench.ui.positions.PositionsPage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How long one slider step of the Positions lab takes, for 64 positions and d_model 64: the new
 * value is set on the JavaFX thread, core recomputes what depends on it, the canvases of the visible
 * tab record their drawing, and layout runs ({@code update}: the JavaFX-thread work of one step);
 * {@code updateAndRender} also snapshots the whole 1400 x 900 scene, which runs the CSS pass and
 * rasterises everything with JavaFX's software renderer: an upper bound for a real frame. Headless (Monocle), so it runs on any machine:
 * {@code mvn -Pbench -q compile exec:exec -Dbench=PositionsRedraw}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
        "-Dprism.text=t2k", "-Dheadless.geometry=1920x1200-32", "-Djava.awt.headless=true"})
public class PositionsRedrawBenchmark {

    /** Which slider moves: the model width (recomputes everything), the base, or RoPE's query position. */
    @Param({"positions-d-model", "positions-base", "rope-m"})
    public String slider;

    /** The tab on screen while the slider moves. */
    @Param({"sinusoidal", "rope"})
    public String panel;

    private PositionsPage page;
    private Scene scene;
    private Slider control;
    private WritableImage image;
    private boolean flip;
    // CPU time the JavaFX thread spent in the measured steps: unlike wall time, it does not grow
    // when other processes compete for the machine's cores.
    private long fxCpuNanos;
    private long steps;

    @Setup(Level.Trial)
    public void start() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
        runOnFx(() -> {
            Notifier quiet = new Notifier() {
                @Override
                public void info(String message) {
                }

                @Override
                public void warn(String message) {
                }

                @Override
                public void error(String what, Throwable error) {
                    throw new IllegalStateException(what, error);
                }
            };
            ThemeManager themes = new ThemeManager(Theme.LIGHT);
            page = new PositionsPage(new LabContext(new DirectTaskRunner(), themes, quiet));
            BorderPane root = new BorderPane(page.view());
            root.setRight(page.controls());
            scene = new Scene(root, 1400, 900);
            themes.attach(scene);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            page.settings().apply("panel", panel);
            control = (Slider) scene.lookup("#" + slider);
            image = new WritableImage(1400, 900);
            root.applyCss();
            root.layout();
        });
    }

    @Setup(Level.Iteration)
    public void clearCounters() {
        fxCpuNanos = 0;
        steps = 0;
    }

    @TearDown(Level.Iteration)
    public void report() {
        System.out.printf(java.util.Locale.ROOT, "  [JavaFX thread CPU per step: %.3f ms over %d steps]%n",
                fxCpuNanos / 1e6 / Math.max(1, steps), steps);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        runOnFx(page::dispose);
    }

    @Benchmark
    public Object update() throws Exception {
        return onFx(this::moveSlider);
    }

    @Benchmark
    public Object updateAndRender() throws Exception {
        return onFx(() -> {
            moveSlider();
            scene.snapshot(image);
        });
    }

    private Object onFx(Runnable action) throws Exception {
        return runOnFx(() -> {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long start = threads.getCurrentThreadCpuTime();
            action.run();
            fxCpuNanos += threads.getCurrentThreadCpuTime() - start;
            steps++;
        });
    }

    /** One step back and forth, so every call really changes the value. */
    private void moveSlider() {
        // d_model moves in steps of 2 (it is rounded to an even width); the base slider is log10(base).
        double step = switch (slider) {
            case "positions-base" -> 0.05;
            case "positions-d-model" -> 2;
            default -> 1;
        };
        control.setValue(control.getValue() + (flip ? -step : step));
        flip = !flip;
        // A pulse runs CSS only on the nodes that changed, then layout; Node.applyCss() would
        // restyle the whole scene, which no pulse does, so only layout is run here. The snapshot
        // in updateAndRender runs the scene's real CSS pass.
        scene.getRoot().layout();
    }

    private static Object runOnFx(Runnable action) throws Exception {
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
