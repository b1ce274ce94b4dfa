package workbench.ui.sampling;

import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testfx.api.FxRobot;
import workbench.ui.common.Exports;
import workbench.ui.common.Theme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders the sampling lab headless in the states worth a picture, driven by the test-only bigram
 * model, and checks that each render is not blank. With {@code -Dworkbench.screenshots=DIR} it also
 * saves them as 2x PNGs, and renders the same states on the bundled kjv-char model ("kjv-*.png",
 * the README's pictures):
 * {@code mvn -B -q test -Dtest=SamplingScreenshotTest -Dworkbench.screenshots=/tmp/sampling-shots}.
 */
class SamplingScreenshotTest {

    /** Where the PNGs go: {@code -Dworkbench.screenshots=DIR}; without it the views are rendered and checked only. */
    static final Path OUT = System.getProperty("workbench.screenshots") == null ? null
            : Path.of(System.getProperty("workbench.screenshots"));

    private final FxRobot robot = new FxRobot();
    private SamplingStage fx;

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void nextTokenBeamAndRollouts() throws Exception {
        fx = new SamplingStage(Theme.LIGHT).open(true, 1500, 950);
        robot.interact(() -> {
            fx.page.settings().apply("temperature", "0.8");
            fx.page.settings().apply("top-k", "12");
            fx.page.settings().apply("top-p", "0.9");
            fx.page.settings().apply("max-new-tokens", "60");
        });
        save("sampling-preview.png");
        robot.interact(() -> {
            for (int i = 0; i < 40; i++) {
                fx.page.viewModel().step();
            }
        });
        save("sampling-next-token.png");
        robot.interact(() -> fx.page.viewModel().select(5));
        save("sampling-selected-token.png");
        robot.interact(() -> {
            fx.page.showPanel("beam");
            fx.page.viewModel().runBeamSearch();
        });
        save("sampling-beam.png");
        robot.interact(() -> {
            fx.page.showPanel("rollouts");
            fx.page.settings().apply("temperature", "0.3");
            fx.page.viewModel().runRollouts();
            fx.page.settings().apply("temperature", "1.5");
            fx.page.settings().apply("top-k", "0");
            fx.page.settings().apply("top-p", "1");
            fx.page.viewModel().runRollouts();
        });
        save("sampling-rollouts.png");
    }

    @Test
    void greedyInTheProjectorTheme() throws Exception {
        fx = new SamplingStage(Theme.PROJECTOR).open(true, 1500, 950);
        robot.interact(() -> fx.page.settings().apply("repetition-penalty", "1.5"));
        save("sampling-projector.png");
        robot.interact(() -> fx.page.settings().apply("mode", "greedy"));
        save("sampling-projector-greedy.png");
    }

    @Test
    void darkTheme() throws Exception {
        fx = new SamplingStage(Theme.DARK).open(true, 1500, 950);
        robot.interact(() -> fx.page.settings().apply("top-p", "0.7"));
        save("sampling-dark.png");
    }

    /** The README's pictures, on the trained model (seconds of model work, so only when PNGs are asked for). */
    @Test
    @EnabledIfSystemProperty(named = "workbench.screenshots", matches = ".+")
    void trainedModelLight() throws Exception {
        fx = new SamplingStage(Theme.LIGHT).openKjv(1500, 950);
        trainedModelStates("");
    }

    @Test
    @EnabledIfSystemProperty(named = "workbench.screenshots", matches = ".+")
    void trainedModelProjector() throws Exception {
        fx = new SamplingStage(Theme.PROJECTOR).openKjv(1500, 950);
        trainedModelStates("-projector");
    }

    private void trainedModelStates(String suffix) {
        robot.interact(() -> {
            fx.page.settings().apply("prompt", "And God said");
            fx.page.settings().apply("temperature", "0.8");
            fx.page.settings().apply("top-p", "0.9");
            fx.page.settings().apply("max-new-tokens", "200");
        });
        save("kjv-preview" + suffix + ".png");
        robot.interact(() -> {
            for (int i = 0; i < 200; i++) {
                fx.page.viewModel().step();
            }
        });
        save("kjv-next-token" + suffix + ".png");
        robot.interact(() -> fx.page.viewModel().select(12));
        save("kjv-selected-token" + suffix + ".png");
        robot.interact(() -> {
            fx.page.viewModel().select(-1);
            fx.page.showPanel("beam");
            fx.page.viewModel().runBeamSearch();
        });
        save("kjv-beam" + suffix + ".png");
        robot.interact(() -> {
            fx.page.showPanel("rollouts");
            fx.page.settings().apply("temperature", "0.5");
            fx.page.viewModel().runRollouts();
            fx.page.settings().apply("temperature", "1.2");
            fx.page.settings().apply("top-p", "1");
            fx.page.viewModel().runRollouts();
        });
        save("kjv-rollouts" + suffix + ".png");
        robot.interact(() -> ((javafx.scene.control.ScrollPane) fx.root.getRight()).setVvalue(1));
        save("kjv-controls-end" + suffix + ".png");
    }

    @Test
    void withoutTheModel() throws Exception {
        fx = new SamplingStage(Theme.LIGHT).open(false, 1500, 950);
        save("sampling-needs-model.png");
    }

    private void save(String name) {
        robot.interact(() -> {
            // Always render (every canvas draws in this state without error and the page is not blank);
            // write the 2x PNG only when asked, since encoding them costs seconds each.
            WritableImage image = Exports.snapshot(fx.root, 1, fx.themes.theme().background());
            assertEquals(Math.round(fx.root.getWidth()), Math.round(image.getWidth()));
            assertTrue(distinctColours(image) > 20, name + " looks blank");
            if (OUT != null) {
                try {
                    Files.createDirectories(OUT);
                    Exports.savePng(fx.root, OUT.resolve(name), fx.themes.theme().background());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    private static int distinctColours(WritableImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        javafx.scene.image.PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(pixels.getArgb(x, y));
            }
        }
        return colours.size();
    }
}
