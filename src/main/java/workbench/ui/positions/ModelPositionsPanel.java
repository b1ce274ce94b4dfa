package workbench.ui.positions;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import workbench.core.embedding.PositionalEncodings;
import workbench.core.embedding.Similarity;
import workbench.core.inspect.PositionProbe;
import workbench.core.model.ModelBundle;
import workbench.core.trace.LearnedPositionsTrace;
import workbench.core.trace.PositionsOffTrace;
import workbench.core.trace.PositionsOffTrace.TokenProbability;
import workbench.ui.common.ColorScale;
import workbench.ui.common.CsvTable;
import workbench.ui.common.HeatmapCanvas;
import workbench.ui.common.LabContext;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The model tab of the Positions lab: the trained model's learned position table and how alike its
 * rows are, beside the sinusoidal table's similarity; and the model's next-token prediction for a
 * prompt with its positional information and without it. The engine computes both, in the
 * background, whenever the model, the prompt or the similarity measure changes.
 */
final class ModelPositionsPanel extends GridPane {

    /** Prompts whose next character depends on the order of the ones before it. */
    static final List<String> PRESETS = List.of(
            "And God said, Let there be lig",
            "In the beginning God created the heaven and the ear",
            "And the evening and the morning were the first day",
            "And the LORD spake unto Moses, say");
    static final int BARS = 8;

    final HeatmapCanvas learned;
    final HeatmapCanvas learnedSimilarity;
    final HeatmapCanvas sinusoidalSimilarity;
    final PredictionBarsCanvas withPositions;
    final PredictionBarsCanvas withoutPositions;
    final ComboBox<String> prompt = new ComboBox<>();
    final Label summary = new Label();
    private final LabContext context;
    private final ChangeListener<ModelBundle> modelListener = (o, a, b) -> recompute();
    private Similarity measure = Similarity.COSINE;
    private LearnedPositionsTrace learnedTrace;
    private PositionsOffTrace offTrace;
    private boolean shown;
    private final VBox tableTitle;
    private final VBox sinusoidalTitle;

    ModelPositionsPanel(LabContext context) {
        this.context = context;
        learned = new HeatmapCanvas(context.themes());
        learnedSimilarity = new HeatmapCanvas(context.themes());
        sinusoidalSimilarity = new HeatmapCanvas(context.themes());
        withPositions = new PredictionBarsCanvas(context.themes());
        withoutPositions = new PredictionBarsCanvas(context.themes());
        learned.setId(PositionsPage.LEARNED_TABLE_ID);
        learned.setColorScale(ColorScale.DIVERGING);
        learned.setTitles("position", "dimension");
        learnedSimilarity.setId(PositionsPage.LEARNED_SIMILARITY_ID);
        sinusoidalSimilarity.setId(PositionsPage.LEARNED_SINUSOIDAL_ID);
        for (HeatmapCanvas h : List.of(learnedSimilarity, sinusoidalSimilarity)) {
            h.setColorScale(ColorScale.DIVERGING);
            h.setTitles("position", "position");
        }
        withPositions.setId(PositionsPage.OFF_WITH_ID);
        withoutPositions.setId(PositionsPage.OFF_WITHOUT_ID);
        prompt.setId(PositionsPage.OFF_PROMPT_ID);
        prompt.setEditable(true);
        prompt.getItems().setAll(PRESETS);
        prompt.setValue(PRESETS.get(0));
        prompt.setMaxWidth(Double.MAX_VALUE);
        // Every keystroke predicts again (two forward passes); only the newest result is shown.
        prompt.getEditor().textProperty().addListener((o, a, b) -> recomputePrediction());
        summary.setId(PositionsPage.OFF_SUMMARY_ID);
        summary.setWrapText(true);
        summary.getStyleClass().add("rope-readout");
        summary.setMinHeight(Label.USE_PREF_SIZE);

        Label promptLabel = new Label("Prompt:");
        promptLabel.setMinWidth(Label.USE_PREF_SIZE);
        HBox promptRow = new HBox(8, promptLabel, prompt);
        promptRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(prompt, Priority.ALWAYS);
        HBox charts = new HBox(12, SinusoidalPanel.panel("Next token with positions (as trained)", withPositions),
                SinusoidalPanel.panel("Next token with positions switched off", withoutPositions));
        for (var chart : charts.getChildren()) {
            HBox.setHgrow(chart, Priority.ALWAYS);
            ((VBox) chart).setPrefWidth(200);
        }
        Label why = new Label("Switched off, no position vector is added: the model still sees which characters came "
                + "before, and the causal mask leaves a faint trace of order, but it no longer knows where each one stands.");
        why.setWrapText(true);
        why.getStyleClass().add("hint");
        why.setMinHeight(Label.USE_PREF_SIZE);
        VBox off = new VBox(6, promptRow, charts, summary, why);
        VBox.setVgrow(charts, Priority.NEVER);
        off.setMinSize(0, 0);

        setHgap(8);
        setVgap(8);
        setPadding(new Insets(6));
        tableTitle = SinusoidalPanel.panel("Learned position table (pos_emb)", learned);
        add(tableTitle, 0, 0);
        add(SinusoidalPanel.panel("Similarity of learned positions", learnedSimilarity), 1, 0);
        sinusoidalTitle = SinusoidalPanel.panel("Similarity of sinusoidal positions", sinusoidalSimilarity);
        add(sinusoidalTitle, 2, 0);
        add(off, 0, 1, 3, 1);
        // The table is twice as wide as it is tall (128 dimensions, 64 positions), so it gets more room.
        for (double percent : new double[]{42, 29, 29}) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(percent);
            c.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(c);
        }
        getRowConstraints().addAll(SinusoidalPanel.rows(42), SinusoidalPanel.rows(58));
        context.models().modelProperty().addListener(modelListener);
        showLoading();
    }

    /** Starts computing the first time the tab is shown, so a learner who never opens it pays nothing. */
    void shown() {
        if (!shown) {
            shown = true;
            recompute();
        }
    }

    void setMeasure(Similarity value) {
        if (value != measure) {
            measure = value;
            if (shown) {
                recomputeLearned();
            }
        }
    }

    void setPrompt(String text) {
        prompt.setValue(text);
        prompt.getEditor().setText(text);
    }

    void dispose() {
        context.models().modelProperty().removeListener(modelListener);
    }

    private void recompute() {
        if (!shown) {
            return;
        }
        recomputeLearned();
        recomputePrediction();
    }

    private void showLoading() {
        String loading = "Loading the trained model…";
        learned.setEmptyMessage(loading);
        learnedSimilarity.setEmptyMessage(loading);
        sinusoidalSimilarity.setEmptyMessage(loading);
        for (HeatmapCanvas h : List.of(learned, learnedSimilarity, sinusoidalSimilarity)) {
            h.setData(new float[0][0], List.of(), List.of());
        }
        withPositions.setEmptyMessage(loading);
        withoutPositions.setEmptyMessage(loading);
        summary.setText("");
    }

    private void recomputeLearned() {
        ModelBundle bundle = context.models().modelProperty().get();
        learnedTrace = null;
        if (bundle == null) {
            showLoading();
            return;
        }
        Similarity m = measure;
        context.tasks().submitLatest("positions-learned", "Reading the learned positions",
                progress -> PositionProbe.learned(bundle, m), result -> {
                    if (bundle == context.models().modelProperty().get() && m == measure) {
                        showLearned(bundle, result);
                    }
                }, error -> context.notifier().error("Could not read the learned positions", error));
    }

    private void showLearned(ModelBundle bundle, Optional<LearnedPositionsTrace> result) {
        if (result.isEmpty()) {
            String none = bundle.name() + " has no learned position table: its positions are "
                    + bundle.model().config().positional().name().toLowerCase(Locale.ROOT) + ".";
            for (HeatmapCanvas h : List.of(learned, learnedSimilarity, sinusoidalSimilarity)) {
                h.setEmptyMessage(none);
                h.setData(new float[0][0], List.of(), List.of());
            }
            return;
        }
        LearnedPositionsTrace t = result.get();
        learnedTrace = t;
        ((Label) tableTitle.getChildren().get(0)).setText(String.format(Locale.ROOT,
                "Learned position table (pos_emb): %d positions × %d dimensions", t.positions(), t.d()));
        ((Label) sinusoidalTitle.getChildren().get(0)).setText(String.format(Locale.ROOT,
                "Similarity of sinusoidal positions of the same size (base %,.0f)", PositionalEncodings.DEFAULT_BASE));
        List<String> positions = SinusoidalPanel.indexLabels(t.positions());
        learned.setData(t.table(), positions, SinusoidalPanel.indexLabels(t.d()));
        learnedSimilarity.setData(t.similarity(), positions, positions);
        sinusoidalSimilarity.setData(t.sinusoidalSimilarity(), positions, positions);
    }

    private void recomputePrediction() {
        ModelBundle bundle = context.models().modelProperty().get();
        offTrace = null;
        if (!shown) {
            return;
        }
        if (bundle == null) {
            showLoading();
            return;
        }
        String text = promptText();
        if (text.isEmpty()) {
            showProblem("Type a prompt, or pick one from the list.");
            return;
        }
        context.tasks().submitLatest("positions-off", "Predicting with and without positions",
                progress -> PositionProbe.positionsOff(bundle, text), result -> {
                    if (bundle == context.models().modelProperty().get() && text.equals(promptText())) {
                        showPrediction(result);
                    }
                }, error -> {
                    if (error instanceof IllegalArgumentException) {
                        showProblem(error.getMessage());
                    } else {
                        context.notifier().error("Could not run the model", error);
                    }
                });
    }

    private String promptText() {
        String text = prompt.getEditor().getText();
        return text == null ? "" : text;
    }

    private void showProblem(String message) {
        withPositions.setEmptyMessage(message);
        withoutPositions.setEmptyMessage(message);
        summary.setText(message);
    }

    private void showPrediction(PositionsOffTrace t) {
        offTrace = t;
        List<TokenProbability> on = t.top(true, BARS);
        List<TokenProbability> off = t.top(false, BARS);
        TokenProbability best = on.get(0);
        TokenProbability bestOff = off.get(0);
        withPositions.setData(on, best.id());
        withoutPositions.setData(off, best.id());
        String tokenAsRead = "'" + PredictionBarsCanvas.tokenLabel(best.token()) + "'";
        String text = String.format(Locale.ROOT, "With positions the model expects %s (%s). Switched off, it expects "
                        + "'%s' (%s) and gives %s %s. Total variation distance between the two predictions: %.3f "
                        + "(0 = the same, 1 = nothing in common).",
                tokenAsRead, PredictionBarsCanvas.percent(best.probability()),
                PredictionBarsCanvas.tokenLabel(bestOff.token()), PredictionBarsCanvas.percent(bestOff.probability()),
                tokenAsRead, PredictionBarsCanvas.percent(t.withoutPositions()[best.id()]), t.totalVariation());
        if (t.droppedFromLeft() > 0) {
            text += " The model reads only its last " + t.tokenIds().length + " tokens; the first "
                    + t.droppedFromLeft() + " were dropped.";
        }
        summary.setText(text);
    }

    LearnedPositionsTrace learnedTrace() {
        return learnedTrace;
    }

    PositionsOffTrace offTrace() {
        return offTrace;
    }

    /** Every token's probability with and without positions, most likely (with positions) first. */
    CsvTable table() {
        if (offTrace == null) {
            return CsvTable.EMPTY;
        }
        CsvTable.Builder out = CsvTable.builder("token", "token id", "probability with positions",
                "probability with positions off");
        for (TokenProbability p : offTrace.top(true, offTrace.vocabulary().size())) {
            out.row(p.token(), p.id(), String.format(Locale.ROOT, "%.6f", p.probability()),
                    String.format(Locale.ROOT, "%.6f", offTrace.withoutPositions()[p.id()]));
        }
        return out.build();
    }
}
