package workbench.bench;

import javafx.application.Platform;
import javafx.scene.Scene;
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
import workbench.core.model.Checkpoints;
import workbench.core.model.ModelBundle;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.ModelSession;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;
import workbench.ui.embeddings.EmbeddingsPage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How long one step of the Embeddings lab takes on the JavaFX thread for a 64-token prompt on the
 * bundled model: choosing another layer ({@code layer}: the residual stream of every layer was
 * projected once in the background, so this only redraws the 64 points, their 5-stage paths and
 * the neighbour list) or turning the 3D view by two degrees ({@code yaw}, one step of a drag).
 * {@code update} is the JavaFX-thread work and layout; {@code updateAndRender} also snapshots the
 * 1400 x 900 scene with the software renderer. Headless (Monocle):
 * {@code mvn -Pbench -q compile exec:exec -Dbench=EmbeddingsRedraw}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
        "-Dprism.text=t2k", "-Dheadless.geometry=1920x1200-32", "-Djava.awt.headless=true"})
public class EmbeddingsRedrawBenchmark {

    /** 64 characters of the corpus: 64 tokens for the character model, its whole context. */
    static final String PROMPT = "In the beginning God created the heaven and the earth. And the e";

    @Param({"layer", "yaw"})
    public String control;

    private LabPage page;
    private Scene scene;
    private WritableImage image;
    private boolean flip;
    private long fxCpuNanos;
    private long steps;

    @Setup(Level.Trial)
    public void start() throws Exception {
        if (PROMPT.length() != 64) {
            throw new IllegalStateException("the prompt must be 64 characters, is " + PROMPT.length());
        }
        ModelBundle bundle = Checkpoints.bundled();
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
        runOnFx(() -> {
            Notifier loud = new Notifier() {
                @Override
                public void info(String message) {
                }

                @Override
                public void warn(String message) {
                    throw new IllegalStateException(message);
                }

                @Override
                public void error(String what, Throwable error) {
                    throw new IllegalStateException(what, error);
                }
            };
            ThemeManager themes = new ThemeManager(Theme.LIGHT);
            ModelSession models = new ModelSession();
            models.set(bundle);
            page = new EmbeddingsPage(new LabContext(new DirectTaskRunner(), themes, loud, models));
            BorderPane root = new BorderPane(page.view());
            root.setRight(page.controls());
            scene = new Scene(root, 1400, 900);
            themes.attach(scene);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            page.settings().apply("prompt", PROMPT);
            page.settings().apply("layer", "2");
            page.settings().apply("dimensions", control.equals("yaw") ? "3" : "2");
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
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long start = threads.getCurrentThreadCpuTime();
            action.run();
            fxCpuNanos += threads.getCurrentThreadCpuTime() - start;
            steps++;
        });
    }

    /** One step back and forth, so every call really changes what is drawn. */
    private void step() {
        if (control.equals("layer")) {
            page.settings().apply("layer", flip ? "2" : "3");
        } else {
            page.settings().apply("yaw", flip ? "35" : "37");
        }
        flip = !flip;
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
