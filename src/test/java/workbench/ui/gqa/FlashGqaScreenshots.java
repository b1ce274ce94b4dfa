package workbench.ui.gqa;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import workbench.concurrent.DirectTaskRunner;
import workbench.core.model.Checkpoints;
import workbench.core.model.ModelBundle;
import workbench.ui.common.Exports;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;
import workbench.ui.flash.FlashPage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Renders the FlashAttention and GQA labs with the bundled model to {@code flash.png} and
 * {@code gqa.png} (not a test: the GQA shot runs the conversion). Arguments: output folder, theme,
 * fine-tune steps, tiling step to show. Run headless with the test class path, as
 * {@code workbench.ui.attention.AttentionScreenshots} describes:
 * <pre>
 *   java -cp target/classes:target/test-classes:$(cat target/test-cp.txt) -Dglass.platform=Monocle \
 *        -Dmonocle.platform=Headless -Dprism.order=sw workbench.ui.gqa.FlashGqaScreenshots docs/screenshots light 50 6
 * </pre>
 */
public final class FlashGqaScreenshots {

    private FlashGqaScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/flash-gqa-shots");
        Theme theme = Theme.parse(args.length > 1 ? args[1] : "light");
        String steps = args.length > 2 ? args[2] : "50";
        String tileStep = args.length > 3 ? args[3] : "6";
        Files.createDirectories(out);
        ModelBundle bundle = Checkpoints.bundled();
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            try {
                ThemeManager themes = new ThemeManager(theme);
                LabContext context = new LabContext(new DirectTaskRunner(), themes, new Notifier() {
                    public void info(String m) { System.out.println(m); }
                    public void warn(String m) { System.out.println(m); }
                    public void error(String w, Throwable e) { System.out.println(w + ": " + e); }
                });
                context.models().set(bundle);
                FlashPage flash = new FlashPage(context);
                BorderPane flashRoot = show(flash, themes, 940);
                flash.settings().apply("step", tileStep);
                GqaPage gqa = new GqaPage(context);
                BorderPane gqaRoot = show(gqa, themes, 1700);
                gqa.settings().apply("tab", "model");
                gqa.settings().apply("finetune-steps", steps);
                gqa.modelPane().conversion().run(gqa.modelPane().maps().kvHeads());
                for (int i = 0; i < 25; i++) {
                    gqa.modelPane().race().step();
                }
                flush(() -> {
                    save(flashRoot, out.resolve("flash.png"), theme);
                    save(gqaRoot, out.resolve("gqa.png"), theme);
                    done.countDown();
                });
            } catch (Exception e) {
                e.printStackTrace();
                done.countDown();
            }
        });
        done.await();
        Platform.exit();
    }

    /** Lays a lab out as the main window does: the view in the centre, the controls at the right. */
    private static BorderPane show(LabPage page, ThemeManager themes, double height) {
        BorderPane root = new BorderPane(page.view());
        ScrollPane controls = new ScrollPane(page.controls());
        controls.setFitToWidth(true);
        controls.setPrefViewportWidth(320);
        root.setRight(controls);
        root.setPadding(new Insets(8));
        Scene scene = new Scene(root, 1430, height);
        themes.attach(scene);
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        return root;
    }

    private static void save(Node node, Path file, Theme theme) {
        try {
            Exports.savePng(node, file, theme.background());
            System.out.println("wrote " + file);
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    private static void flush(Runnable next) {
        Platform.runLater(() -> Platform.runLater(() -> Platform.runLater(next)));
    }
}
