package workbench.cli;

import org.junit.jupiter.api.Test;
import workbench.concurrent.DirectTaskRunner;
import workbench.concurrent.Progress;
import workbench.core.model.CachedDecoding;
import workbench.core.model.ModelBundle;
import workbench.core.sampling.Generator;
import workbench.core.sampling.KjvBundle;
import workbench.core.sampling.RolloutResult;
import workbench.core.sampling.SamplingSettings;
import workbench.core.sampling.SamplingStep;
import workbench.ui.sampling.SamplingModel;
import workbench.ui.sampling.SamplingViewModel;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7: a fixed seed gives the same text in the Sampling lab and in the generate command, on the
 * bundled model, to the character. The lab decodes with a KV cache shared by its rollouts and beam
 * search, whose prompt pass and token steps differ from each other in the last float bits; the text
 * must not depend on what the learner clicked before.
 */
class GenerateMatchesSamplingLabTest {

    private static final String PROMPT = "And God said";
    // 12 prompt tokens + 56 new ones: past the 64-token window, so the sliding window is covered too.
    private static final SamplingSettings SETTINGS = SamplingSettings.DEFAULTS.withTemperature(0.9).withTopK(30)
            .withTopP(0.95).withRepetitionPenalty(1.2).withMaxNewTokens(56).withSeed(7);

    @Test
    void theLabAndTheGenerateCommandWriteTheSameText() {
        ModelBundle kjv = KjvBundle.get();
        SamplingViewModel vm = new SamplingViewModel(new DirectTaskRunner());
        vm.modelProperty().set(SamplingModel.of(kjv));
        vm.promptProperty().set(PROMPT);
        // First some of the lab's other work on the same prompt, through the same caches: rollouts and beams.
        vm.setSettings(SETTINGS);
        vm.rolloutCountProperty().set(10);
        vm.rolloutLengthProperty().set(6);
        vm.runRollouts();
        vm.runBeamSearch();
        vm.clearGeneration();
        while (vm.step()) {
            // DirectTaskRunner: each step is done when step() returns
        }
        assertEquals(56, vm.steps().size());
        StringBuilder lab = new StringBuilder(PROMPT);
        for (SamplingStep step : vm.steps()) {
            lab.append(vm.tokenText(step.token()));
        }

        // The command's generator, by itself: the same logits to the bit at every step, not only the same text.
        Generator command = new Generator(new CachedDecoding(kjv.model()), kjv.encode(PROMPT).ids(), SETTINGS);
        for (SamplingStep step : vm.steps()) {
            SamplingStep alone = command.next();
            assertArrayEquals(alone.logits(), step.logits(), "logits of token " + step.index());
            assertEquals(alone.token(), step.token());
        }

        List<String> args = vm.generateArguments();
        assertEquals(List.of("generate", "--prompt", PROMPT, "--temperature", "0.9", "--top-k", "30", "--top-p", "0.95",
                "--repetition-penalty", "1.2", "--max-tokens", "56", "--seed", "7"), args);
        CommandLineTest.Run run = CommandLineTest.run(args.toArray(new String[0]));
        assertEquals(0, run.exit(), run.err());
        assertEquals(lab + System.lineSeparator(), run.out());
    }

    @Test
    void rolloutIIsTheGenerationWithSeedPlusIAndBeamWidthOneIsGreedy() {
        ModelBundle kjv = KjvBundle.get();
        SamplingViewModel vm = new SamplingViewModel(new DirectTaskRunner());
        vm.modelProperty().set(SamplingModel.of(kjv));
        vm.promptProperty().set(PROMPT);
        vm.setSettings(SETTINGS);
        vm.rolloutCountProperty().set(10);
        vm.rolloutLengthProperty().set(8);
        vm.runRollouts();
        RolloutResult result = vm.rolloutsProperty().get();
        int[] prompt = kjv.encode(PROMPT).ids();
        for (int i : new int[]{0, 3, 9}) {
            // As the generate command runs it: a fresh KV cache, one generation.
            Generator alone = new Generator(new CachedDecoding(kjv.model()), prompt, SETTINGS.withMaxNewTokens(8).withSeed(7 + i));
            alone.generateAll(Progress.NONE);
            assertArrayEquals(alone.generated(), result.sequence(i), "rollout " + i);
        }
        // Beam search of width 1 is greedy decoding (same penalty), to the token, since it reads the same logits.
        vm.beamWidthProperty().set(1);
        vm.runBeamSearch();
        Generator greedy = new Generator(new CachedDecoding(kjv.model()), prompt,
                SETTINGS.withMode(SamplingSettings.Mode.GREEDY).withMaxNewTokens(vm.beamLengthProperty().get()));
        greedy.generateAll(Progress.NONE);
        assertArrayEquals(greedy.generated(), vm.beamProperty().get().best());
        assertTrue(vm.commandLine().startsWith("workbench generate --prompt 'And God said' --temperature 0.9"), vm.commandLine());
        vm.setSettings(SamplingSettings.DEFAULTS.withSeed(3));
        vm.promptProperty().set("Let's go");
        assertEquals("workbench generate --prompt 'Let'\\''s go' --temperature 1.0 --max-tokens 200 --seed 3", vm.commandLine(),
                "cuts that are off are left out; a quote in the prompt is escaped for the shell");
    }
}
