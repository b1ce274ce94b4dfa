package workbench.ui.sampling;

import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import workbench.core.model.CachedDecoding;
import workbench.core.model.ModelBundle;
import workbench.core.sampling.Distributions;
import workbench.core.sampling.KjvBundle;
import workbench.core.sampling.Sampler;
import workbench.core.sampling.SamplingSettings;
import workbench.core.sampling.SamplingStep;
import workbench.core.sampling.TokenShare;
import workbench.core.tensor.Rng;
import workbench.ui.common.ModelSession;
import workbench.ui.common.Theme;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab as the app opens it, on the bundled kjv-char model: each slider moves the bars exactly as
 * core computes them from the trained model's logits. One prompt pass, then every slider move is
 * answered from the lab's cache of logits, so this stays quick.
 */
class SamplingPageKjvTest {

    private final FxRobot robot = new FxRobot();
    private final ModelBundle kjv = KjvBundle.get();
    private SamplingStage fx;
    private float[] promptLogits;

    @BeforeEach
    void open() throws Exception {
        fx = new SamplingStage(Theme.LIGHT).openKjv(1500, 950);
        // As the generate command reads the prompt: one pass through a fresh KV cache.
        promptLogits = new CachedDecoding(kjv.model()).nextLogits(prompt());
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private int[] prompt() {
        return kjv.encode(fx.page.viewModel().promptProperty().get()).ids();
    }

    private SamplingStep expected(SamplingSettings settings) {
        return Sampler.step(promptLogits, prompt(), settings, new Rng(settings.seed()).nextDouble(), 0);
    }

    private void assertBarsShow(SamplingStep expected) {
        List<TokenShare> want = new ArrayList<>(expected.top(NextTokenBarsCanvas.DEFAULT_SHOWN));
        want.add(expected.rest(NextTokenBarsCanvas.DEFAULT_SHOWN));
        assertEquals(want, fx.page.bars().shares());
        assertEquals(expected.token(), fx.page.bars().step().token());
        assertEquals(expected.token(), fx.page.cumulative().step().token());
    }

    private void slide(String id, double value) {
        Slider slider = robot.lookup("#" + id).queryAs(Slider.class);
        robot.interact(() -> slider.setValue(value));
    }

    @Test
    void everySliderReshapesTheTrainedModelsBarsAsCoreSays() {
        assertEquals(ModelSession.DEFAULT_PROMPT, fx.page.viewModel().promptProperty().get(), "the session's prompt");
        SamplingSettings s = SamplingSettings.DEFAULTS;
        assertBarsShow(expected(s));
        TokenShare top = fx.page.bars().shares().get(0);
        assertEquals(Distributions.argmax(Distributions.toDouble(promptLogits)), top.token());

        slide(SamplingPage.TEMPERATURE_ID, 0.5);
        s = s.withTemperature(0.5);
        assertBarsShow(expected(s));
        assertTrue(fx.page.bars().shares().get(0).shaped() > top.model(), "T 0.5 sharpens the top bar");
        assertEquals(top.model(), fx.page.bars().shares().get(0).model(), 0, "the model's own outline stays");

        slide(SamplingPage.TOP_K_ID, 5);
        s = s.withTopK(5);
        assertBarsShow(expected(s));
        assertEquals(5, fx.page.bars().topKLine());
        assertEquals(5, fx.page.bars().step().kept());

        slide(SamplingPage.TOP_P_ID, 0.9);
        s = s.withTopP(0.9);
        SamplingStep cut = expected(s);
        assertBarsShow(cut);
        int smallest = 0;
        double mass = 0;
        List<TokenShare> shares = fx.page.bars().shares();
        while (mass < 0.9 && smallest < 5) {
            mass += shares.get(smallest++).shaped();
        }
        assertEquals(smallest, cut.kept(), "top-p keeps the fewest tokens reaching 0.9, within top-k's 5");

        slide(SamplingPage.PENALTY_ID, 1.8);
        s = s.withRepetitionPenalty(1.8);
        assertBarsShow(expected(s));

        robot.clickOn("#" + SamplingPage.GREEDY_ID);
        WaitForAsyncUtils.waitForFxEvents();
        s = s.withMode(SamplingSettings.Mode.GREEDY);
        assertBarsShow(expected(s));
        assertEquals(1, fx.page.bars().step().kept());
    }

    @Test
    void stepDrawsThePreviewedTokenAndAClickShowsItsDistribution() {
        robot.interact(() -> fx.page.viewModel().promptProperty().set("And God said"));
        SamplingStep preview = fx.page.bars().step();
        for (int i = 0; i < 4; i++) {
            robot.interact(() -> fx.page.viewModel().step());
        }
        assertEquals(preview.token(), fx.page.viewModel().steps().get(0).token());
        List<Label> chips = new ArrayList<>(robot.lookup("." + GeneratedTextView.TOKEN_CLASS).queryAllAs(Label.class));
        assertEquals(4, chips.size());
        robot.clickOn(chips.get(1), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(fx.page.viewModel().steps().get(1), fx.page.bars().step());
        String raw = fx.page.viewModel().tokenText(fx.page.viewModel().steps().get(1).token());
        assertEquals(raw.equals(" ") ? " " : TokenLabels.visible(raw), chips.get(1).getText());

        // The session loses its model (another one is loading): the lab says so, then follows the new one.
        robot.interact(() -> fx.session.models().set(null));
        assertTrue(robot.lookup("#" + SamplingPage.NEEDS_MODEL_ID).queryAs(Label.class).isVisible());
        robot.interact(() -> fx.session.models().set(kjv));
        assertEquals(preview.token(), fx.page.bars().step().token(), "same prompt, settings and seed: same draw");

        // Reset returns to the prompt the lab opened with, the session's, for every lab that shares it.
        robot.interact(fx.page::reset);
        assertEquals(ModelSession.DEFAULT_PROMPT, fx.session.models().promptProperty().get());
    }
}
