package workbench.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
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
import workbench.concurrent.FxTaskRunner;
import workbench.concurrent.Progress;
import workbench.core.backend.BackendChoice;
import workbench.core.backend.Backends;
import workbench.core.model.Checkpoints;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.ModelBundle;
import workbench.core.model.TransformerConfig;
import workbench.core.tokenizer.CharTokenizer;
import workbench.ui.attention.AttentionAnalysis;
import workbench.ui.attention.AttentionPage;
import workbench.ui.common.LabContext;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How long the attention lab takes from a keystroke in its prompt to the updated heatmap, for a
 * 64-token prompt (the model's whole context), measured in the running lab as a user meets it:
 * <ul>
 *   <li>{@code engine64}: the background work alone, {@link AttentionAnalysis#compute} (the forward
 *       trace with every intermediate, per-head statistics, W_O copies);</li>
 *   <li>{@code keystrokeToHeatmap}: the prompt field's text changes on the JavaFX thread; the lab
 *       encodes it, computes in the background, and the heatmap has redrawn on the JavaFX thread;</li>
 *   <li>{@code keystrokeToFrame}: the same until the next frame after that has been rendered, so the
 *       new heatmap is on screen (includes waiting for the frame, up to 1/60 s).</li>
 * </ul>
 * The keystroke figures are sampled (median and percentiles), since a shared machine's load makes
 * single slow samples. JavaFX needs a display: run under Xvfb, for example
 * {@code xvfb-run -a mvn -Pbench -q compile exec:exec -Dbench=AttentionLabBench -Dbench.args=AttentionLabBench}
 * (the second regex only stops an empty {@code bench.args} from selecting every benchmark). Uses the
 * bundled checkpoint when it is there, otherwise random weights of the same shape.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class AttentionLabBench {

    /** 63 characters; a 64th is typed, alternating, so that every keystroke gives a new prompt. */
    private static final String BASE = "In the beginning God created the heaven and the earth. And the ";
    private static final String[] KEYS = {"e", "a"};

    @Param({"1", "2"})
    public int threads;

    private ModelBundle bundle;
    private ModelBundle.Prompt prompt;
    private FxTaskRunner tasks;
    private AttentionPage page;
    private TextField field;
    private Stage stage;
    private int typed;
    private volatile CountDownLatch heatmapDone;
    private volatile CountDownLatch frameDone;
    private volatile int framesToWait;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Backends.start(BackendChoice.CPU);
        Backends.setThreads(threads);
        bundle = loadModel();
        prompt = bundle.encode(BASE + KEYS[0]);
        if (prompt.ids().length != 64) {
            throw new IllegalStateException("the prompt should be 64 tokens, is " + prompt.ids().length);
        }
        CountDownLatch ready = new CountDownLatch(1);
        Platform.startup(() -> {
            tasks = new FxTaskRunner(2, Platform::runLater, Throwable::printStackTrace, Backends::useThreadsOnThisThread);
            ThemeManager themes = new ThemeManager(Theme.LIGHT);
            LabContext context = new LabContext(tasks, themes, new Notifier() {
                @Override
                public void info(String message) {
                }

                @Override
                public void warn(String message) {
                }

                @Override
                public void error(String what, Throwable error) {
                    error.printStackTrace();
                }
            });
            page = new AttentionPage(context);
            BorderPane root = new BorderPane(page.view());
            root.setRight(page.controls());
            Scene scene = new Scene(root, 1500, 950);
            themes.attach(scene);
            stage = new Stage();
            stage.setScene(scene);
            stage.show();
            field = (TextField) scene.lookup("#" + AttentionPage.PROMPT_ID);
            page.viewModel().analysisProperty().addListener((obs, old, now) -> {
                // Registered after the page's own listener, so the heatmap has redrawn by now.
                CountDownLatch done = heatmapDone;
                if (done != null && now != null) {
                    heatmapDone = null;
                    done.countDown();
                }
            });
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    // A pulse starts only after the previous frame was rendered: the second pulse
                    // after the heatmap changed proves the frame holding it is on screen.
                    CountDownLatch done = frameDone;
                    if (done != null && heatmapDone == null && --framesToWait <= 0) {
                        frameDone = null;
                        done.countDown();
                    }
                }
            }.start();
            context.models().set(bundle);
            ready.countDown();
        });
        ready.await();
        keystroke(false);
    }

    private static ModelBundle loadModel() {
        try {
            return Checkpoints.bundled();
        } catch (Exception missing) {
            CharTokenizer tokenizer = CharTokenizer.fromText(
                    "\n !'(),-.:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
            return new ModelBundle("random", new MiniTransformer(TransformerConfig.nanoGptCpu(tokenizer.vocabSize(), 1)),
                    tokenizer, Optional.empty());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Platform.runLater(() -> {
            page.dispose();
            stage.close();
            tasks.close();
        });
    }

    @Benchmark
    public AttentionAnalysis engine64() {
        return AttentionAnalysis.compute(bundle, prompt, ForwardOptions.NONE.withMask(MaskKind.CAUSAL), false, null,
                Progress.NONE);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public int keystrokeToHeatmap() throws InterruptedException {
        return keystroke(false);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public int keystrokeToFrame() throws InterruptedException {
        return keystroke(true);
    }

    private int keystroke(boolean untilFrame) throws InterruptedException {
        CountDownLatch heatmap = new CountDownLatch(1);
        CountDownLatch frame = new CountDownLatch(1);
        String text = BASE + KEYS[typed++ % 2];
        Platform.runLater(() -> {
            heatmapDone = heatmap;
            if (untilFrame) {
                framesToWait = 2;
                frameDone = frame;
            }
            field.setText(text);
        });
        if (!heatmap.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the heatmap did not update");
        }
        if (untilFrame && !frame.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no frame was rendered");
        }
        return text.length();
    }
}
