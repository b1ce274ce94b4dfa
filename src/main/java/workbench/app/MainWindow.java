package workbench.app;

import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import workbench.ui.common.CsvTable;
import workbench.ui.common.Exports;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.NotBuiltPage;
import workbench.ui.common.Theme;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The main window's layout and wiring: labs on the left, the active lab in the centre, its
 * controls on the right, notices above and the status bar below. It computes nothing itself.
 */
public final class MainWindow {

    public static final String NAV_ID = "lab-nav";
    public static final String CENTER_ID = "lab-center";
    public static final String CONTROLS_ID = "lab-controls";
    public static final String EXPORT_PNG_ID = "export-png";
    public static final String EXPORT_CSV_ID = "export-csv";
    public static final String RESET_ID = "reset-lab";
    public static final String THEME_ID = "theme-choice";
    public static final String LESSON_SLOT_ID = "lesson-slot";
    public static final String OVERLAY_ID = "window-overlay";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final LabContext context;
    private final List<LabDescriptor> labs;
    private final NoticeBar notices;
    private final StatusLine status;
    private final Map<String, LabPage> pages = new LinkedHashMap<>();
    private final ListView<LabDescriptor> nav = new ListView<>();
    private final StackPane center = new StackPane();
    private final ScrollPane controls = new ScrollPane();
    private final BorderPane root = new BorderPane();
    private final StackPane lessonSlot = new StackPane();
    private final Pane overlay = new Pane();
    private final StackPane layers = new StackPane(root, overlay);
    private ToolBar toolbar;
    private final Path exportFolder;
    private final HBox modelSlot = new HBox(6);
    private Consumer<String> onLabShown = id -> { };
    private LabPage current;

    public MainWindow(LabContext context, List<LabDescriptor> labs, NoticeBar notices, StatusLine status,
                      Path exportFolder) {
        this.context = context;
        this.labs = List.copyOf(labs);
        this.notices = notices;
        this.status = status;
        this.exportFolder = exportFolder;
        build();
    }

    private void build() {
        nav.setId(NAV_ID);
        nav.getItems().setAll(labs);
        nav.getStyleClass().add("lab-nav");
        nav.setPrefWidth(170);
        nav.getSelectionModel().selectedItemProperty().addListener((obs, old, lab) -> {
            if (lab != null) {
                show(lab.id());
            }
        });
        center.setId(CENTER_ID);
        center.getStyleClass().add("lab-center");
        controls.setId(CONTROLS_ID);
        controls.getStyleClass().add("lab-controls");
        controls.setFitToWidth(true);
        controls.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        controls.setPrefViewportWidth(320);

        // The lesson pane docks between the lab and its controls; the slot takes no room while empty.
        lessonSlot.setId(LESSON_SLOT_ID);
        lessonSlot.visibleProperty().bind(Bindings.isNotEmpty(lessonSlot.getChildren()));
        lessonSlot.managedProperty().bind(lessonSlot.visibleProperty());
        center.setMinWidth(0);
        HBox work = new HBox(center, lessonSlot);
        HBox.setHgrow(center, Priority.ALWAYS);
        VBox middle = new VBox(notices, work);
        VBox.setVgrow(work, Priority.ALWAYS);
        overlay.setId(OVERLAY_ID);
        overlay.setMouseTransparent(true);
        toolbar = toolbar();
        root.setTop(toolbar);
        root.setLeft(nav);
        root.setCenter(middle);
        root.setRight(controls);
        root.setBottom(status);
        root.getStyleClass().add("workbench-root");
    }

    private ToolBar toolbar() {
        Label title = new Label("Transformer Workbench");
        title.getStyleClass().add("app-title");
        Button png = new Button("Save PNG");
        png.setId(EXPORT_PNG_ID);
        png.setTooltip(new Tooltip("Save the lab's view as a PNG at 2x scale (Ctrl+E)"));
        png.setOnAction(e -> exportPng());
        Button csv = new Button("Save CSV");
        csv.setId(EXPORT_CSV_ID);
        csv.setTooltip(new Tooltip("Save the numbers shown as CSV (Ctrl+Shift+E)"));
        csv.setOnAction(e -> exportCsv());
        Button reset = new Button("Reset lab");
        reset.setId(RESET_ID);
        reset.setOnAction(e -> {
            if (current != null) {
                current.reset();
            }
        });
        ChoiceBox<Theme> theme = new ChoiceBox<>();
        theme.setId(THEME_ID);
        theme.getItems().setAll(Theme.values());
        theme.valueProperty().bindBidirectional(context.themes().themeProperty());
        theme.setTooltip(new Tooltip("Light, dark, or projector (high contrast, large text)"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        modelSlot.setAlignment(Pos.CENTER_LEFT);
        return new ToolBar(title, new Separator(Orientation.VERTICAL), png, csv, reset,
                new Separator(Orientation.VERTICAL), modelSlot, spacer, new Label("Theme"), theme);
    }

    /** Keyboard shortcuts: Ctrl+E / Ctrl+Shift+E export, Ctrl+1..9 and Ctrl+0 switch labs. */
    public void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), this::exportPng);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::exportCsv);
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9, KeyCode.DIGIT0};
        for (int i = 0; i < digits.length && i < labs.size(); i++) {
            String id = labs.get(i).id();
            scene.getAccelerators().put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN), () -> show(id));
        }
    }

    /** Where the app puts its model picker in the toolbar. */
    public HBox modelSlot() {
        return modelSlot;
    }

    public Parent root() {
        return layers;
    }

    /** Where a lesson pane docks, between the lab and its controls; hidden while empty. */
    public StackPane lessonSlot() {
        return lessonSlot;
    }

    /** A layer over the whole window that lets every click through, for highlight rings and blanking. */
    public Pane overlay() {
        return overlay;
    }

    /** Shows or hides the toolbar, the lab list and the status bar, so a presented lab fills the screen. */
    public void setChromeVisible(boolean visible) {
        root.setTop(visible ? toolbar : null);
        root.setLeft(visible ? nav : null);
        root.setBottom(visible ? status : null);
    }

    /** Shows or hides the lab's controls at the right. */
    public void setControlsVisible(boolean visible) {
        root.setRight(visible ? controls : null);
    }

    public void setOnLabShown(Consumer<String> listener) {
        this.onLabShown = listener;
    }

    /** Shows a lab by id, creating its page the first time. Unknown ids are reported, not thrown. */
    public void show(String id) {
        Optional<LabDescriptor> lab = labs.stream().filter(l -> l.id().equals(id)).findFirst();
        if (lab.isEmpty()) {
            notices.warn("There is no lab called '" + id + "'.");
            return;
        }
        LabPage page = page(id);
        if (page == current) {
            return;
        }
        current = page;
        center.getChildren().setAll(page.view());
        Node pageControls = page.controls();
        controls.setContent(pageControls);
        if (!lab.get().equals(nav.getSelectionModel().getSelectedItem())) {
            nav.getSelectionModel().select(lab.get());
        }
        onLabShown.accept(id);
    }

    /** The page of a lab, created on first use; a page that fails to build is replaced by a message. */
    public LabPage page(String id) {
        LabPage page = pages.get(id);
        if (page == null) {
            LabDescriptor lab = labs.stream().filter(l -> l.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown lab " + id));
            try {
                page = lab.factory().apply(context);
            } catch (RuntimeException failure) {
                notices.error("The " + lab.name() + " lab could not open", failure);
                page = new NotBuiltPage(lab.id(), lab.name(), "It failed to open: " + failure.getMessage());
            }
            pages.put(id, page);
        }
        return page;
    }

    public LabPage currentPage() {
        return current;
    }

    public List<LabDescriptor> labs() {
        return labs;
    }

    /** Saves the current lab's view as a PNG in the export folder; returns the file, if saved. */
    public Optional<Path> exportPng() {
        if (current == null) {
            return Optional.empty();
        }
        Path file = exportFolder.resolve(current.id() + "-" + LocalDateTime.now().format(STAMP) + ".png");
        try {
            Exports.savePng(current.exportNode(), file, context.themes().theme().background());
            notices.info("Saved PNG (2x) to " + file);
            return Optional.of(file);
        } catch (IOException | RuntimeException failure) {
            notices.error("Could not save the PNG", failure);
            return Optional.empty();
        }
    }

    /** Saves the current lab's numbers as CSV in the export folder; returns the file, if saved. */
    public Optional<Path> exportCsv() {
        if (current == null) {
            return Optional.empty();
        }
        CsvTable table = current.table();
        if (table.isEmpty()) {
            notices.info("The " + current.name() + " lab has no numbers to export right now.");
            return Optional.empty();
        }
        Path file = exportFolder.resolve(current.id() + "-" + LocalDateTime.now().format(STAMP) + ".csv");
        try {
            Exports.saveCsv(table, file);
            notices.info("Saved CSV to " + file);
            return Optional.of(file);
        } catch (IOException | RuntimeException failure) {
            notices.error("Could not save the CSV", failure);
            return Optional.empty();
        }
    }

    public void dispose() {
        for (LabPage page : pages.values()) {
            try {
                page.dispose();
            } catch (RuntimeException ignored) {
                // Closing must go on even if one page fails to release its resources.
            }
        }
        status.dispose();
    }
}
