package workbench.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import picocli.CommandLine;
import workbench.concurrent.FxTaskRunner;
import workbench.core.backend.BackendChoice;
import workbench.core.backend.BackendStatus;
import workbench.core.backend.Backends;
import workbench.core.model.ModelCatalog;
import workbench.lesson.player.LessonPlayer;
import workbench.ui.common.LabContext;
import workbench.ui.common.ModelSession;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;

/** The JavaFX application: reads the settings, builds the window, starts ND4J in the background. */
public class WorkbenchApp extends Application {

    public static final String TITLE = "Transformer Workbench";

    private SettingsStore store;
    private AppSettings settings;
    private FxTaskRunner tasks;
    private MainWindow window;
    private NoticeBar notices;
    private StatusLine status;
    private ThemeManager themes;
    private ModelLoader loader;
    private LessonPlayer lessons;

    @Override
    public void start(Stage stage) {
        GuiOptions options = parseOptions(getParameters() == null ? List.of() : getParameters().getRaw());
        store = new SettingsStore(AppDirectories.config());
        SettingsStore.Loaded loaded = store.load();
        settings = loaded.settings();

        Theme theme = settings.theme();
        String themeProblem = null;
        if (options.theme() != null) {
            try {
                theme = Theme.parse(options.theme());
            } catch (IllegalArgumentException bad) {
                themeProblem = bad.getMessage();
            }
        }
        themes = new ThemeManager(theme);
        notices = new NoticeBar();
        tasks = new FxTaskRunner(2, Platform::runLater, error -> notices.error("A background task failed", error),
                Backends::useThreadsOnThisThread);
        status = new StatusLine(tasks);
        ModelSession models = new ModelSession();
        LabContext context = new LabContext(tasks, themes, notices, models);
        loader = new ModelLoader(tasks, models, notices, status::setModel);
        lessons = LabRegistry.lessonPlayer(AppDirectories.config());
        window = new MainWindow(context, LabRegistry.labs(lessons), notices, status, AppDirectories.exports());

        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        window.modelSlot().getChildren().setAll(new ModelPicker(loader, stage).nodes());
        Scene scene = new Scene(window.root(), Math.min(settings.width(), screen.getWidth()),
                Math.min(settings.height(), screen.getHeight()));
        themes.attach(scene);
        window.installShortcuts(scene);
        lessons.attach(new WindowLessonHost(window, scene, themes, notices, loader, models));
        stage.setTitle(TITLE);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            lessons.close(); // leaves presenter mode first, so its projector theme and full screen are not saved
            saveSettings(stage);
        });
        themes.themeProperty().addListener((obs, old, now) -> settings = settings.withTheme(now));
        window.setOnLabShown(id -> settings = settings.withLastLab(id));

        String firstLab = options.lab() != null ? options.lab() : settings.lastLab();
        window.show(LabRegistry.find(firstLab).isPresent() || options.lab() != null ? firstLab : LabRegistry.labs().get(0).id());
        stage.show();
        timing("window shown");

        loaded.problem().ifPresent(notices::warn);
        if (themeProblem != null) {
            notices.warn(themeProblem);
        }
        startBackend(options.backend() != null ? options.backend() : settings.backend());
    }

    private void startBackend(BackendChoice requested) {
        tasks.submit("Starting ND4J", progress -> Backends.start(requested), (BackendStatus started) -> {
            Backends.useThreadsOnThisThread(); // the few small ND4J calls made on the FX thread
            status.setBackend(started.summary());
            timing("ND4J ready");
            started.notice().ifPresent(notices::warn);
            loader.load(ModelCatalog.defaultEntry());
        }, error -> {
            status.setBackend("ND4J failed to start");
            notices.error("ND4J could not start", error);
        });
    }

    /** With -Dworkbench.timing=true, prints how long after the JVM started a milestone was reached. */
    private static void timing(String milestone) {
        if (Boolean.getBoolean("workbench.timing")) {
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.println("workbench timing: " + milestone + " after " + ms + " ms");
        }
    }

    private void saveSettings(Stage stage) {
        settings = settings.withSize(stage.getWidth(), stage.getHeight());
        try {
            store.save(settings);
        } catch (IOException failure) {
            notices.error("Could not save the settings", failure);
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.dispose();
        }
        if (tasks != null) {
            tasks.close();
        }
    }

    /** The window, for tests that drive the app. */
    public MainWindow window() {
        return window;
    }

    /** The lesson player, for tests that drive lessons. */
    public LessonPlayer lessons() {
        return lessons;
    }

    public NoticeBar notices() {
        return notices;
    }

    public StatusLine status() {
        return status;
    }

    ModelLoader loader() {
        return loader;
    }

    public ThemeManager themes() {
        return themes;
    }

    static GuiOptions parseOptions(List<String> raw) {
        GuiOptions options = new GuiOptions();
        try {
            new CommandLine(options).parseArgs(raw.toArray(String[]::new));
        } catch (CommandLine.ParameterException bad) {
            // Main validates the command line before launching; anything left is ignored here.
        }
        return options;
    }
}
