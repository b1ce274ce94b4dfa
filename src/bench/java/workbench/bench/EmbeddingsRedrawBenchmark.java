package workbench.bench;

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

import java.util.concurrent.TimeUnit;

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
public class EmbeddingsRedrawBenchmark extends FxStepBenchmark {

    /** 64 characters of the corpus: 64 tokens for the character model, its whole context. */
    static final String PROMPT = "In the beginning God created the heaven and the earth. And the e";

    @Param({"layer", "yaw"})
    public String control;

    private LabPage page;

    @Setup(Level.Trial)
    public void start() throws Exception {
        if (PROMPT.length() != 64) {
            throw new IllegalStateException("the prompt must be 64 characters, is " + PROMPT.length());
        }
        ModelBundle bundle = Checkpoints.bundled();
        startFx();
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
            show(page, themes);
            page.settings().apply("prompt", PROMPT);
            page.settings().apply("layer", "2");
            page.settings().apply("dimensions", control.equals("yaw") ? "3" : "2");
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        });
    }

    /** One step back and forth, so every call really changes what is drawn. */
    @Override
    protected void step() {
        if (control.equals("layer")) {
            page.settings().apply("layer", flip ? "2" : "3");
        } else {
            page.settings().apply("yaw", flip ? "35" : "37");
        }
        flip = !flip;
        scene.getRoot().layout();
    }
}
