package workbench.ui.sampling;

import workbench.core.sampling.BeamNode;
import workbench.core.sampling.BeamTree;
import workbench.core.sampling.RolloutResult;
import workbench.core.sampling.SamplingSettings;
import workbench.core.sampling.SamplingStep;

import java.util.Locale;
import java.util.function.IntFunction;

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

    static String rolloutSummary(RolloutResult result, RolloutResult previous, IntFunction<String> texts) {
        if (result == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d rollouts of %d tokens, seeds %d to %d.%n", result.count(), result.length(),
                result.settings().seed(), result.settings().seed() + result.count() - 1));
        out.append(line("Now", result));
        if (previous != null) {
            out.append(String.format(Locale.ROOT, "%n")).append(line("Before", previous));
        }
        out.append(String.format(Locale.ROOT, "%nExamples:"));
        for (int i = 0; i < Math.min(4, result.count()); i++) {
            out.append(String.format(Locale.ROOT, "%n  seed %d: \"%s\"", result.settings().seed() + i,
                    text(result.sequence(i), texts)));
        }
        return out.toString();
    }

    private static String line(String when, RolloutResult r) {
        return String.format(Locale.ROOT, "%s (%s):%n    first-token entropy %.2f bits (the distribution: %.2f bits), "
                        + "distinct-1 %.3f, distinct-2 %.3f, %d different rollouts of %d",
                when, describe(r.settings()), r.firstTokenEntropy(), r.expectedEntropy(), r.distinct1(), r.distinct2(),
                r.distinctSequences(), r.count());
    }

    static String describe(SamplingSettings s) {
        if (s.greedy()) {
            return "greedy" + (s.repetitionPenalty() > 1 ? String.format(Locale.ROOT, ", penalty %.2f", s.repetitionPenalty()) : "");
        }
        return String.format(Locale.ROOT, "T %.2f, top-k %s, top-p %.2f, penalty %.2f", s.temperature(),
                s.topK() == 0 ? "off" : Integer.toString(s.topK()), s.topP(), s.repetitionPenalty());
    }

    private static String text(int[] tokens, IntFunction<String> texts) {
        StringBuilder out = new StringBuilder();
        for (int t : tokens) {
            out.append(texts.apply(t));
        }
        return TokenLabels.visible(out.toString()).replace('\u2423', ' ');
    }
}
