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
        sizeColumns(themes.theme().fontScale());
        themes.themeProperty().addListener((obs, old, now) -> sizeColumns(now.fontScale()));
        Label tableTitle = new Label("Per-head summary (click a heading to sort)");
        tableTitle.getStyleClass().add("section-title");
        tableTitle.setWrapText(true);
        Label hint = new Label("Averages over query tokens 1…T−1 of this prompt. bits: entropy of a row (low = "
                + "focused); dist: how many tokens back it looks; prev: share of attention on the previous token; "
                + "word: on the space where the current word began; first, self: on the first token, on itself; "
                + "induct: on the token that followed an earlier copy of the current one (— when no token repeats).");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        VBox right = new VBox(6, tableTitle, table, hint);
        VBox.setVgrow(table, Priority.ALWAYS);
        right.setPrefWidth(480);
        right.setMinWidth(320);

        root = new HBox(10, left, right);
    }

    private void buildTable() {
        table.setId(AttentionPage.HEAD_TABLE_ID);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Waiting for the model…"));
        TableColumn<HeadStatistics, String> head = new TableColumn<>("head");
        head.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>("L" + c.getValue().layer() + " H" + c.getValue().head()));
        head.setComparator(java.util.Comparator.comparingInt(HeadsPane::headOrder));
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

    /** Column widths follow the theme's text size, so the projector theme's numbers are not cut. */
    private void sizeColumns(double fontScale) {
        for (int i = 0; i < table.getColumns().size(); i++) {
            table.getColumns().get(i).setPrefWidth((i == 0 ? 62 : 54) * fontScale);
        }
    }

    /** "L10 H2" sorts after "L9 H3": by layer, then head. */
    private static int headOrder(String name) {
        String[] parts = name.substring(1).split(" H");
        return Integer.parseInt(parts[0]) * 10_000 + Integer.parseInt(parts[1]);
    }

    /** The value only: the choice above the grid names the measure, and small maps leave little room. */
    private static String caption(Measure m, HeadStatistics s) {
        if (!measurable(m, s)) {
            return "—";
        }
        double v = m.of(s);
        return m == Measure.ENTROPY || m == Measure.DISTANCE
                ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }
}
