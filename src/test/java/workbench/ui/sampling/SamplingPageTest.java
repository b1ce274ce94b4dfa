package workbench.ui.sampling;

import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import workbench.concurrent.Progress;
import workbench.core.sampling.BeamSearch;
import workbench.core.sampling.BeamTree;
import workbench.core.sampling.Distributions;
import workbench.core.sampling.Generator;
import workbench.core.sampling.RolloutResult;
import workbench.core.sampling.Rollouts;
import workbench.core.sampling.Sampler;
import workbench.core.sampling.SamplingSettings;
import workbench.core.sampling.SamplingStep;
import workbench.core.sampling.TokenShare;
import workbench.core.tensor.Rng;
import workbench.ui.common.CsvTable;
import workbench.ui.common.Theme;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplingPageTest {

    private final FxRobot robot = new FxRobot();
    private SamplingStage fx;

    @BeforeEach
    void open() throws Exception {
        fx = new SamplingStage(Theme.LIGHT).open(true, 1500, 950);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private int[] prompt() {
        int[] all = fx.bigram.tokenizer().encode(fx.page.viewModel().promptProperty().get());
        return Generator.window(all, fx.bigram.contextLength());
    }

    /** The step core computes for the prompt with {@code settings}: the one the bars must show. */
    private SamplingStep expected(SamplingSettings settings) {
        int[] tokens = prompt();
        float[] logits = fx.bigram.nextLogits(Generator.window(tokens, fx.bigram.contextLength()));
        return Sampler.step(logits, tokens, settings, new Rng(settings.seed()).nextDouble(), 0);
    }

    private void assertBarsShow(SamplingStep expected) {
        NextTokenBarsCanvas bars = fx.page.bars();
        List<TokenShare> want = new ArrayList<>(expected.top(NextTokenBarsCanvas.DEFAULT_SHOWN));
        want.add(expected.rest(NextTokenBarsCanvas.DEFAULT_SHOWN));
        assertEquals(want, bars.shares());
        assertEquals(expected.token(), bars.step().token());
        assertEquals(expected.token(), fx.page.cumulative().step().token());
    }

    private <T extends javafx.scene.Node> T lookup(String id, Class<T> type) {
        return robot.lookup("#" + id).queryAs(type);
    }

    private void slide(String id, double value) {
        Slider slider = lookup(id, Slider.class);
        robot.interact(() -> slider.setValue(value));
    }

    @Test
    void barsShowTheCoreDistributionOfTheNextToken() {
        SamplingStep want = expected(SamplingSettings.DEFAULTS);
        assertBarsShow(want);
        // The bars' model values are the softmax of the bigram logits, summing to 1 with the rest.
        double sum = fx.page.bars().shares().stream().mapToDouble(TokenShare::model).sum();
        assertEquals(1.0, sum, 1e-12);
        CumulativeBarCanvas cumulative = fx.page.cumulative();
        assertEquals(new Rng(42).nextDouble(), cumulative.step().coin());
        assertTrue(lookup(SamplingPage.CAPTION_ID, Label.class).getText().contains("Step will draw"));
        assertFalse(fx.page.cumulative().markerX() != fx.page.cumulative().markerX(), "marker is placed");
    }

    @Test
    void temperatureSliderReshapesTheBarsAsCoreSays() {
        List<TokenShare> before = fx.page.bars().shares();
        slide(SamplingPage.TEMPERATURE_ID, 0.3);
        SamplingStep cold = expected(SamplingSettings.DEFAULTS.withTemperature(0.3));
        assertBarsShow(cold);
        List<TokenShare> after = fx.page.bars().shares();
        assertTrue(after.get(0).shaped() > before.get(0).shaped(), "T 0.3 sharpens the top bar");
        assertEquals(before.get(0).model(), after.get(0).model(), 0, "the model outline stays");
        // Reference formula: softmax(z / T) of the bigram logits, by hand.
        float[] z = fx.bigram.nextLogits(new int[]{prompt()[prompt().length - 1]});
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double norm = 0;
        for (float v : z) {
            norm += Math.exp((v - max) / 0.3);
        }
        int top = after.get(0).token();
        assertEquals(Math.exp((z[top] - max) / 0.3) / norm, after.get(0).shaped(), 1e-12);

        slide(SamplingPage.TEMPERATURE_ID, 0);
        assertEquals(1.0, fx.page.bars().shares().get(0).shaped(), 0, "T = 0 puts everything on the top token");
        assertBarsShow(expected(SamplingSettings.DEFAULTS.withTemperature(0)));
        slide(SamplingPage.TEMPERATURE_ID, 5);
        assertBarsShow(expected(SamplingSettings.DEFAULTS.withTemperature(5)));
    }

    @Test
    void topKSliderDrawsTheCutAndRenormalisesWhatRemains() {
        slide(SamplingPage.TOP_K_ID, 3);
        SamplingStep want = expected(SamplingSettings.DEFAULTS.withTopK(3));
        assertBarsShow(want);
        assertEquals(3, fx.page.bars().topKLine());
        List<TokenShare> shares = fx.page.bars().shares();
        double keptShaped = shares.get(0).shaped() + shares.get(1).shaped() + shares.get(2).shaped();
        for (int i = 0; i < shares.size(); i++) {
            TokenShare s = shares.get(i);
            if (i < 3) {
                assertEquals(s.shaped() / keptShaped, s.drawn(), 1e-12, "renormalised " + i);
            } else {
                assertTrue(s.excluded(), "greyed " + i);
                assertEquals(0, s.drawn(), 0);
            }
        }
        // The keyboard moves the slider by one: k = 2.
        Slider slider = lookup(SamplingPage.TOP_K_ID, Slider.class);
        robot.interact(slider::requestFocus);
        robot.type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, fx.page.viewModel().settings().topK());
        assertBarsShow(expected(SamplingSettings.DEFAULTS.withTopK(2)));
        slide(SamplingPage.TOP_K_ID, 1);
        assertEquals(1, fx.page.bars().step().kept());
        assertEquals(Distributions.argmax(fx.page.bars().step().model()), fx.page.bars().step().token());
        slide(SamplingPage.TOP_K_ID, 0);
        assertEquals(-1, fx.page.bars().topKLine());
    }

    @Test
    void topPSliderCutsAtTheSmallestSetThatReachesP() {
        slide(SamplingPage.TOP_P_ID, 0.6);
        assertBarsShow(expected(SamplingSettings.DEFAULTS.withTopP(0.6)));
        List<TokenShare> shares = fx.page.bars().shares();
        int smallest = 0;
        double cumulative = 0;
        while (cumulative < 0.6) {
            cumulative += shares.get(smallest++).shaped();
        }
        assertEquals(smallest, fx.page.bars().topPLine());
        assertEquals(smallest, fx.page.bars().step().kept());
        slide(SamplingPage.TOP_P_ID, 0);
        assertEquals(1, fx.page.bars().step().kept());
        slide(SamplingPage.TOP_P_ID, 1);
        assertEquals(-1, fx.page.bars().topPLine());
        assertEquals(fx.bigram.vocabSize(), fx.page.bars().step().kept());
    }

    @Test
    void penaltySliderLowersTheTokensAlreadyInTheText() {
        slide(SamplingPage.PENALTY_ID, 2.0);
        SamplingStep want = expected(SamplingSettings.DEFAULTS.withRepetitionPenalty(2.0));
        assertBarsShow(want);
        double[] logits = fx.page.bars().step().logits();
        double[] penalised = fx.page.bars().step().penalised();
        int seen = prompt()[0];
        assertEquals(logits[seen] > 0 ? logits[seen] / 2 : logits[seen] * 2, penalised[seen], 1e-12);
        int unseen = -1;
        for (int t = 0; t < logits.length && unseen < 0; t++) {
            final int id = t;
            if (java.util.Arrays.stream(prompt()).noneMatch(p -> p == id)) {
                unseen = t;
            }
        }
        assertEquals(logits[unseen], penalised[unseen], 0);
    }

    @Test
    void greedyKeepsOnlyTheTopToken() {
        robot.clickOn("#" + SamplingPage.GREEDY_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx.page.viewModel().settings().greedy());
        SamplingStep want = expected(SamplingSettings.DEFAULTS.withMode(SamplingSettings.Mode.GREEDY));
        assertBarsShow(want);
        assertEquals(1, fx.page.bars().step().kept());
        assertEquals(-1, fx.page.bars().topKLine());
        robot.clickOn("#" + SamplingPage.RANDOM_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx.page.viewModel().settings().greedy());
    }

    @Test
    void theSeedFixesTheCoin() {
        TextField seed = lookup(SamplingPage.SEED_ID, TextField.class);
        robot.interact(() -> {
            seed.setText("7");
            seed.fireEvent(new ActionEvent());
        });
        assertEquals(7, fx.page.viewModel().settings().seed());
        assertEquals(new Rng(7).nextDouble(), fx.page.cumulative().step().coin());
        assertBarsShow(expected(SamplingSettings.DEFAULTS.withSeed(7)));
        robot.clickOn("#" + SamplingPage.NEXT_SEED_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(8, fx.page.viewModel().settings().seed());
        assertEquals("8", seed.getText());
        robot.interact(() -> {
            seed.setText("seven");
            seed.fireEvent(new ActionEvent());
        });
        assertEquals(8, fx.page.viewModel().settings().seed());
        assertTrue(lookup(SamplingPage.MESSAGE_ID, Label.class).getText().contains("whole number"));
    }

    @Test
    void stepAndPlayGenerateTheSameTextAsTheGenerator() {
        Spinner<?> max = lookup(SamplingPage.MAX_TOKENS_ID, Spinner.class);
        robot.interact(() -> max.getEditor().setText("15"));
        robot.interact(() -> max.commitValue());
        assertEquals(15, fx.page.viewModel().settings().maxNewTokens());
        SamplingStep preview = fx.page.bars().step();
        robot.clickOn("#" + SamplingPage.STEP_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, fx.page.viewModel().steps().size());
        assertEquals(preview.token(), fx.page.viewModel().steps().get(0).token(), "the previewed draw is the one made");
        assertEquals(1, robot.lookup("." + GeneratedTextView.TOKEN_CLASS).queryAll().size());
        robot.clickOn("#" + SamplingPage.PLAY_ID);
        waitUntil(() -> fx.page.viewModel().finishedProperty().get());
        assertEquals(15, robot.lookup("." + GeneratedTextView.TOKEN_CLASS).queryAll().size());
        assertTrue(lookup(SamplingPage.PLAY_ID, Button.class).isDisabled());

        Generator generator = new Generator(fx.bigram, prompt(), SamplingSettings.DEFAULTS.withMaxNewTokens(15));
        generator.generateAll(Progress.NONE);
        int[] shown = fx.page.viewModel().steps().stream().mapToInt(SamplingStep::token).toArray();
        assertArrayEquals(generator.generated(), shown, "same seed, same text as the generator (and the CLI)");

        robot.clickOn("#" + SamplingPage.CLEAR_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, robot.lookup("." + GeneratedTextView.TOKEN_CLASS).queryAll().size());
        assertFalse(lookup(SamplingPage.PLAY_ID, Button.class).isDisabled());
    }

    @Test
    void clickingATokenShowsTheDistributionItWasDrawnFrom() {
        for (int i = 0; i < 5; i++) {
            robot.interact(() -> fx.page.viewModel().step());
        }
        List<Label> chips = new ArrayList<>(robot.lookup("." + GeneratedTextView.TOKEN_CLASS).queryAllAs(Label.class));
        assertEquals(5, chips.size());
        robot.clickOn(chips.get(2), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        SamplingStep third = fx.page.viewModel().steps().get(2);
        assertEquals(third, fx.page.bars().step());
        assertEquals(third, fx.page.cumulative().step());
        assertTrue(chips.get(2).getStyleClass().contains(GeneratedTextView.SELECTED_CLASS));
        assertTrue(lookup(SamplingPage.CAPTION_ID, Label.class).getText().startsWith("Token 3 of 5"));
        robot.clickOn(chips.get(2), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(fx.page.viewModel().steps().get(4), fx.page.bars().step(), "back to the latest");
    }

    @Test
    void theTextWrapsBetweenWordsNotInsideThem() {
        robot.interact(() -> {
            fx.page.settings().apply("max-new-tokens", "300");
            for (int i = 0; i < 300; i++) {
                fx.page.viewModel().step();
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        GeneratedTextView text = robot.lookup("#" + SamplingPage.TEXT_ID).queryAs(GeneratedTextView.class);
        List<List<Label>> rows = text.rows();
        assertTrue(rows.size() >= 3, "300 characters wrap onto several lines: " + rows.size());
        List<SamplingStep> steps = fx.page.viewModel().steps();
        int first = 0;
        for (List<Label> row : rows) {
            if (first > 0) {
                String before = fx.page.viewModel().tokenText(steps.get(first - 1).token());
                assertTrue(Character.isWhitespace(before.charAt(before.length() - 1)),
                        "a line starts after white space, not after '" + before + "' (token " + first + ")");
            }
            first += row.size();
        }
        assertEquals(300, first);
    }

    @Test
    void changingASettingClearsTheTextAndSaysSo() {
        robot.interact(() -> fx.page.viewModel().step());
        slide(SamplingPage.TEMPERATURE_ID, 0.5);
        assertEquals(0, fx.page.viewModel().steps().size());
        assertTrue(lookup(SamplingPage.MESSAGE_ID, Label.class).isVisible());
        assertTrue(lookup(SamplingPage.MESSAGE_ID, Label.class).getText().contains("cleared"));
    }

    @Test
    void beamSearchDrawsTheTreeCoreComputes() {
        robot.interact(() -> fx.page.showPanel("beam"));
        robot.clickOn("#" + SamplingPage.RUN_BEAM_ID);
        WaitForAsyncUtils.waitForFxEvents();
        BeamTree shown = fx.page.beamTree().tree();
        BeamTree want = BeamSearch.run(fx.bigram, prompt(), SamplingViewModel.DEFAULT_BEAM_WIDTH,
                SamplingViewModel.DEFAULT_BEAM_LENGTH, 1.0, Progress.NONE);
        assertArrayEquals(want.best(), shown.best());
        assertEquals(want.bestScore(), shown.bestScore(), 0);
        assertEquals(want.nodes(), shown.nodes());
        String best = fx.bigram.tokenizer().decode(want.best());
        assertTrue(lookup(SamplingPage.BEAM_RESULT_ID, Label.class).getText().contains("1. \"" + best + "\""));
    }

    @Test
    void rolloutsShowTheHistogramAndDiversity() {
        robot.interact(() -> {
            fx.page.settings().apply("rollouts", "50");
            fx.page.settings().apply("rollout-length", "6");
            fx.page.showPanel("rollouts");
        });
        // The button is below the fold of the controls' scroll pane: fire it as a keyboard user would.
        Button run = lookup(SamplingPage.RUN_ROLLOUTS_ID, Button.class);
        robot.interact(run::fire);
        RolloutResult shown = fx.page.histogram().result();
        RolloutResult want = Rollouts.run(fx.bigram, prompt(), SamplingSettings.DEFAULTS, 50, 6, Progress.NONE);
        assertArrayEquals(want.firstTokenCounts(), shown.firstTokenCounts());
        assertEquals(want.distinct2(), shown.distinct2(), 0);
        assertArrayEquals(want.firstTokensByCount(), fx.page.histogram().barTokens());
        RolloutStatsTable stats = fx.page.rolloutStats();
        assertEquals(1, stats.rows().size());
        List<String> now = stats.rows().get(0);
        assertEquals(List.of("Now", "T 1.00",
                String.format(java.util.Locale.ROOT, "%.2f", want.firstTokenEntropy()),
                String.format(java.util.Locale.ROOT, "%.2f", want.expectedEntropy()),
                String.format(java.util.Locale.ROOT, "%.3f", want.distinct2()),
                String.format(java.util.Locale.ROOT, "%.3f", want.distinct4()),
                want.distinctSequences() + " of 50"), now);
        assertTrue(stats.heading().startsWith("50 rollouts of 6 tokens, seeds 42 to 91"), stats.heading());
        // A second run with other settings keeps the first for comparison.
        slide(SamplingPage.TEMPERATURE_ID, 0.2);
        robot.interact(run::fire);
        assertEquals(2, stats.rows().size());
        assertEquals("T 0.20", stats.rows().get(0).get(1));
        assertEquals(now.subList(1, now.size()), stats.rows().get(1).subList(1, now.size()), "the run before, as it was");
    }

    @Test
    void aBadPromptGetsAMessageNotAnException() {
        TextField prompt = lookup(SamplingPage.PROMPT_ID, TextField.class);
        robot.interact(() -> prompt.setText("Zebra \u00fc"));
        Label message = lookup(SamplingPage.MESSAGE_ID, Label.class);
        assertTrue(message.isVisible());
        assertTrue(message.getText().contains("cannot encode"), message.getText());
        assertNull(fx.page.bars().step());
        assertTrue(lookup(SamplingPage.STEP_ID, Button.class).isDisabled());
        robot.interact(() -> prompt.setText(""));
        assertTrue(message.getText().contains("prompt is empty"), message.getText());
        robot.interact(() -> prompt.setText("the"));
        assertFalse(message.isVisible());
        assertBarsShow(expected(SamplingSettings.DEFAULTS));
        assertTrue(fx.notices.isEmpty(), fx.notices.toString());
    }

    @Test
    void lessonSettingsMoveTheControls() {
        robot.interact(() -> {
            fx.page.settings().apply("temperature", "0.5");
            fx.page.settings().apply("top-k", "4");
            fx.page.settings().apply("mode", "greedy");
            fx.page.settings().apply("panel", "beam");
        });
        assertEquals(0.5, lookup(SamplingPage.TEMPERATURE_ID, Slider.class).getValue());
        assertEquals(4, lookup(SamplingPage.TOP_K_ID, Slider.class).getValue());
        assertTrue(lookup(SamplingPage.GREEDY_ID, RadioButton.class).isSelected());
        assertEquals(1, lookup(SamplingPage.TABS_ID, TabPane.class).getSelectionModel().getSelectedIndex());
        assertThrows(IllegalArgumentException.class, () -> fx.page.settings().apply("temperature", "9"));
        assertThrows(IllegalArgumentException.class, () -> fx.page.settings().apply("panel", "other"));
        robot.interact(fx.page::reset);
        assertEquals(SamplingSettings.DEFAULTS, fx.page.viewModel().settings());
        assertEquals(1.0, lookup(SamplingPage.TEMPERATURE_ID, Slider.class).getValue());
    }

    @Test
    void theTableHoldsTheShownDistribution() {
        CsvTable table = fx.page.table();
        assertEquals(fx.bigram.vocabSize(), table.rows().size());
        SamplingStep step = fx.page.bars().step();
        assertEquals(Integer.toString(step.ranking()[0]), table.rows().get(0).get(1));
        assertEquals(Double.toString(step.model()[step.ranking()[0]]), table.rows().get(0).get(3));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException timeout) {
            throw new AssertionError("condition not reached in 10 s", timeout);
        }
    }
}
