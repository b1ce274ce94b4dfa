package workbench.ui.sampling;

import workbench.core.sampling.BeamNode;
import workbench.core.sampling.BeamTree;
import workbench.core.sampling.RolloutResult;
import workbench.core.sampling.SamplingSettings;
import workbench.core.sampling.SamplingStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/** The sentences under the sampling lab's pictures, written from the core's traces. */
final class SamplingTexts {

    private SamplingTexts() {
    }

    static String caption(SamplingStep step, int generated, int selected, IntFunction<String> labels) {
        if (step == null) {
            return "";
        }
        String token = "'" + labels.apply(step.token()) + "'";
        String coin = String.format(Locale.ROOT, "%.3f", step.coin());
        long seed = step.settings().seed();
        if (selected >= 0) {
            return "Token " + (selected + 1) + " of " + generated + ", " + token + ", was drawn from this distribution "
                    + "(coin " + coin + ", draw " + (selected + 1) + " of seed " + seed + "). Click it again to follow the latest token.";
        }
        if (generated > 0) {
            return "Latest token " + generated + ", " + token + ": the distribution it was drawn from (coin " + coin + ").";
        }
        return "The next token after the prompt. " + kept(step) + " The coin for this draw is " + coin + " (seed " + seed
                + "), so Step will draw " + token + ".";
    }

    private static String kept(SamplingStep step) {
        if (step.settings().greedy()) {
            return "Greedy keeps only the most likely token.";
        }
        if (step.kept() == step.vocabSize()) {
            return "All " + step.vocabSize() + " tokens can be drawn.";
        }
        return String.format(Locale.ROOT, "The cuts keep %d of %d tokens, %.1f%% of the probability, renormalised to 100%%.",
                step.kept(), step.vocabSize(), 100 * step.keptMass());
    }

    static String beamSummary(BeamTree tree, IntFunction<String> texts) {
        if (tree == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("Best continuations (width " + tree.width() + ", " + tree.length() + " tokens):");
        int rank = 1;
        for (int id : tree.finalBeams()) {
            BeamNode n = tree.node(id);
            out.append(String.format(Locale.ROOT, "%n%d. \"%s\"   log p = %.3f   p = %.5f", rank++, text(tree.sequence(id), texts),
                    n.score(), n.probability()));
        }
        return out.toString();
    }

    /** The settings in a few characters, naming only the cuts that are on: "T 0.80, top-p 0.90". */
    static String brief(SamplingSettings s) {
        StringBuilder out = new StringBuilder(s.greedy() ? "greedy"
                : s.temperature() == 0 ? "T 0" : String.format(Locale.ROOT, "T %.2f", s.temperature()));
        if (!s.greedy() && s.topK() > 0) {
            out.append(", top-k ").append(s.topK());
        }
        if (!s.greedy() && s.topP() < 1) {
            out.append(String.format(Locale.ROOT, ", top-p %.2f", s.topP()));
        }
        if (s.repetitionPenalty() > 1) {
            out.append(String.format(Locale.ROOT, ", penalty %.2f", s.repetitionPenalty()));
        }
        return out.toString();
    }

    static String text(int[] tokens, IntFunction<String> texts) {
        StringBuilder out = new StringBuilder();
        for (int t : tokens) {
            out.append(texts.apply(t));
        }
        return TokenLabels.visible(out.toString()).replace('\u2423', ' ');
    }

    /**
     * The arguments of the {@code generate} command that continue {@code prompt} exactly as the lab
     * does: same model, prompt, knobs, seed and decoding, so the same text.
     *
     * @param bundledModel false adds {@code --model FILE}: the checkpoint that was opened
     */
    static List<String> generateArguments(String prompt, SamplingSettings s, boolean bundledModel) {
        List<String> args = new ArrayList<>(List.of("generate"));
        if (!bundledModel) {
            args.addAll(List.of("--model", "FILE"));
        }
        args.addAll(List.of("--prompt", prompt == null ? "" : prompt));
        if (s.greedy()) {
            args.add("--greedy");
        }
        args.addAll(List.of("--temperature", Double.toString(s.temperature())));
        // The cuts are off by default on the command line too: name them only when they are on.
        if (s.topK() > 0) {
            args.addAll(List.of("--top-k", Integer.toString(s.topK())));
        }
        if (s.topP() < 1) {
            args.addAll(List.of("--top-p", Double.toString(s.topP())));
        }
        if (s.repetitionPenalty() > 1) {
            args.addAll(List.of("--repetition-penalty", Double.toString(s.repetitionPenalty())));
        }
        args.addAll(List.of("--max-tokens", Integer.toString(s.maxNewTokens()), "--seed", Long.toString(s.seed())));
        return args;
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:,+-]+");

    /** "workbench generate --prompt 'And God said' ...", quoted for a POSIX shell. */
    static String commandLine(List<String> args) {
        StringBuilder out = new StringBuilder("workbench");
        for (String arg : args) {
            out.append(' ').append(PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return out.toString();
    }
}
