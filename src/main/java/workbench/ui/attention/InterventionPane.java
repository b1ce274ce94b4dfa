package workbench.ui.attention;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import workbench.core.attention.InterventionEffect;
import workbench.core.model.ForwardOptions.HeadRef;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Interventions: switch heads off (their output becomes zeros) or hide tokens from every query,
 * and see how the prediction of the next token changes, before and after, as a bar chart.
 */
final class InterventionPane implements AttentionPane {

    private final AttentionViewModel vm;
    private final HBox root;
    private final GridPane heads = new GridPane();
    private final FlowPane tokens = new FlowPane(4, 4);
    private final Label summary = new Label();
    private final BarChart<String, Number> chart;
    private final XYChart.Series<String, Number> before = new XYChart.Series<>();
    private final XYChart.Series<String, Number> after = new XYChart.Series<>();
    private InterventionEffect shownEffect;
    private int gridLayers = -1;
    private int gridHeads = -1;

    InterventionPane(AttentionViewModel vm) {
        this.vm = vm;
        heads.setHgap(4);
        heads.setVgap(4);
        heads.setId(AttentionPage.HEAD_SWITCHES_ID);
        tokens.setId(AttentionPage.TOKEN_SWITCHES_ID);
        tokens.setPrefWrapLength(360);
        Button clear = new Button("Switch everything back on");
        clear.setId(AttentionPage.CLEAR_INTERVENTIONS_ID);
        clear.setOnAction(e -> {
            vm.disabledHeads().clear();
            vm.maskedKeys().clear();
        });
        Label headTitle = new Label("Switch heads off");
        headTitle.getStyleClass().add("section-title");
        Label headHint = new Label("A switched-off head still computes its weights, but its output is replaced by "
                + "zeros before the heads are joined.");
        headHint.setWrapText(true);
        headHint.getStyleClass().add("hint");
        Label tokenTitle = new Label("Hide tokens");
        tokenTitle.getStyleClass().add("section-title");
        Label tokenHint = new Label("A hidden token is masked as a key in every head of every layer: no query may look "
                + "at it (it still reads the others).");
        tokenHint.setWrapText(true);
        tokenHint.getStyleClass().add("hint");
        summary.setWrapText(true);
        summary.setId(AttentionPage.INTERVENTION_SUMMARY_ID);
        VBox left = new VBox(8, headTitle, headHint, heads, tokenTitle, tokenHint, tokens, clear, summary);
        left.setPrefWidth(380);
        left.setMinWidth(300);
        left.setPadding(new Insets(0, 8, 0, 0));

        CategoryAxis x = new CategoryAxis();
        x.setLabel("next token after the prompt");
        NumberAxis y = new NumberAxis();
        y.setLabel("probability");
        y.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                // Whole percents repeat themselves when the bars are all small; then show one decimal.
                return String.format(Locale.ROOT, y.getUpperBound() < 0.1 ? "%.1f%%" : "%.0f%%", 100 * n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        });
        chart = new BarChart<>(x, y);
        chart.setId(AttentionPage.BARS_ID);
        chart.setAnimated(false);
        chart.setTitle("Next-token probabilities: before and after");
        chart.setBarGap(2);
        chart.setCategoryGap(14);
        before.setName("before (no intervention)");
        after.setName("after");
        chart.getData().add(before);
        chart.getData().add(after);
        HBox.setHgrow(chart, Priority.ALWAYS);
        root = new HBox(8, left, chart);
    }

    BarChart<String, Number> chart() {
        return chart;
    }

    /** The effect the chart shows. */
    InterventionEffect shownEffect() {
        return shownEffect;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void refresh() {
        AttentionAnalysis a = vm.analysis();
        if (a == null) {
            before.getData().clear();
            after.getData().clear();
            summary.setText("");
            return;
        }
        rebuildHeadSwitches(a.layers(), a.heads());
        rebuildTokenSwitches(a.labels());
        shownEffect = a.effect();
        Set<String> used = new HashSet<>();
        List<XYChart.Data<String, Number>> b = new java.util.ArrayList<>();
        List<XYChart.Data<String, Number>> c = new java.util.ArrayList<>();
        for (InterventionEffect.TokenChange change : shownEffect.tokens()) {
            String name = "‘" + TokenLabels.visible(change.text()) + "’";
            if (!used.add(name)) {
                name = name + " #" + change.token();
            }
            b.add(new XYChart.Data<>(name, change.before()));
            c.add(new XYChart.Data<>(name, change.after()));
        }
        before.getData().setAll(b);
        after.getData().setAll(c);
        summary.setText(describe(a));
    }

    private String describe(AttentionAnalysis a) {
        InterventionEffect e = a.effect();
        if (a.options().disabledHeads().isEmpty() && a.options().maskedKeys().isEmpty()) {
            return "Nothing is switched off: before and after are the same. Switch a head off or hide a token.";
        }
        float[] p = a.baseline().nextTokenProbabilities();
        float[] q = a.trace().nextTokenProbabilities();
        String top = e.topBefore() == e.topAfter()
                ? String.format(Locale.ROOT, "The most likely next token stays ‘%s’ (%.1f%% → %.1f%%).",
                TokenLabels.visible(a.bundle().tokenizer().tokenText(e.topBefore())), 100 * p[e.topBefore()], 100 * q[e.topAfter()])
                : String.format(Locale.ROOT, "The most likely next token changes from ‘%s’ (%.1f%%) to ‘%s’ (%.1f%%).",
                TokenLabels.visible(a.bundle().tokenizer().tokenText(e.topBefore())), 100 * p[e.topBefore()],
                TokenLabels.visible(a.bundle().tokenizer().tokenText(e.topAfter())), 100 * q[e.topAfter()]);
        return String.format(Locale.ROOT, "Heads off: %s. Hidden tokens: %s. %s %.1f%% of the probability moved.",
                AttentionViewModel.describeHeads(a.options().disabledHeads()),
                a.options().maskedKeys().isEmpty() ? "none" : new java.util.TreeSet<>(a.options().maskedKeys()).toString(),
                top, 100 * e.totalVariation());
    }

    private void rebuildHeadSwitches(int layers, int headCount) {
        if (layers != gridLayers || headCount != gridHeads) {
            heads.getChildren().clear();
            for (int h = 0; h < headCount; h++) {
                heads.add(new Label("H" + h), h + 1, 0);
            }
            for (int l = 0; l < layers; l++) {
                heads.add(new Label("L" + l), 0, l + 1);
                for (int h = 0; h < headCount; h++) {
                    ToggleButton button = new ToggleButton("on");
                    button.setId(AttentionPage.HEAD_SWITCH_ID + "-" + l + "-" + h);
                    button.getStyleClass().add("attention-head-switch");
                    button.setTooltip(new Tooltip("Layer " + l + ", head " + h + ": click to switch it off or on"));
                    int layer = l;
                    int head = h;
                    button.setOnAction(e -> vm.toggleHead(layer, head));
                    heads.add(button, h + 1, l + 1);
                }
            }
            gridLayers = layers;
            gridHeads = headCount;
        }
        for (Node node : heads.getChildren()) {
            if (node instanceof ToggleButton button) {
                String[] parts = button.getId().split("-");
                int l = Integer.parseInt(parts[parts.length - 2]);
                int h = Integer.parseInt(parts[parts.length - 1]);
                boolean off = vm.disabledHeads().contains(new HeadRef(l, h));
                button.setSelected(off);
                button.setText(off ? "off" : "on");
            }
        }
    }

    private void rebuildTokenSwitches(List<String> labels) {
        if (tokens.getChildren().size() != labels.size()) {
            tokens.getChildren().clear();
            for (int i = 0; i < labels.size(); i++) {
                ToggleButton chip = new ToggleButton();
                chip.setId(AttentionPage.TOKEN_SWITCH_ID + "-" + i);
                chip.getStyleClass().add("attention-token-switch");
                int position = i;
                chip.setOnAction(e -> vm.toggleMaskedKey(position));
                tokens.getChildren().add(chip);
            }
        }
        for (int i = 0; i < labels.size(); i++) {
            ToggleButton chip = (ToggleButton) tokens.getChildren().get(i);
            chip.setText(labels.get(i));
            chip.setSelected(vm.maskedKeys().contains(i));
            chip.setTooltip(new Tooltip("Token " + i + ": click to hide it from every query"));
        }
        tokens.setAlignment(Pos.TOP_LEFT);
    }
}
