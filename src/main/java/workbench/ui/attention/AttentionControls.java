package workbench.ui.attention;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import workbench.core.attention.HeadStatistics;
import workbench.core.attention.HeadStatistics.Measure;
import workbench.core.model.MaskKind;

import java.util.Locale;
import java.util.Optional;

/** The lab's controls at the right: layer, head, query token, mask, and "find a head" shortcuts. */
final class AttentionControls {

    private final AttentionViewModel vm;
    private final VBox root = new VBox();
    private final Label model = new Label();
    private final FlowPane layers = new FlowPane(4, 4);
    private final FlowPane heads = new FlowPane(4, 4);
    private final ToggleGroup layerGroup = new ToggleGroup();
    private final ToggleGroup headGroup = new ToggleGroup();
    private final Spinner<Integer> query = new Spinner<>();
    private final SpinnerValueFactory.IntegerSpinnerValueFactory queryValues =
            new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 0, 0);
    private final Label queryToken = new Label();
    private final ToggleGroup maskGroup = new ToggleGroup();
    private final ToggleButton causal = new ToggleButton("Causal");
    private final ToggleButton bidirectional = new ToggleButton("Bidirectional");
    private final Label found = new Label();
    private boolean updating;

    AttentionControls(AttentionViewModel vm) {
        this.vm = vm;
        root.getStyleClass().addAll("controls-box", "attention-controls");
        root.getStylesheets().add(AttentionControls.class.getResource("/workbench/ui/attention.css").toExternalForm());
        model.setWrapText(true);
        model.getStyleClass().add("hint");
        layers.setId(AttentionPage.LAYER_ID);
        heads.setId(AttentionPage.HEAD_ID);

        query.setId(AttentionPage.QUERY_ID);
        query.setValueFactory(queryValues);
        query.setEditable(true);
        queryValues.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : value.toString();
            }

            @Override
            public Integer fromString(String text) {
                // Typing something that is not a position keeps the current one instead of failing.
                try {
                    int position = Integer.parseInt(text.trim());
                    return Math.max(queryValues.getMin(), Math.min(queryValues.getMax(), position));
                } catch (NumberFormatException notANumber) {
                    return queryValues.getValue();
                }
            }
        });
        query.setPrefWidth(90);
        queryValues.valueProperty().addListener((obs, old, now) -> {
            if (!updating && now != null) {
                vm.queryProperty().set(now);
            }
        });
        Button last = new Button("Last token");
        last.setOnAction(e -> vm.queryProperty().set(-1));
        queryToken.getStyleClass().add("value-readout");
        HBox queryRow = new HBox(6, query, queryToken, last);
        queryRow.setAlignment(Pos.CENTER_LEFT);

        causal.setId(AttentionPage.MASK_ID + "-causal");
        bidirectional.setId(AttentionPage.MASK_ID + "-bidirectional");
        causal.setToggleGroup(maskGroup);
        bidirectional.setToggleGroup(maskGroup);
        causal.setOnAction(e -> vm.maskProperty().set(MaskKind.CAUSAL));
        bidirectional.setOnAction(e -> vm.maskProperty().set(MaskKind.BIDIRECTIONAL));
        causal.setTooltip(new Tooltip("A decoder's mask: each token sees itself and the tokens before it"));
        bidirectional.setTooltip(new Tooltip("An encoder's mask: each token sees every token"));
        vm.maskProperty().addListener((obs, old, now) -> refresh());

        FlowPane find = new FlowPane(4, 4);
        find.setId(AttentionPage.FIND_ID);
        find.getChildren().addAll(findButton("Previous token", Measure.PREVIOUS),
                findButton("Attend to first", Measure.FIRST), findButton("Word start", Measure.WORD_START),
                findButton("Induction", Measure.INDUCTION), findButton("Most focused", Measure.ENTROPY));
        found.setWrapText(true);
        found.getStyleClass().add("hint");

        root.getChildren().addAll(title("Model"), model, title("Layer"), layers, title("Head"), heads,
                title("Query token"), queryRow, hint("Click a row of the heatmap or a token in the lines view to choose it."),
                title("Mask"), new HBox(4, causal, bidirectional),
                title("Find a head"), find, found);
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static Label hint(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("hint");
        label.setWrapText(true);
        return label;
    }

    private Button findButton(String text, Measure measure) {
        Button button = new Button(text);
        button.setId(AttentionPage.FIND_ID + "-" + measure.name().toLowerCase(Locale.ROOT));
        button.setTooltip(new Tooltip("Open the head with the most " + measure.description()));
        button.setOnAction(e -> find(measure));
        return button;
    }

    /** Opens the strongest head by {@code measure} on the current prompt. */
    void find(Measure measure) {
        AttentionAnalysis a = vm.analysis();
        if (a == null) {
            return;
        }
        Optional<HeadStatistics> best = HeadStatistics.strongest(a.statistics(), measure);
        if (best.isEmpty()) {
            found.setText(measure == Measure.INDUCTION
                    ? "No token repeats in this prompt, so no head can show induction. Try a prompt that repeats a word."
                    : "This prompt has no space, so no head can show where words start.");
            return;
        }
        HeadStatistics s = best.get();
        vm.selectHead(s.layer(), s.head());
        found.setText(String.format(Locale.ROOT, "Layer %d · head %d: %s %s on this prompt.", s.layer(), s.head(),
                measure.label(), measure == Measure.ENTROPY || measure == Measure.DISTANCE
                        ? String.format(Locale.ROOT, "%.2f", measure.of(s))
                        : String.format(Locale.ROOT, "%.0f%%", 100 * measure.of(s))));
        if (vm.viewProperty().get() != AttentionViewModel.View.GRID) {
            vm.viewProperty().set(AttentionViewModel.View.HEATMAP);
        }
    }

    Node node() {
        return root;
    }

    void refresh() {
        updating = true;
        try {
            AttentionAnalysis a = vm.analysis();
            if (vm.model() != null) {
                model.setText(vm.model().describe());
                int nl = vm.model().model().config().layers();
                int nh = vm.model().model().config().heads();
                rebuild(layers, layerGroup, nl, "L", AttentionPage.LAYER_ID, i -> vm.selectHead(i, vm.headProperty().get()));
                rebuild(heads, headGroup, nh, "H", AttentionPage.HEAD_ID, i -> vm.selectHead(vm.layerProperty().get(), i));
                select(layers, vm.layerProperty().get());
                select(heads, vm.headProperty().get());
            } else {
                model.setText("Loading the model…");
            }
            (vm.maskProperty().get() == MaskKind.CAUSAL ? causal : bidirectional).setSelected(true);
            if (a != null) {
                int q = vm.effectiveQuery();
                queryValues.setMax(a.length() - 1);
                queryValues.setValue(q);
                queryToken.setText("‘" + a.labels().get(q) + "’" + (vm.queryProperty().get() < 0 ? " (last)" : ""));
            }
        } finally {
            updating = false;
        }
    }

    private void rebuild(FlowPane pane, ToggleGroup group, int count, String prefix, String id,
                         java.util.function.IntConsumer onSelect) {
        if (pane.getChildren().size() == count) {
            return;
        }
        pane.getChildren().clear();
        group.getToggles().clear();
        for (int i = 0; i < count; i++) {
            ToggleButton button = new ToggleButton(prefix + i);
            button.setId(id + "-" + i);
            button.setToggleGroup(group);
            button.getStyleClass().add("attention-choice");
            int index = i;
            button.setOnAction(e -> {
                button.setSelected(true);
                onSelect.accept(index);
            });
            pane.getChildren().add(button);
        }
    }

    private static void select(FlowPane pane, int index) {
        if (index >= 0 && index < pane.getChildren().size()) {
            ((ToggleButton) pane.getChildren().get(index)).setSelected(true);
        }
    }
}
