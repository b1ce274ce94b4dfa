package workbench.core.gqa;

import workbench.concurrent.Progress;
import workbench.core.model.Checkpoints;
import workbench.core.model.ModelBundle;
import workbench.core.train.Corpus;

import java.util.Locale;

/**
 * Prints the GQA lab's conversion figures for the bundled model (not a test: it trains for minutes).
 * Arguments: kvHeads steps windows seed, e.g. {@code 2 200 64 1}. Run from the worktree with the
 * test class path (see docs/gqa-figures.md).
 */
public final class ConversionFigures {

    private ConversionFigures() {
    }

    public static void main(String[] args) throws Exception {
        int kv = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        int windows = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        ModelBundle bundle = Checkpoints.bundled();
        var settings = new ConversionExperiment.Settings(kv, steps, windows, seed);
        var outcome = ConversionExperiment.run(bundle.model(), bundle.tokenizer(), Corpus.bundled(), settings,
                Progress.NONE, p -> { });
        var r = outcome.report();
        System.out.printf(Locale.ROOT, "model %s, %s, %d steps, %d windows (%d tokens), seed %d%n", bundle.name(), r.kind(),
                r.fineTune().steps(), windows, r.tokens(), seed);
        System.out.printf(Locale.ROOT, "MHA %.4f | pooled %.4f (%+.4f) | after %d steps %.4f (%+.4f) | recovered %.0f%% | %.1f s%n",
                r.mhaLoss(), r.pooledLoss(), r.pooledLoss() - r.mhaLoss(), r.fineTune().steps(), r.tunedLoss(),
                r.tunedLoss() - r.mhaLoss(), 100 * r.recovered(), r.fineTune().seconds());
        r.fineTune().validation().forEach(p -> System.out.printf(Locale.ROOT, "  step %d: %.4f%n", p.step(), p.loss()));
    }
}
