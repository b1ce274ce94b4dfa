package workbench.ui.tokenization;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import workbench.core.tokenizer.BpeMerge;
import workbench.core.tokenizer.BpeTokenizer;
import workbench.core.tokenizer.BpeTrainer;
import workbench.core.trace.BpeTrace;
import workbench.ui.common.LabContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * BPE step by step: learn merges from a text (up to the slider's count), then replay how those
 * merges rebuild a word, one merge per step, with the merge list beside it.
 */
final class BpeStepsPane extends BorderPane {

    static final int MAX_MERGES = 500;
    static final int DEFAULT_MERGES = 100;
    static final int MAX_WORD_CHARS = 300;
    static final String DEFAULT_WORD = "In the beginning God created the heaven";

    private final LabContext context;
    private String defaultTrainingText = "";
    final TextArea trainingText = new TextArea();
    final Slider merges = new Slider(0, MAX_MERGES, DEFAULT_MERGES);
    final TextField word = new TextField(DEFAULT_WORD);
    final Button restart = new Button("|◀ Start");
    final Button back = new Button("◀ Back");
    final Button play = new Button("▶ Play");
    final Button forward = new Button("Step ▶");
    final Label mergesLabel = new Label();
    final Label stepLabel = new Label();
    final Label trainingStatus = new Label();
    final TableView<BpeMerge> mergeTable = new TableView<>();
    private final VBox ladder = new VBox(6);
    private final ScrollPane ladderScroll = new ScrollPane(ladder);
    private BpeTrace ladderTrace;
    private final Timeline timeline = new Timeline();

    private BpeTokenizer trained;   // all merges the training text gave, up to MAX_MERGES
    private BpeTokenizer current;   // its first merges() merges
    private BpeTrace trace;
    private int step;

    BpeStepsPane(LabContext context) {
        this.context = context;
        getStyleClass().add("bpe-steps");
        trainingText.setId(TokenizationPage.BPE_TRAINING_ID);
        trainingText.setWrapText(true);
        trainingText.setPrefRowCount(5);
        merges.setId(TokenizationPage.BPE_MERGES_ID);
        merges.setMajorTickUnit(100);
        merges.setShowTickMarks(true);
        merges.setShowTickLabels(true);
        merges.setBlockIncrement(1);
        merges.setMinWidth(260);
        word.setId(TokenizationPage.BPE_WORD_ID);
        word.setPrefColumnCount(30);
        restart.setId(TokenizationPage.BPE_RESTART_ID);
        back.setId(TokenizationPage.BPE_BACK_ID);
        play.setId(TokenizationPage.BPE_PLAY_ID);
        forward.setId(TokenizationPage.BPE_STEP_ID);
        stepLabel.setId(TokenizationPage.BPE_STEP_LABEL_ID);
        stepLabel.setWrapText(true);
        stepLabel.getStyleClass().add("bpe-step-label");
        mergesLabel.setId(TokenizationPage.BPE_MERGES_LABEL_ID);
        mergesLabel.getStyleClass().add("value-readout");
        trainingStatus.getStyleClass().add("hint");
        ladder.setId(TokenizationPage.BPE_LADDER_ID);
        ladder.setPadding(new Insets(4));
        buildMergeTable();

        Button corpus = new Button("Corpus excerpt");
        corpus.setOnAction(e -> trainingText.setText(defaultTrainingText));
        HBox trainingHead = new HBox(8, new Label("Learn merges from this text:"), corpus, trainingStatus);
        trainingHead.setAlignment(Pos.CENTER_LEFT);
        HBox sliderRow = new HBox(8, new Label("Merges"), merges, mergesLabel);
        sliderRow.setAlignment(Pos.CENTER_LEFT);
        Label rebuild = new Label("Rebuild this text:");
        rebuild.setMinWidth(Label.USE_PREF_SIZE);
        HBox wordRow = new HBox(8, rebuild, word);
        wordRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(word, Priority.ALWAYS);
        for (Button b : List.of(restart, back, play, forward)) {
            b.setMinWidth(Button.USE_PREF_SIZE);
        }
        HBox playRow = new HBox(8, restart, back, play, forward);
        playRow.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, trainingHead, trainingText, sliderRow, wordRow, playRow, stepLabel);
        top.setPadding(new Insets(8));

        ladderScroll.setFitToWidth(true);
        VBox left = new VBox(4, sectionTitle("Chips after each merge"), ladderScroll);
        VBox.setVgrow(ladderScroll, Priority.ALWAYS);
        VBox right = new VBox(4, sectionTitle("Merges learned (in order)"), mergeTable);
        VBox.setVgrow(mergeTable, Priority.ALWAYS);
        SplitPane bottom = new SplitPane(left, right);
        bottom.setOrientation(Orientation.HORIZONTAL);
        bottom.setDividerPositions(0.58);
        setTop(top);
        setCenter(bottom);

        timeline.getKeyFrames().add(new KeyFrame(Duration.millis(700), e -> {
            if (!stepBy(1)) {
                pause();
            }
        }));
        timeline.setCycleCount(Timeline.INDEFINITE);
        play.setOnAction(e -> togglePlay());
        forward.setOnAction(e -> {
            pause();
            stepBy(1);
        });
        back.setOnAction(e -> {
            pause();
            stepBy(-1);
        });
        restart.setOnAction(e -> {
            pause();
            setStep(0);
        });
        trainingText.textProperty().addListener((obs, old, now) -> train());
        merges.valueProperty().addListener((obs, old, now) -> {
            if (Math.round(old.doubleValue()) != Math.round(now.doubleValue())) {
                applyMerges();
            }
        });
        word.textProperty().addListener((obs, old, now) -> rebuildWord(0));
        trainingStatus.setText("loading the corpus…");
    }

    /** The corpus excerpt to learn from by default; set once the corpus has loaded. */
    void setDefaultTrainingText(String text) {
        boolean untouched = trainingText.getText().isEmpty();
        defaultTrainingText = text;
        if (untouched) {
            trainingText.setText(text);
        }
    }

    private static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private void buildMergeTable() {
        mergeTable.setId(TokenizationPage.BPE_MERGE_TABLE_ID);
        mergeTable.setPlaceholder(new Label("No merges yet: every byte is its own token."));
        TableColumn<BpeMerge, Number> rank = new TableColumn<>("#");
        rank.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rank()));
        TableColumn<BpeMerge, String> pair = new TableColumn<>("Pair");
        pair.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(chipText(c.getValue().left()) + " + "
                + chipText(c.getValue().right())));
        TableColumn<BpeMerge, String> made = new TableColumn<>("New token");
        made.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(chipText(c.getValue().token()) + "  (id "
                + c.getValue().token() + ")"));
        TableColumn<BpeMerge, Number> count = new TableColumn<>("Count");
        count.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().count()));
        rank.setPrefWidth(48);
        pair.setPrefWidth(130);
        made.setPrefWidth(150);
        count.setPrefWidth(70);
        mergeTable.getColumns().setAll(List.of(rank, pair, made, count));
        mergeTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        mergeTable.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(BpeMerge item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("bpe-used-merge");
                if (!empty && item != null && usedRanks().contains(item.rank())) {
                    getStyleClass().add("bpe-used-merge");
                }
            }
        });
    }

    private String chipText(int id) {
        return current == null ? String.valueOf(id) : "\"" + VisibleText.of(current.tokenText(id)) + "\"";
    }

    private Set<Integer> usedRanks() {
        Set<Integer> used = new HashSet<>();
        if (trace != null) {
            trace.steps().forEach(s -> used.add(s.rank()));
        }
        return used;
    }

    /** Learns MAX_MERGES merges in the background; the slider then takes a prefix of them. */
    private void train() {
        pause();
        String text = trainingText.getText();
        trainingStatus.setText("learning merges…");
        context.tasks().submitLatest("bpe-train", "Learning BPE merges",
                progress -> BpeTrainer.train(text, MAX_MERGES, "BPE", progress),
                bpe -> {
                    trained = bpe;
                    trainingStatus.setText(text.isEmpty()
                            ? "The text is empty, so there is nothing to merge."
                            : String.format(Locale.ROOT, "%,d characters; up to %d merges possible", text.length(),
                                    bpe.merges().size()));
                    applyMerges();
                },
                error -> context.notifier().error("Could not learn BPE merges", error));
    }

    private void applyMerges() {
        if (trained == null) {
            return;
        }
        int wanted = mergeCount();
        int available = Math.min(wanted, trained.merges().size());
        current = trained.withMerges(available, "BPE (" + available + " merges)");
        mergesLabel.setText(String.format(Locale.ROOT, "%d merges · vocabulary %d%s", available, current.vocabSize(),
                available < wanted ? " (this text allows no more)" : ""));
        mergeTable.getItems().setAll(current.merges());
        rebuildWord(0);
    }

    /** Encodes the word with the current merges and shows step {@code atStep}. */
    private void rebuildWord(int atStep) {
        if (current == null) {
            return;
        }
        pause();
        String w = word.getText();
        String shown = w.length() > MAX_WORD_CHARS ? w.substring(0, MAX_WORD_CHARS) : w;
        trace = current.encodeAndShowWork(shown);
        mergeTable.refresh();
        setStep(Math.min(atStep, trace.steps().size()));
        if (shown.length() < w.length()) {
            stepLabel.setText("Only the first " + MAX_WORD_CHARS + " characters are rebuilt. " + stepLabel.getText());
        }
    }

    private boolean stepBy(int delta) {
        if (trace == null) {
            return false;
        }
        int next = step + delta;
        if (next < 0 || next > trace.steps().size()) {
            return false;
        }
        setStep(next);
        return true;
    }

    void setStep(int s) {
        if (trace == null) {
            return;
        }
        step = Math.max(0, Math.min(s, trace.steps().size()));
        int total = trace.steps().size();
        if (trace.byteTokens().length == 0) {
            stepLabel.setText("Type a word or phrase to rebuild.");
        } else if (step == 0) {
            stepLabel.setText(String.format(Locale.ROOT, "Step 0 of %d: the text as %d bytes, one token each. "
                    + "Then the learned merges apply, lowest number first.", total, trace.byteTokens().length));
        } else {
            BpeTrace.Step st = trace.steps().get(step - 1);
            stepLabel.setText(String.format(Locale.ROOT, "Step %d of %d: merge #%d  %s + %s → %s  (seen %,d times in "
                            + "training, %d here) — now %d tokens", step, total, st.rank(), chipText(st.left()),
                    chipText(st.right()), chipText(st.token()), st.trainingCount(), st.occurrences(), st.tokensAfter().length));
            mergeTable.getSelectionModel().clearSelection();
            mergeTable.getSelectionModel().select(st.rank());
            mergeTable.scrollTo(Math.max(0, st.rank() - 3));
        }
        if (step == 0) {
            mergeTable.getSelectionModel().clearSelection();
        }
        drawLadder();
        back.setDisable(step == 0);
        forward.setDisable(step == total);
        restart.setDisable(step == 0);
    }

    /** One row per step done so far; rows are added and removed, not rebuilt, as the step moves. */
    private void drawLadder() {
        if (ladderTrace != trace) {
            ladder.getChildren().setAll(ladderRow("bytes", trace.byteTokens(), -1));
            ladderTrace = trace;
        }
        javafx.collections.ObservableList<javafx.scene.Node> rows = ladder.getChildren();
        if (rows.size() - 1 > step) {
            rows.remove(step + 1, rows.size());
        }
        boolean grew = false;
        while (rows.size() - 1 < step) {
            BpeTrace.Step st = trace.steps().get(rows.size() - 1);
            rows.add(ladderRow("#" + st.rank() + "  " + chipText(st.token()), st.tokensAfter(), st.token()));
            grew = true;
        }
        if (grew) {
            ladderScroll.applyCss();
            ladderScroll.layout();
            ladderScroll.setVvalue(ladderScroll.getVmax());
        }
    }

    private VBox ladderRow(String title, int[] tokens, int fresh) {
        Label label = new Label(title + "  ·  " + tokens.length + " tokens");
        label.getStyleClass().add("bpe-ladder-title");
        TokenChipFlow flow = new TokenChipFlow(context.themes(), 400);
        List<TokenChipFlow.Chip> chips = new ArrayList<>(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            int id = tokens[i];
            chips.add(new TokenChipFlow.Chip(id, current.tokenText(id), -1, -1, id == fresh));
        }
        flow.show(chips, "(no text)");
        return new VBox(2, label, flow);
    }

    private void togglePlay() {
        if (timeline.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            pause();
        } else {
            if (trace != null && step >= trace.steps().size()) {
                setStep(0);
            }
            play.setText("‖ Pause");
            timeline.play();
        }
    }

    void pause() {
        timeline.stop();
        play.setText("▶ Play");
    }

    int mergeCount() {
        return (int) Math.round(merges.getValue());
    }

    int step() {
        return step;
    }

    BpeTrace trace() {
        return trace;
    }

    BpeTokenizer current() {
        return current;
    }

    /** The chips of the last ladder row: the tokens after the current step. */
    TokenChipFlow currentChips() {
        VBox last = (VBox) ladder.getChildren().get(ladder.getChildren().size() - 1);
        return (TokenChipFlow) last.getChildren().get(1);
    }

    void reset() {
        pause();
        merges.setValue(DEFAULT_MERGES);
        word.setText(DEFAULT_WORD);
        trainingText.setText(defaultTrainingText);
    }

    void dispose() {
        timeline.stop();
    }
}
