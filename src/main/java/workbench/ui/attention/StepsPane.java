package workbench.ui.attention;

import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import workbench.core.attention.QueryWalk;
import workbench.core.model.MaskKind;
import workbench.core.trace.AttentionTrace;
import workbench.ui.common.ColorScale;
import workbench.ui.common.HeatmapCanvas;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One query token's attention in the chosen head, step by step with Next and Back: each step shows
 * up to three small matrices and a table of the numbers per key, all taken from a {@link QueryWalk}.
 */
final class StepsPane implements AttentionPane {

    /** One key's numbers in the table. */
    record KeyRow(int position, String token, float dot, float score, boolean allowed, float shifted, float exp,
                  float weight) {
    }

    private final AttentionViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Label title = new Label();
    private final Label where = new Label();
    private final Label explanation = new Label();
    private final Button back = new Button("◀ Back");
    private final Button next = new Button("Next ▶");
    private final List<HeatmapCanvas> matrices = new ArrayList<>();
    private final List<Label> captions = new ArrayList<>();
    private final TableView<KeyRow> table = new TableView<>();
    private final List<TableColumn<KeyRow, String>> stepColumns = new ArrayList<>();
    private final List<StepKind> columnSteps = new ArrayList<>();
    private final Label tableCaption = new Label();
    private final VBox tableBox;
    private QueryWalk walk;

    StepsPane(AttentionViewModel vm, ThemeManager themes) {
        this.vm = vm;
        root.setId(AttentionPage.STEPS_ID);
        back.setId(AttentionPage.STEP_BACK_ID);
        next.setId(AttentionPage.STEP_NEXT_ID);
        back.setOnAction(e -> vm.stepProperty().set(vm.stepProperty().get() - 1));
        next.setOnAction(e -> vm.stepProperty().set(vm.stepProperty().get() + 1));
        title.setId(AttentionPage.STEP_TITLE_ID);
        title.getStyleClass().add("section-title");
        where.getStyleClass().add("hint");
        explanation.setWrapText(true);
        explanation.getStyleClass().add("attention-explanation");
        explanation.setMinHeight(Region.USE_PREF_SIZE);
        back.setMinWidth(Region.USE_PREF_SIZE);
        next.setMinWidth(Region.USE_PREF_SIZE);
        title.setWrapText(true);
        HBox buttons = new HBox(8, back, next, title);
        buttons.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(title, Priority.ALWAYS);
        VBox header = new VBox(4, buttons, where, explanation);
        header.setPadding(new Insets(0, 0, 8, 0));

        VBox left = new VBox(4);
        for (int i = 0; i < 3; i++) {
            Label caption = new Label();
            caption.getStyleClass().add("attention-matrix-caption");
            caption.setWrapText(true);
            caption.setMinHeight(Region.USE_PREF_SIZE);
            HeatmapCanvas canvas = new HeatmapCanvas(themes);
            canvas.setId(AttentionPage.STEP_MATRIX_ID + "-" + i);
            captions.add(caption);
            matrices.add(canvas);
            left.getChildren().addAll(caption, canvas);
        }
        HBox.setHgrow(left, Priority.ALWAYS);
        buildTable();
        VBox right = new VBox(4, table, tableCaption);
        tableBox = right;
        VBox.setVgrow(table, Priority.ALWAYS);
        right.setPrefWidth(420);
        right.setMinWidth(320);
        tableCaption.setWrapText(true);
        tableCaption.getStyleClass().add("hint");
        root.setTop(header);
        root.setCenter(left);
        root.setRight(right);
        BorderPane.setMargin(right, new Insets(0, 0, 0, 8));
    }

    private void buildTable() {
        table.setId(AttentionPage.STEP_TABLE_ID);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No prompt yet."));
        table.getColumns().add(column("j", r -> Integer.toString(r.position()), null));
        table.getColumns().add(column("key", KeyRow::token, null));
        table.getColumns().get(0).setPrefWidth(34);
        table.getColumns().get(1).setPrefWidth(40);
        table.getColumns().add(column("q·k", r -> number(r.dot()), StepKind.DOTS));
        table.getColumns().add(column("÷ √dₖ", r -> number(r.score()), StepKind.SCALE));
        table.getColumns().add(column("mask", r -> r.allowed() ? "✓" : "−∞", StepKind.MASK));
        table.getColumns().add(column("− max", r -> r.allowed() ? number(r.shifted()) : "−∞", StepKind.MAX));
        table.getColumns().add(column("exp", r -> number(r.exp()), StepKind.EXP));
        table.getColumns().add(column("weight", r -> number(r.weight()), StepKind.WEIGHTS));
    }

    private TableColumn<KeyRow, String> column(String name, Function<KeyRow, String> text, StepKind from) {
        TableColumn<KeyRow, String> column = new TableColumn<>(name);
        column.setSortable(false);
        column.setReorderable(false);
        column.setPrefWidth(80);
        column.setCellValueFactory(cell -> new SimpleStringProperty(text.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                KeyRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove("attention-masked-cell");
                if (row != null && !row.allowed()) {
                    getStyleClass().add("attention-masked-cell");
                }
            }
        });
        if (from != null) {
            column.setId("step-column-" + from.name().toLowerCase(Locale.ROOT));
            stepColumns.add(column);
            columnSteps.add(from);
        }
        return column;
    }

    private static String number(float v) {
        if (Float.isInfinite(v)) {
            return v < 0 ? "−∞" : "∞";
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    @Override
    public Node node() {
        return root;
    }

    /** The walk on screen, for tests. */
    QueryWalk walk() {
        return walk;
    }

    List<HeatmapCanvas> matrices() {
        return matrices;
    }

    TableView<KeyRow> table() {
        return table;
    }

    @Override
    public void refresh() {
        AttentionAnalysis a = vm.analysis();
        int stepNumber = vm.stepProperty().get();
        StepKind kind = StepKind.number(stepNumber);
        back.setDisable(stepNumber <= 1);
        next.setDisable(stepNumber >= StepKind.count());
        title.setText(String.format(Locale.ROOT, "Step %d of %d — %s", stepNumber, StepKind.count(), kind.title()));
        if (a == null) {
            walk = null;
            where.setText("");
            explanation.setText("Waiting for the model's numbers…");
            table.getItems().clear();
            matrices.forEach(m -> m.show(new float[0][0], List.of(), List.of(), null, -1, -1));
            return;
        }
        int layer = vm.layerProperty().get();
        int head = vm.headProperty().get();
        int query = vm.effectiveQuery();
        walk = a.walk(layer, head, query);
        List<String> labels = a.labels();
        where.setText(String.format(Locale.ROOT, "Layer %d · head %d · query token %s · %s mask", layer, head,
                TokenLabels.withPosition(a.trace().tokens(), query), a.mask() == MaskKind.CAUSAL ? "causal" : "bidirectional"));
        explanation.setText(kind.explain(walk, a.trace().tokens(), a.mask(), a.heads()));
        fillTable(labels);
        for (int i = 0; i < stepColumns.size(); i++) {
            stepColumns.get(i).setVisible(kind.tableColumns().contains(columnSteps.get(i)));
        }
        boolean tableShown = !kind.tableColumns().isEmpty();
        tableBox.setVisible(tableShown);
        tableBox.setManaged(tableShown);
        tableCaption.setText(tableCaption(kind));
        showMatrices(kind, a, labels);
    }

    private void fillTable(List<String> labels) {
        List<KeyRow> rows = new ArrayList<>(walk.length());
        for (int j = 0; j < walk.length(); j++) {
            rows.add(new KeyRow(j, labels.get(j), walk.dots()[j], walk.scores()[j], walk.allowed()[j],
                    walk.shifted()[j], walk.exps()[j], walk.weights()[j]));
        }
        table.getItems().setAll(rows);
    }

    private String tableCaption(StepKind kind) {
        return switch (kind) {
            case QUERY, KEYS, DOTS, SCALE, MASK -> "One row per key token j.";
            case MAX -> String.format(Locale.ROOT, "Row maximum: %s.", number(walk.rowMax()));
            case EXP -> "exp(score − max); masked keys give 0.";
            case SUM, WEIGHTS, VALUES -> String.format(Locale.ROOT, "Σ exp = %s (row max %s).", number(walk.rowSum()),
                    number(walk.rowMax()));
            case CONCAT, PROJECT -> "";
        };
    }

    private void showMatrices(StepKind kind, AttentionAnalysis a, List<String> labels) {
        String token = "‘" + labels.get(walk.query()) + "’";
        int hs = walk.headSize();
        int t = walk.length();
        int i = walk.query();
        AttentionTrace every = walk.everyQuery();
        boolean[][] hidden = HeatmapPane.masked(every.allowed());
        boolean[][] rowHidden = {not(walk.allowed())};
        float[][] q = {walk.queryVector()};
        List<String> qRow = List.of("q " + token);
        String square = String.format(Locale.ROOT, " (%d × %d), this query's row outlined", t, t);
        switch (kind) {
            case QUERY -> {
                strip(vector("query q of " + token, hs), q, qRow, List.of(), ColorScale.DIVERGING, null, null);
                show(String.format(Locale.ROOT, "Q: every token's query in this head (%d × %d)", t, hs), walk.queries(),
                        labels, List.of(), ColorScale.DIVERGING, null, null, i);
            }
            case KEYS -> {
                strip(vector("query q of " + token, hs), q, qRow, List.of(), ColorScale.DIVERGING, null, null);
                show(String.format(Locale.ROOT, "K: every token's key (%d × %d)", t, hs), walk.keys(), labels,
                        List.of(), ColorScale.DIVERGING, null, null, null);
            }
            case DOTS -> {
                strip(row("q · k_j"), new float[][]{walk.dots()}, List.of("q·k"), labels, ColorScale.DIVERGING, null, null);
                show("Q Kᵀ: every query's dot products" + square, every.dots(), labels, labels, ColorScale.DIVERGING,
                        null, null, i);
            }
            case SCALE -> {
                strip(row(String.format(Locale.ROOT, "scores = q · k_j × %.4f", walk.scale())),
                        new float[][]{walk.scores()}, List.of("score"), labels, ColorScale.DIVERGING, null, null);
                show("scores = Q Kᵀ / √dₖ" + square, every.scores(), labels, labels, ColorScale.DIVERGING, null, null, i);
            }
            case MASK, MAX -> {
                if (kind == StepKind.MASK) {
                    strip(row("scores, masked keys hatched (−∞)"), new float[][]{walk.scores()}, List.of("score"),
                            labels, ColorScale.DIVERGING, rowHidden, null);
                } else {
                    strip(row("score − max"), new float[][]{walk.shifted()}, List.of("− max"), labels,
                            ColorScale.VIRIDIS, rowHidden, null);
                }
                show("scores with the mask: hatched cells become −∞" + square, every.scores(), labels, labels,
                        ColorScale.DIVERGING, hidden, null, i);
            }
            case EXP, SUM -> {
                strip(row("exp(score − max)"), new float[][]{walk.exps()}, List.of("exp"), labels, ColorScale.VIRIDIS,
                        rowHidden, new double[]{0, 1});
                show("exp(score − row max)" + square, every.shiftedExp(), labels, labels, ColorScale.VIRIDIS, hidden,
                        new double[]{0, 1}, i);
                if (kind == StepKind.SUM) {
                    float[][] sums = new float[t][];
                    for (int r = 0; r < t; r++) {
                        sums[r] = new float[]{every.rowSum()[r]};
                    }
                    show("Σ per row", sums, labels, List.of("Σ"), ColorScale.VIRIDIS, null, null, i);
                }
            }
            case WEIGHTS -> {
                strip(row(String.format(Locale.ROOT, "weights = exp ÷ %.4f", walk.rowSum())),
                        new float[][]{walk.weights()}, List.of("weight"), labels, ColorScale.VIRIDIS, rowHidden,
                        new double[]{0, 1});
                show("the attention weights of this head — the heatmap" + square, a.layer(walk.layer()).weights()[walk.head()],
                        labels, labels, ColorScale.VIRIDIS, hidden, new double[]{0, 1}, i);
            }
            case VALUES -> {
                strip(row("weights"), new float[][]{walk.weights()}, List.of("weight"), labels, ColorScale.VIRIDIS,
                        rowHidden, new double[]{0, 1});
                show(String.format(Locale.ROOT, "values V (%d × %d)", t, hs), walk.values(), labels,
                        List.of(), ColorScale.DIVERGING, null, null, null);
                strip(vector("output Σ weight_j · v_j" + (walk.switchedOff() ? " (head switched off: zeros are passed on)" : ""), hs),
                        new float[][]{walk.weightedValues()}, List.of("out"), List.of(), ColorScale.DIVERGING, null, null);
            }
            case CONCAT -> {
                List<String> heads = new ArrayList<>();
                for (int h = 0; h < a.heads(); h++) {
                    heads.add("H" + h + (a.isSwitchedOff(walk.layer(), h) ? " off" : ""));
                }
                show(String.format(Locale.ROOT, "every head's output for %s (%d × %d), this head outlined", token,
                        a.heads(), hs), walk.allHeadOutputs(), heads, List.of(), ColorScale.DIVERGING, null, null, walk.head());
                strip(vector("concatenated", walk.concat().length), new float[][]{walk.concat()}, List.of("concat"),
                        List.of(), ColorScale.DIVERGING, null, null);
            }
            case PROJECT -> {
                strip(vector("concatenated", walk.concat().length), new float[][]{walk.concat()}, List.of("concat"),
                        List.of(), ColorScale.DIVERGING, null, null);
                show(String.format(Locale.ROOT, "output projection W_O (%d × %d)", walk.outputProjection().length,
                        walk.output().length), walk.outputProjection(), List.of(), List.of(), ColorScale.DIVERGING,
                        null, null, null);
                strip(vector("attention output for " + token, walk.output().length), new float[][]{walk.output()},
                        List.of("out"), List.of(), ColorScale.DIVERGING, null, null);
            }
        }
        hideUnused();
    }

    private void strip(String caption, float[][] values, List<String> rows, List<String> columns, ColorScale scale,
                       boolean[][] masked, double[] range) {
        show(caption, values, rows, columns, scale, masked, range, null);
    }

    private int shown;

    private void show(String caption, float[][] values, List<String> rows, List<String> columns, ColorScale scale,
                      boolean[][] masked, double[] range, Integer selectedRow) {
        HeatmapCanvas canvas = matrices.get(shown);
        Label label = captions.get(shown);
        shown++;
        label.setText(caption);
        canvas.setColorScale(scale);
        canvas.setRange(range == null ? null : range[0], range == null ? null : range[1]);
        canvas.show(values, rows, columns, masked, selectedRow == null ? -1 : selectedRow, -1);
        boolean big = values.length > 1 && values[0].length > 1;
        canvas.setPrefHeight(big ? 320 : 120);
        canvas.setMinHeight(big ? 160 : 110);
        VBox.setVgrow(canvas, big ? Priority.ALWAYS : Priority.NEVER);
        setShown(label, canvas, true);
    }

    private void hideUnused() {
        for (int i = shown; i < matrices.size(); i++) {
            setShown(captions.get(i), matrices.get(i), false);
        }
        shown = 0;
    }

    private static void setShown(Label label, HeatmapCanvas canvas, boolean on) {
        label.setVisible(on);
        label.setManaged(on);
        canvas.setVisible(on);
        canvas.setManaged(on);
    }

    private static String vector(String name, int n) {
        return name + " (1 × " + n + ")";
    }

    private static String row(String name) {
        return name + ", one column per key";
    }

    private static boolean[] not(boolean[] allowed) {
        boolean[] out = new boolean[allowed.length];
        for (int i = 0; i < allowed.length; i++) {
            out[i] = !allowed[i];
        }
        return out;
    }
}
