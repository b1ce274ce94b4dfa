package workbench.ui.tokenization;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import workbench.core.tokenizer.TokenSpan;
import workbench.core.tokenizer.Tokenization;
import workbench.core.tokenizer.TokenizerCatalog;
import workbench.core.train.Corpus;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.LabSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Tokenization lab: a text as token chips under a chosen tokenizer, the same text under every
 * tokenizer side by side, and byte-pair encoding merge by merge. All tokenizing runs in the
 * background; only the newest request's result is shown.
 */
public final class TokenizationPage implements LabPage {

    public static final String ID = "tokenization";
    public static final String INPUT_ID = "token-input";
    public static final String COUNTS_ID = "token-counts";
    public static final String CHIPS_ID = "token-chips";
    public static final String TABLE_ID = "token-table";
    public static final String HOVER_ID = "token-hover";
    public static final String TOKENIZER_ID = "token-tokenizer";
    public static final String TABS_ID = "token-tabs";
    public static final String COMPARE_SUMMARY_PREFIX = "compare-summary-";
    public static final String COMPARE_CHIPS_PREFIX = "compare-chips-";
    public static final String BPE_TRAINING_ID = "bpe-training-text";
    public static final String BPE_MERGES_ID = "bpe-merges";
    public static final String BPE_MERGES_LABEL_ID = "bpe-merges-label";
    public static final String BPE_WORD_ID = "bpe-word";
    public static final String BPE_PLAY_ID = "bpe-play";
    public static final String BPE_STEP_ID = "bpe-step";
    public static final String BPE_BACK_ID = "bpe-back";
    public static final String BPE_RESTART_ID = "bpe-restart";
    public static final String BPE_STEP_LABEL_ID = "bpe-step-label";
    public static final String BPE_LADDER_ID = "bpe-ladder";
    public static final String BPE_MERGE_TABLE_ID = "bpe-merge-table";

    static final int MAX_CHIPS = 1000;
    static final String HOVER_HINT = "Hover a chip for its id and the characters it covers; click it to find it in the table.";
    static final String DEFAULT_TEXT = "In the beginning God created the heaven and the earth. "
            + "Tokenizers split unfamiliar words like antidisestablishmentarianism into pieces.";
    static final String DEFAULT_TOKENIZER = TokenizerCatalog.MODEL_BPE;
    static final List<String> PANELS = List.of("tokens", "compare", "bpe");

    private final LabContext context;
    private final BorderPane view = new BorderPane();
    private final VBox controls = new VBox();
    private final TextArea input = new TextArea();
    private final Label counts = new Label();
    private final Label hover = new Label(HOVER_HINT);
    private final TokenChipFlow chips;
    private final TableView<TokenSpan> table = new TableView<>();
    private final ChoiceBox<TokenizerCatalog.Entry> tokenizer = new ChoiceBox<>();
    private final TabPane tabs = new TabPane();
    private final ComparisonPane comparison;
    private final BpeStepsPane bpe;
    private final Label busy = new Label();
    private TokenizationSnapshot snapshot;
    private final Button longButton = new Button("Long (50k)");
    private String longSample = "";

    public TokenizationPage(LabContext context) {
        this.context = context;
        view.getStylesheets().add(TokenizationPage.class.getResource("/workbench/ui/tokenization.css").toExternalForm());
        view.getStyleClass().add("tokenization-lab");
        chips = new TokenChipFlow(context.themes(), MAX_CHIPS);
        comparison = new ComparisonPane(context.themes());
        bpe = new BpeStepsPane(context);
        buildView();
        buildControls();
        input.textProperty().addListener((obs, old, now) -> retokenize());
        tokenizer.valueProperty().addListener((obs, old, now) -> showSelected());
        input.setText(DEFAULT_TEXT);
        // Reading the 1.4 MB corpus takes longer than a frame; the BPE pane and the long sample wait for it.
        context.tasks().submit("Loading the corpus", progress -> Corpus.bundled(), corpus -> {
            longSample = corpus.text().substring(0, Math.min(50_000, corpus.text().length()));
            longButton.setDisable(false);
            bpe.setDefaultTrainingText(corpus.excerpt(6000));
        }, error -> context.notifier().error("Could not load the bundled corpus", error));
    }

    private void buildView() {
        Label title = new Label("Tokenization");
        title.getStyleClass().add("page-title");
        input.setId(INPUT_ID);
        input.setWrapText(true);
        input.setPrefRowCount(4);
        input.setPromptText("Type or paste text here.");
        counts.setId(COUNTS_ID);
        counts.getStyleClass().add("token-counts");
        VBox top = new VBox(6, title, input, counts);
        top.setPadding(new Insets(0, 0, 6, 0));

        chips.setId(CHIPS_ID);
        chips.setOnHover(i -> hover.setText(i < 0 || i >= chips.chips().size() ? HOVER_HINT : chips.chips().get(i).detail(i)));
        chips.setOnChipClicked(i -> {
            table.getSelectionModel().clearAndSelect(i);
            table.scrollTo(Math.max(0, i - 2));
        });
        hover.setId(HOVER_ID);
        hover.getStyleClass().add("value-readout");
        hover.setWrapText(true);
        ScrollPane chipScroll = new ScrollPane(chips);
        chipScroll.setFitToWidth(true);
        chipScroll.getStyleClass().add("chip-scroll");
        buildTable();
        VBox chipBox = new VBox(6, hover, chipScroll);
        VBox.setVgrow(chipScroll, Priority.ALWAYS);
        SplitPane tokensTab = new SplitPane(chipBox, table);
        tokensTab.setDividerPositions(0.6);
        tokensTab.setPadding(new Insets(6));

        tabs.setId(TABS_ID);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().setAll(new Tab("Tokens", tokensTab), new Tab("Compare tokenizers", comparison),
                new Tab("BPE step by step", bpe));
        view.setTop(top);
        view.setCenter(tabs);
    }

    private void buildTable() {
        table.setId(TABLE_ID);
        table.setPlaceholder(new Label("No tokens."));
        // Cells are computed only for the rows on screen, so a 12,000-token table costs nothing extra.
        TableColumn<TokenSpan, TokenSpan> index = new TableColumn<>("#");
        index.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        index.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(TokenSpan item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : String.valueOf(getIndex()));
            }
        });
        index.setPrefWidth(50);
        index.setSortable(false);
        table.getColumns().setAll(List.of(index,
                column("Id", 70, s -> s.id()),
                column("Token", 120, s -> "\"" + VisibleText.of(s.text()) + "\""),
                column("Chars", 80, s -> s.start() + "–" + s.end()),
                column("Covers", 120, s -> "\"" + VisibleText.of(covered(s)) + "\"")));
    }

    private String covered(TokenSpan s) {
        return snapshot == null || s.end() > snapshot.text().length() ? "" : snapshot.text().substring(s.start(), s.end());
    }

    private <T> TableColumn<TokenSpan, T> column(String name, double width, java.util.function.Function<TokenSpan, T> value) {
        TableColumn<TokenSpan, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private void buildControls() {
        controls.getStyleClass().add("controls-box");
        tokenizer.setId(TOKENIZER_ID);
        tokenizer.getItems().setAll(TokenizerCatalog.entries());
        tokenizer.setConverter(new StringConverter<>() {
            @Override
            public String toString(TokenizerCatalog.Entry e) {
                return e == null ? "" : e.name();
            }

            @Override
            public TokenizerCatalog.Entry fromString(String s) {
                return null;
            }
        });
        tokenizer.setValue(TokenizerCatalog.find(DEFAULT_TOKENIZER).orElseThrow());
        tokenizer.setMaxWidth(Double.MAX_VALUE);
        Label about = new Label();
        about.getStyleClass().add("hint");
        about.setWrapText(true);
        about.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> tokenizer.getValue() == null ? "" : tokenizer.getValue().description(), tokenizer.valueProperty()));
        longButton.setOnAction(e -> input.setText(longSample));
        longButton.setDisable(true);
        FlowPane samples = new FlowPane(6, 6);
        samples.getChildren().addAll(
                sample("Verse", "And God said, Let there be light: and there was light."),
                sample("Rare words", "Pneumonoultramicroscopicsilicovolcanoconiosis is a rare word; "
                        + "\"the\" is not. Numbers: 1234567 and 3.14159."),
                sample("Unicode", "naïve café (e\u0301 with a combining accent) 👍🏽 👨‍👩‍👧 שלום עולם مرحبا 東京 Ελληνικά"),
                sample("Code", "def square(x):\n\treturn x ** 2  # tabs and spaces\n"),
                longButton,
                sample("Empty", ""));
        busy.getStyleClass().add("hint");
        Label note = new Label("Hover a chip for its id and the characters it covers. Whitespace shows as "
                + "· (space), → (tab) and ⏎ (newline); <E2> is one byte of a character split across tokens.");
        note.setWrapText(true);
        note.getStyleClass().add("hint");
        controls.getChildren().addAll(section("Tokenizer"), tokenizer, about, section("Try a text"), samples,
                note, busy);
    }

    private Button sample(String name, String text) {
        Button b = new Button(name);
        b.setOnAction(e -> input.setText(text));
        return b;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    /** Tokenizes the text under every tokenizer in the background; the newest request wins. */
    private void retokenize() {
        String text = input.getText();
        busy.setText("Tokenizing " + String.format(Locale.ROOT, "%,d", text.length()) + " characters…");
        context.tasks().submitLatest("tokenization", "Tokenizing", progress -> {
            List<TokenizationSnapshot.Row> rows = new ArrayList<>();
            for (TokenizerCatalog.Entry entry : TokenizerCatalog.entries()) {
                progress.checkCancelled();
                try {
                    rows.add(new TokenizationSnapshot.Row(entry.id(), entry.name(),
                            Tokenization.of(TokenizerCatalog.get(entry.id()), text), null));
                } catch (RuntimeException failed) {
                    rows.add(new TokenizationSnapshot.Row(entry.id(), entry.name(), null,
                            workbench.concurrent.ErrorMessages.describe(failed)));
                }
            }
            return new TokenizationSnapshot(text, rows);
        }, this::show, error -> {
            busy.setText("");
            context.notifier().error("Could not tokenize the text", error);
        });
    }

    private void show(TokenizationSnapshot result) {
        snapshot = result;
        busy.setText("");
        comparison.show(result);
        showSelected();
    }

    private void showSelected() {
        if (snapshot == null || tokenizer.getValue() == null) {
            return;
        }
        TokenizationSnapshot.Row row = snapshot.row(tokenizer.getValue().id()).orElseThrow();
        Tokenization t = row.tokenization();
        List<TokenSpan> rows = List.of();
        if (t == null) {
            counts.setText(row.name() + " could not be loaded: " + row.loadProblem());
            chips.show(List.of(), "This tokenizer is not available.");
        } else if (t.problem() != null) {
            counts.setText(row.name() + ": " + t.problem() + ".");
            chips.show(List.of(), t.problem() + ". Pick a byte-level tokenizer to encode any text.");
        } else {
            var s = t.stats();
            counts.setText(String.format(Locale.ROOT, "%,d characters · %,d words · %,d tokens · %.2f tokens per word",
                    s.characters(), s.words(), s.tokens(), s.tokensPerWord()));
            chips.show(TokenChipFlow.fromSpans(t.spans()), "Type or paste some text above to see its tokens.");
            rows = t.spans();
        }
        table.getItems().setAll(rows);
        hover.setText(HOVER_HINT);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Tokenization";
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Node controls() {
        return controls;
    }

    @Override
    public void reset() {
        tokenizer.setValue(TokenizerCatalog.find(DEFAULT_TOKENIZER).orElseThrow());
        input.setText(DEFAULT_TEXT);
        tabs.getSelectionModel().select(0);
        bpe.reset();
    }

    @Override
    public void dispose() {
        bpe.dispose();
    }

    /** The token table of the chosen tokenizer: index, id, token, start, end, covered text. */
    @Override
    public CsvTable table() {
        CsvTable.Builder b = CsvTable.builder("index", "id", "token", "start", "end", "text");
        List<TokenSpan> spans = table.getItems();
        for (int i = 0; i < spans.size(); i++) {
            TokenSpan s = spans.get(i);
            b.row(i, s.id(), s.text(), s.start(), s.end(), covered(s));
        }
        return b.build();
    }

    @Override
    public LabSettings settings() {
        return new LabSettings()
                .text("text", input::setText)
                .choice("tokenizer", TokenizerCatalog.entries().stream().map(TokenizerCatalog.Entry::id).toList(),
                        id -> tokenizer.setValue(TokenizerCatalog.find(id).orElseThrow()))
                .integer("merges", 0, BpeStepsPane.MAX_MERGES, n -> {
                    tabs.getSelectionModel().select(2);
                    bpe.merges.setValue(n);
                })
                .text("word", bpe.word::setText)
                .text("training-text", bpe.trainingText::setText)
                .integer("step", 0, 10_000, bpe::setStep)
                .choice("panel", PANELS, p -> tabs.getSelectionModel().select(PANELS.indexOf(p)));
    }

    // Package-private views of the state, for tests.
    TokenizationSnapshot snapshot() {
        return snapshot;
    }

    TokenChipFlow chips() {
        return chips;
    }

    ComparisonPane comparison() {
        return comparison;
    }

    BpeStepsPane bpe() {
        return bpe;
    }

    String countsText() {
        return counts.getText();
    }
}
