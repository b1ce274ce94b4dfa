package workbench.ui.tokenization;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import workbench.core.tokenizer.TokenStats;
import workbench.core.tokenizer.Tokenization;
import workbench.core.tokenizer.TokenizerCatalog;
import workbench.ui.common.ThemeManager;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The same text under every tokenizer, one row each: counts and chips. */
final class ComparisonPane extends ScrollPane {

    static final int MAX_CHIPS_PER_ROW = 300;

    private final Map<String, TokenChipFlow> flows = new LinkedHashMap<>();
    private final Map<String, Label> summaries = new LinkedHashMap<>();

    ComparisonPane(ThemeManager themes) {
        VBox rows = new VBox(10);
        rows.setPadding(new Insets(8));
        rows.getStyleClass().add("compare-rows");
        Label intro = new Label("The same text under each tokenizer. A bigger vocabulary needs fewer tokens for common "
                + "words; rare words and other scripts break into pieces, down to single bytes.");
        intro.setWrapText(true);
        intro.getStyleClass().add("hint");
        rows.getChildren().add(intro);
        for (TokenizerCatalog.Entry entry : TokenizerCatalog.entries()) {
            Label name = new Label(entry.name());
            name.getStyleClass().add("compare-name");
            name.setTooltip(new Tooltip(entry.description()));
            Label summary = new Label("…");
            summary.setId(TokenizationPage.COMPARE_SUMMARY_PREFIX + entry.id());
            summary.getStyleClass().add("value-readout");
            name.setMinWidth(Label.USE_PREF_SIZE);
            summary.setMinWidth(Label.USE_PREF_SIZE);
            // The counts go beside the name when there is room, below it when there is not (projector).
            FlowPane header = new FlowPane(16, 2, name, summary);
            TokenChipFlow flow = new TokenChipFlow(themes, MAX_CHIPS_PER_ROW);
            flow.setId(TokenizationPage.COMPARE_CHIPS_PREFIX + entry.id());
            VBox row = new VBox(4, header, flow);
            row.getStyleClass().add("compare-row");
            rows.getChildren().add(row);
            flows.put(entry.id(), flow);
            summaries.put(entry.id(), summary);
        }
        setContent(rows);
        setFitToWidth(true);
        getStyleClass().add("compare-pane");
    }

    void show(TokenizationSnapshot snapshot) {
        for (TokenizationSnapshot.Row row : snapshot.rows()) {
            TokenChipFlow flow = flows.get(row.id());
            Label summary = summaries.get(row.id());
            if (flow == null) {
                continue;
            }
            Tokenization t = row.tokenization();
            if (t == null) {
                summary.setText("not available");
                flow.show(java.util.List.of(), "Could not load this tokenizer: " + row.loadProblem());
            } else if (t.problem() != null) {
                summary.setText(String.format(Locale.ROOT, "vocabulary %,d · cannot encode this text", t.vocabSize()));
                flow.show(java.util.List.of(), t.problem() + ". A character-level vocabulary only knows the characters "
                        + "it was built from; byte-level BPE can encode anything.");
            } else {
                summary.setText(summary(t));
                flow.show(TokenChipFlow.fromSpans(t.spans()), snapshot.text().isEmpty() ? "No text, no tokens." : "");
            }
        }
    }

    static String summary(Tokenization t) {
        TokenStats s = t.stats();
        return String.format(Locale.ROOT, "vocabulary %,d · %,d tokens · %.2f tokens per word · %.2f chars per token",
                t.vocabSize(), s.tokens(), s.tokensPerWord(), s.charactersPerToken());
    }

    TokenChipFlow flow(String id) {
        return flows.get(id);
    }
}
