package workbench.ui.attention;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import workbench.core.attention.HeadStatistics;
import workbench.core.attention.HeadStatistics.Measure;
import workbench.ui.common.ThemeManager;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * All heads at once: a grid of small attention maps (click one to open it) and a table of the
 * per-head statistics that sorts by any column, to find previous-token, induction and
 * "attend to the start" heads.
 */
final class HeadsPane implements AttentionPane {

    /** Column headings short enough for eight columns; the tooltip and the hint say what they mean. */
    private static final java.util.Map<Measure, String> SHORT = java.util.Map.of(Measure.ENTROPY, "bits",
            Measure.DISTANCE, "dist", Measure.FIRST, "first", Measure.PREVIOUS, "prev", Measure.SELF, "self",
            Measure.INDUCTION, "induct", Measure.WORD_START, "word");

    private final AttentionViewModel vm;
    private final HBox root;
    private final HeadGridCanvas grid;
    private final ChoiceBox<Measure> captionMeasure = new ChoiceBox<>();
    private final TableView<HeadStatistics> table = new TableView<>();
    private boolean updatingSelection;

    HeadsPane(AttentionViewModel vm, ThemeManager themes) {
        this.vm = vm;
        grid = new HeadGridCanvas(themes);
        grid.setId(AttentionPage.GRID_ID);
        grid.setOnOpen((layer, head) -> {
            vm.selectHead(layer, head);
            vm.viewProperty().set(AttentionViewModel.View.HEATMAP);
        });
        captionMeasure.getItems().setAll(Measure.values());
        captionMeasure.setValue(Measure.WORD_START);
        captionMeasure.setConverter(new StringConverter<>() {
            @Override
            public String toString(Measure m) {
                return m == null ? "" : m.label();
            }

            @Override
            public Measure fromString(String s) {
                return null;
            }
        });
        captionMeasure.valueProperty().addListener((obs, old, now) -> refresh());
        Label under = new Label("Under each map:");
        HBox bar = new HBox(8, under, captionMeasure);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(6, bar, grid);
        VBox.setVgrow(grid, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);

        buildTable();
        Label tableTitle = new Label("Per-head summary (click a heading to sort)");
        tableTitle.getStyleClass().add("section-title");
        Label hint = new Label("Averages over query tokens 1…T−1 of this prompt. bits: entropy of a row (low = "
                + "focused); dist: how many tokens back it looks; first, prev, self: share of attention on the first "
                + "token, the previous one, itself; word: on the space where the current word began; induct: on the "
                + "token that followed an earlier copy of the current one (— when no token repeats).");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        VBox right = new VBox(6, tableTitle, table, hint);
        VBox.setVgrow(table, Priority.ALWAYS);
        right.setPrefWidth(470);
        right.setMinWidth(360);

        root = new HBox(10, left, right);
    }

    private void buildTable() {
        table.setId(AttentionPage.HEAD_TABLE_ID);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Waiting for the model…"));
        TableColumn<HeadStatistics, Number> layer = new TableColumn<>("Layer");
        layer.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().layer()));
        TableColumn<HeadStatistics, Number> head = new TableColumn<>("Head");
        head.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().head()));
        table.getColumns().add(layer);
        table.getColumns().add(head);
        for (Measure m : Measure.values()) {
            boolean percent = m != Measure.ENTROPY && m != Measure.DISTANCE;
            table.getColumns().add(measureColumn(m, m::of, percent));
        }
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && !updatingSelection) {
                vm.selectHead(now.layer(), now.head());
            }
        });
    }

    private static TableColumn<HeadStatistics, Number> measureColumn(Measure measure, ToDoubleFunction<HeadStatistics> value,
                                                                     boolean percent) {
        TableColumn<HeadStatistics, Number> column = new TableColumn<>(measure.label());
        column.setId("head-column-" + measure.name().toLowerCase(Locale.ROOT));
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.applyAsDouble(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                HeadStatistics row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (empty || item == null || row == null) {
                    setText(null);
                } else if (!measurable(measure, row)) {
                    setText("—");
                } else {
                    setText(percent ? String.format(Locale.ROOT, "%.0f%%", 100 * item.doubleValue())
                            : String.format(Locale.ROOT, "%.2f", item.doubleValue()));
                }
            }
        });
        Label header = new Label(SHORT.get(measure));
        header.setTooltip(new Tooltip(measure.description()));
        column.setGraphic(header);
        column.setText("");
        return column;
    }

    HeadGridCanvas grid() {
        return grid;
    }

    TableView<HeadStatistics> table() {
        return table;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void refresh() {
        AttentionAnalysis a = vm.analysis();
        if (a == null) {
            grid.clear();
            table.getItems().clear();
            return;
        }
        int nl = a.layers();
        int nh = a.heads();
        boolean[][] off = new boolean[nl][nh];
        String[][] captions = new String[nl][nh];
        String[][] hover = new String[nl][nh];
        Measure m = captionMeasure.getValue();
        for (int l = 0; l < nl; l++) {
            for (int h = 0; h < nh; h++) {
                HeadStatistics s = a.statistics(l, h);
                off[l][h] = a.isSwitchedOff(l, h);
                captions[l][h] = caption(m, s);
                hover[l][h] = "Layer " + l + " · head " + h + ": " + HeatmapPane.describe(s);
            }
        }
        grid.setData(a.trace().layers(), off, captions, hover);
        grid.select(vm.layerProperty().get(), vm.headProperty().get());
        updatingSelection = true;
        try {
            if (!table.getItems().equals(a.statistics())) {
                table.getItems().setAll(a.statistics());
                table.sort();
            }
            table.getItems().stream()
                    .filter(s -> s.layer() == vm.layerProperty().get() && s.head() == vm.headProperty().get())
                    .findFirst().ifPresent(s -> table.getSelectionModel().select(s));
        } finally {
            updatingSelection = false;
        }
    }

    /** Induction needs a repeated token and word start a space; without them the measure says nothing. */
    static boolean measurable(Measure m, HeadStatistics s) {
        return (m != Measure.INDUCTION || s.inductionRows() > 0) && (m != Measure.WORD_START || s.wordStartRows() > 0);
    }

    private static String caption(Measure m, HeadStatistics s) {
        if (!measurable(m, s)) {
            return m.label() + " —";
        }
        double v = m.of(s);
        return m == Measure.ENTROPY || m == Measure.DISTANCE
                ? String.format(Locale.ROOT, "%s %.2f", m.label().replace(" (bits)", ""), v)
                : String.format(Locale.ROOT, "%s %.0f%%", m.label(), 100 * v);
    }
}
