package workbench.bench;

import javafx.scene.control.Slider;
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
import workbench.ui.common.LabContext;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;
import workbench.ui.positions.PositionsPage;

import java.util.concurrent.TimeUnit;

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
public class PositionsRedrawBenchmark extends FxStepBenchmark {

    /** Which slider moves: the model width (recomputes everything), the base, or RoPE's query position. */
    @Param({"positions-d-model", "positions-base", "rope-m"})
    public String slider;

    /** The tab on screen while the slider moves. */
    @Param({"sinusoidal", "rope"})
    public String panel;

    private PositionsPage page;
    private Slider control;

    @Setup(Level.Trial)
    public void start() throws Exception {
        startFx();
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
            show(page, themes);
            page.settings().apply("panel", panel);
            control = (Slider) scene.lookup("#" + slider);
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        });
    }

    /** One step back and forth, so every call really changes the value. */
    @Override
    protected void step() {
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
}
