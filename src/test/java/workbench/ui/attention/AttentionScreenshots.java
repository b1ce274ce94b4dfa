package workbench.ui.attention;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import workbench.concurrent.DirectTaskRunner;
import workbench.core.model.Checkpoints;
import workbench.core.model.ModelBundle;
import workbench.ui.common.Exports;
import workbench.ui.common.LabContext;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Renders the attention lab's views to PNG files, for looking at them (not a test). Arguments:
 * output folder, theme (light|dark|projector), then "setting=value" pairs applied before the shots,
 * for example {@code /tmp/shots light layer=1 head=2}. Uses the bundled checkpoint when it is on the
 * class path, otherwise a random model of the same shape. Run headless with the test class path:
 * <pre>
 *   mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 *   java -cp target/classes:target/test-classes:$(cat target/test-cp.txt) -Dglass.platform=Monocle \
 *        -Dmonocle.platform=Headless -Dprism.order=sw workbench.ui.attention.AttentionScreenshots \
 *        /tmp/shots light layer=1 head=1 query=20 step=9
 * </pre>
 */
public final class AttentionScreenshots {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/attention-shots");
        Theme theme = Theme.parse(args.length > 1 ? args[1] : "light");
        Files.createDirectories(out);
        ModelBundle bundle;
        try {
            bundle = Checkpoints.bundled();
        } catch (Exception missing) {
            System.out.println("No bundled model (" + missing.getMessage() + "): using random weights");
            bundle = AttentionFixtures.nanoGptShape();
        }
        ModelBundle model = bundle;
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            try {
                ThemeManager themes = new ThemeManager(theme);
                LabContext context = new LabContext(new DirectTaskRunner(), themes, new Notifier() {
                    public void info(String m) { System.out.println(m); }
                    public void warn(String m) { System.out.println(m); }
                    public void error(String w, Throwable e) { System.out.println(w + ": " + e); }
                });
                AttentionPage page = new AttentionPage(context);
                // Laid out as the main window lays out a lab (1600 x 1000 less the navigation list):
                // the view in the centre, the controls in a 320-pixel scroll pane at the right.
                javafx.scene.layout.BorderPane root = new javafx.scene.layout.BorderPane(page.view());
                javafx.scene.control.ScrollPane controls = new javafx.scene.control.ScrollPane(page.controls());
                controls.setFitToWidth(true);
                controls.setPrefViewportWidth(320);
                root.setRight(controls);
                root.setPadding(new javafx.geometry.Insets(8));
                Scene scene = new Scene(root, 1430, 940);
                themes.attach(scene);
                Stage stage = new Stage();
                stage.setScene(scene);
                stage.show();
                context.models().set(model);
                for (int i = 2; i < args.length; i++) {
                    String[] kv = args[i].split("=", 2);
                    page.settings().apply(kv[0], kv[1]);
                }
                flush(() -> shoot(page, root, out, theme, List.of("heatmap", "grid", "lines", "steps", "intervene", "compare"), 0, done));
            } catch (Exception e) {
                e.printStackTrace();
                done.countDown();
            }
        });
        done.await();
        Platform.exit();
    }

    private static void shoot(AttentionPage page, javafx.scene.Node root, Path out, Theme theme, List<String> views,
                              int index, CountDownLatch done) {
        if (index >= views.size()) {
            done.countDown();
            return;
        }
        page.settings().apply("view", views.get(index));
        flush(() -> {
            try {
                Path file = out.resolve("attention-" + views.get(index) + "-" + theme.key() + ".png");
                Exports.savePng(root, file, theme.background());
                System.out.println("wrote " + file);
            } catch (Exception e) {
                e.printStackTrace();
            }
            shoot(page, root, out, theme, views, index + 1, done);
        });
    }

    /** Runs {@code next} after a few pulses, so layout and canvases have caught up. */
    private static void flush(Runnable next) {
        Platform.runLater(() -> Platform.runLater(() -> Platform.runLater(next)));
    }
}
