package workbench.ui.recurrent;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import workbench.concurrent.DirectTaskRunner;
import workbench.core.recurrent.ForwardTiming;
import workbench.ui.common.CsvTable;
import workbench.ui.common.Exports;
import workbench.ui.common.LabContext;
import workbench.ui.common.Notifier;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;

/**
 * Not a test: trains the Recurrent lab at full size, headless, saves its tabs as PNGs (light and
 * projector themes) and prints the figures shown. For the README and the report, e.g.
 * <pre>
 *   mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   OMP_NUM_THREADS=1 java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *       workbench.ui.recurrent.RecurrentScreenshots target/shots first-token 40
 * </pre>
 * Arguments: output folder, task key (as in the lab's "task" setting), distance, and optionally steps.
 */
public final class RecurrentScreenshots {

    private RecurrentScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("headless.geometry", "1920x1200-32");
        Path out = Path.of(args.length > 0 ? args[0] : "target/shots");
        String task = args.length > 1 ? args[1] : "brackets";
        String distance = args.length > 2 ? args[2] : String.valueOf(RecurrentViewModel.DEFAULT_DISTANCE);
        String steps = args.length > 3 ? args[3] : String.valueOf(RecurrentViewModel.DEFAULT_STEPS);
        Files.createDirectories(out);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        ThemeManager themes = new ThemeManager(Theme.LIGHT);
        DirectTaskRunner runner = new DirectTaskRunner();
        Notifier quiet = new Notifier() {
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
        };
        RecurrentPage page = onFx(() -> {
            RecurrentPage p = new RecurrentPage(new LabContext(runner, themes, quiet));
            BorderPane root = new BorderPane(p.view());
            ScrollPane side = new ScrollPane(p.controls());
            side.setFitToWidth(true);
            side.setPrefViewportWidth(300);
            root.setRight(side);
            Scene scene = new Scene(root, 1500, 940);
            themes.attach(scene);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            p.settings().apply("task", task);
            if (!task.equals("corpus")) {
                p.settings().apply("distance", distance);
            }
            p.settings().apply("steps", steps);
            return p;
        });
        long start = System.nanoTime();
        onFx(() -> {
            page.viewModel().train();
            page.frame();
            return null;
        });
        System.out.printf(Locale.ROOT, "trained in %.1f s: %s%n", (System.nanoTime() - start) / 1e9,
                onFx(() -> page.viewModel().status.get()));
        print(onFx(page::table));
        onFx(() -> {
            page.viewModel().measureTiming();
            return null;
        });
        ForwardTiming.Result timing = onFx(() -> page.viewModel().timing.get());
        System.out.print("model,parameters");
        for (int t : timing.lengths()) {
            System.out.print(",ms_T" + t);
        }
        System.out.println();
        for (ForwardTiming.Series s : timing.series()) {
            System.out.print(s.label() + "," + s.parameterCount());
            for (double ms : s.millis()) {
                System.out.printf(Locale.ROOT, ",%.3f", ms);
            }
            System.out.println();
        }
        String prefix = "recurrent-" + task;
        for (Theme theme : new Theme[]{Theme.LIGHT, Theme.PROJECTOR}) {
            for (int tab = 0; tab < RecurrentPage.TABS.size(); tab++) {
                int index = tab;
                String name = prefix + "-" + RecurrentPage.TABS.get(tab) + "-" + theme.name().toLowerCase(Locale.ROOT);
                onFx(() -> {
                    themes.setTheme(theme);
                    ((TabPane) page.view().lookup("#" + RecurrentPage.TABS_ID)).getSelectionModel().select(index);
                    return null;
                });
                onFx(() -> null);     // one more turn of the FX thread for layout
                onFx(() -> {
                    Exports.savePng(page.view().getScene().getRoot(), out.resolve(name + ".png"), theme.background());
                    return null;
                });
                System.out.println("saved " + out.resolve(name + ".png"));
            }
        }
        Platform.exit();
        System.exit(0);
    }

    private static void print(CsvTable table) {
        System.out.println(String.join(",", table.header()));
        table.rows().forEach(r -> System.out.println(String.join(",", r)));
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(work.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get();
    }
}
