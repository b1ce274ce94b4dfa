package workbench.ui.tokenization;

import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import workbench.core.tokenizer.BpeTokenizer;
import workbench.core.tokenizer.BpeTrainer;
import workbench.core.tokenizer.GptEncoding;
import workbench.core.tokenizer.TokenSpan;
import workbench.core.tokenizer.TokenizerCatalog;
import workbench.core.trace.BpeTrace;
import workbench.core.train.Corpus;
import workbench.ui.LabTestSupport;
import workbench.ui.common.CsvTable;
import workbench.ui.common.Exports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizationPageTest {

    private final FxRobot robot = new FxRobot();
    private final LabTestSupport.RecordingNotifier notifier = new LabTestSupport.RecordingNotifier();
    private TokenizationPage page;

    @BeforeEach
    void open() throws Exception {
        page = LabTestSupport.show(TokenizationPage::new, LabTestSupport.lightTheme(), notifier);
    }

    @AfterEach
    void close() throws Exception {
        robot.interact(page::dispose);
        FxToolkit.cleanupStages();
    }

    @Test
    void typedTextBecomesChipsCountsAndTableRows() {
        TextArea input = robot.lookup("#" + TokenizationPage.INPUT_ID).queryAs(TextArea.class);
        robot.interact(input::clear);
        robot.clickOn(input).write("hello world");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("hello world", input.getText());
        ChoiceBox<TokenizerCatalog.Entry> choice = robot.lookup("#" + TokenizationPage.TOKENIZER_ID).queryAs(ChoiceBox.class);
        robot.interact(() -> choice.setValue(TokenizerCatalog.find(TokenizerCatalog.R50K).orElseThrow()));

        List<TokenSpan> expected = GptEncoding.of(GptEncoding.Kind.R50K).spans("hello world");
        assertEquals(List.of(31373, 995), page.chips().chips().stream().map(TokenChipFlow.Chip::id).toList());
        assertEquals(expected.size(), page.chips().shownCount());
        assertEquals("·world", page.chips().chipLabel(1), "the space is made visible");
        assertEquals("11 characters · 2 words · 2 tokens · 1.00 tokens per word", page.countsText());
        Label counts = robot.lookup("#" + TokenizationPage.COUNTS_ID).queryAs(Label.class);
        assertEquals(page.countsText(), counts.getText());

        CsvTable table = page.table();
        assertEquals(List.of("index", "id", "token", "start", "end", "text"), table.header());
        assertEquals(List.of(List.of("0", "31373", "hello", "0", "5", "hello"), List.of("1", "995", " world", "5", "11", " world")),
                table.rows());

        // The comparison shows every tokenizer's own split of the same text.
        BpeTokenizer kjv = TokenizerCatalog.modelBpe();
        List<Integer> kjvIds = page.comparison().flow(TokenizerCatalog.MODEL_BPE).chips().stream().map(TokenChipFlow.Chip::id).toList();
        assertEquals(java.util.Arrays.stream(kjv.encode("hello world")).boxed().toList(), kjvIds);
        assertEquals(List.of(24912, 2375), page.comparison().flow(TokenizerCatalog.O200K).chips().stream()
                .map(TokenChipFlow.Chip::id).toList());
    }

    @Test
    void oddUnicodeTabsAndRightToLeftTextAreShownNotRefused() {
        String text = "שלום\tcafe\u0301 👍🏽";
        robot.interact(() -> page.settings().apply("text", text));
        robot.interact(() -> page.settings().apply("tokenizer", "cl100k"));
        List<TokenSpan> spans = GptEncoding.of(GptEncoding.Kind.CL100K).spans(text);
        assertEquals(spans.size(), page.chips().shownCount());
        assertTrue(page.chips().chips().stream().anyMatch(c -> VisibleText.of(c.text()).contains("→")), "the tab shows as →");
        // The character-level vocabulary of the corpus cannot encode Hebrew: a message, not an error.
        robot.interact(() -> page.settings().apply("tokenizer", "chars"));
        assertTrue(page.countsText().contains("cannot encode"), page.countsText());
        assertEquals(0, page.chips().shownCount());
        assertTrue(notifier.messages.isEmpty(), notifier.messages.toString());
    }

    @Test
    void emptyTextShowsAnEmptyStateAndLongTextIsCapped() {
        robot.interact(() -> page.settings().apply("text", ""));
        assertTrue(page.chips().emptyText().startsWith("Type or paste"), page.chips().emptyText());
        assertTrue(page.countsText().startsWith("0 characters · 0 words · 0 tokens"), page.countsText());
        assertTrue(page.table().isEmpty());

        String longText = Corpus.bundled().text().substring(0, 50_000);
        robot.interact(() -> page.settings().apply("text", longText));
        int total = TokenizerCatalog.modelBpe().encode(longText).length;
        assertEquals(TokenizationPage.MAX_CHIPS, page.chips().shownCount());
        assertEquals(String.format("Showing the first 1,000 of %,d tokens.", total), page.chips().noteText());
        assertEquals(total, page.table().rows().size(), "the table and the CSV hold every token");
    }

    @Test
    void mergesSliderAndStepButtonsReplayTheMerges(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        robot.interact(() -> page.settings().apply("panel", "bpe"));
        TextArea training = robot.lookup("#" + TokenizationPage.BPE_TRAINING_ID).queryAs(TextArea.class);
        robot.interact(() -> training.setText("hug hug hug pug pun"));
        Slider merges = robot.lookup("#" + TokenizationPage.BPE_MERGES_ID).queryAs(Slider.class);
        robot.interact(() -> merges.setValue(7));
        // Move the slider with the keyboard: one step left is one merge fewer.
        robot.clickOn(merges.lookup(".thumb"));
        assertTrue(merges.isFocused());
        robot.type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(6, page.bpe().mergeCount());
        Label mergesLabel = robot.lookup("#" + TokenizationPage.BPE_MERGES_LABEL_ID).queryAs(Label.class);
        assertEquals("6 merges · vocabulary 262", mergesLabel.getText());
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("7 merges · vocabulary 263", mergesLabel.getText());

        TextField word = robot.lookup("#" + TokenizationPage.BPE_WORD_ID).queryAs(TextField.class);
        robot.interact(word::clear);
        robot.clickOn(word).write(" hugs");
        WaitForAsyncUtils.waitForFxEvents();

        BpeTrace expected = BpeTrainer.train("hug hug hug pug pun", 7, "x").encodeAndShowWork(" hugs");
        assertEquals(0, page.bpe().step());
        assertEquals(List.of(32, 104, 117, 103, 115), ids(page.bpe().currentChips()));
        robot.clickOn("#" + TokenizationPage.BPE_STEP_ID);
        robot.clickOn("#" + TokenizationPage.BPE_STEP_ID);
        assertEquals(2, page.bpe().step());
        assertEquals(java.util.Arrays.stream(expected.tokensAfter(2)).boxed().toList(), ids(page.bpe().currentChips()));
        Label step = robot.lookup("#" + TokenizationPage.BPE_STEP_LABEL_ID).queryAs(Label.class);
        assertTrue(step.getText().startsWith("Step 2 of 3: merge #1  \"h\" + \"ug\" → \"hug\"  (seen 3 times in training, 1 here)"),
                step.getText());
        robot.clickOn("#" + TokenizationPage.BPE_STEP_ID);
        assertEquals(List.of(259, 115), ids(page.bpe().currentChips()));
        assertTrue(page.bpe().forward.isDisabled(), "no step after the last merge");
        robot.clickOn("#" + TokenizationPage.BPE_BACK_ID);
        assertEquals(2, page.bpe().step());

        // More merges than the text allows: the slider says so instead of failing.
        robot.interact(() -> merges.setValue(50));
        assertEquals("7 merges · vocabulary 263 (this text allows no more)", mergesLabel.getText());

        Path csv = dir.resolve("tokens.csv");
        Exports.saveCsv(page.table(), csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("index,id,token,start,end,text", lines.get(0));
        assertTrue(lines.size() > 1);
    }

    private static List<Integer> ids(TokenChipFlow flow) {
        return flow.chips().stream().map(TokenChipFlow.Chip::id).toList();
    }
}
