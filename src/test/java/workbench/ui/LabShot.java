package workbench.ui;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import workbench.app.LabRegistry;
import workbench.concurrent.DirectTaskRunner;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import javax.imageio.ImageIO;
import java.io.File;
import java.util.concurrent.CountDownLatch;

/**
 * Renders one lab headless (Monocle) to a PNG, for looking at a view while building it:
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp-test.txt) workbench.ui.LabShot
 * LAB THEME OUT.png [key=value ...]} where each key=value is applied through the lab's settings
 * (\n and \t in values become a newline and a tab; "@corpus:N" is the first N chars of the corpus).
 */
public final class LabShot {

    private static workbench.core.model.ModelBundle bundle;

    private LabShot() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("headless.geometry", "1920x1200-32");
        // The labs that look inside the model need it; it loads here, before the FX thread starts drawing.
        bundle = workbench.core.model.Checkpoints.bundled();
        CountDownLatch started = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        Platform.startup(started::countDown);
        started.await();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                shoot(args);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                done.countDown();
            }
        });
        done.await();
        Platform.exit();
        System.exit(0);
    }

    private static void shoot(String[] args) throws Exception {
        ThemeManager themes = new ThemeManager(Theme.parse(args[1]));
        Notifier notifier = new Notifier() {
            @Override
            public void info(String message) {
                System.out.println("info: " + message);
            }

            @Override
            public void warn(String message) {
                System.out.println("warn: " + message);
            }

            @Override
            public void error(String what, Throwable error) {
                System.out.println("error: " + what + ": " + error);
            }
        };
        workbench.ui.common.ModelSession models = new workbench.ui.common.ModelSession();
        models.set(bundle);
        LabContext context = new LabContext(new DirectTaskRunner(), themes, notifier, models);
        LabPage page = LabRegistry.find(args[0]).orElseThrow().factory().apply(context);
        ScrollPane controls = new ScrollPane(page.controls());
        controls.setFitToWidth(true);
        controls.setPrefViewportWidth(320);
        controls.getStyleClass().add("lab-controls");
        BorderPane root = new BorderPane(page.view());
        root.setRight(controls);
        root.getStyleClass().addAll("workbench-root", "lab-center");
        Scene scene = new Scene(root, 1430, 900);
        themes.attach(scene);
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        long start = System.nanoTime();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            String value = args[i].substring(eq + 1).replace("\\n", "\n").replace("\\t", "\t");
            if (value.startsWith("@corpus:")) {
                value = workbench.core.train.Corpus.bundled().text().substring(0, Integer.parseInt(value.substring(8)));
            }
            long t0 = System.nanoTime();
            page.settings().apply(args[i].substring(0, eq), value);
            root.applyCss();
            root.layout();
            System.out.printf("%s: %.1f ms%n", args[i].substring(0, eq), (System.nanoTime() - t0) / 1e6);
        }
        root.applyCss();
        root.layout();
        System.out.printf("settings applied in %.1f ms%n", (System.nanoTime() - start) / 1e6);
        WritableImage image = scene.snapshot(null);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(args[2]));
        System.out.println("saved " + args[2]);
        stage.close();
        page.dispose();
    }
}
