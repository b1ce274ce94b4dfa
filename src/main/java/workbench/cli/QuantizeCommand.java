package workbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import workbench.concurrent.Progress;
import workbench.core.memory.QuantizationExperiment;
import workbench.core.memory.QuantizationReport;
import workbench.core.memory.ValidationSample;
import workbench.core.memory.VariantResult;
import workbench.core.memory.WeightVariant;
import workbench.core.model.ModelBundle;
import workbench.core.train.Corpus;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code workbench quantize}: the Memory lab's quantization experiment, headless. With the default
 * settings it prints the numbers the lab shows.
 */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = "Store the model's weight matrices in fp16, bf16, int8 and int4 and measure each variant's "
                + "validation loss on the bundled corpus.")
public final class QuantizeCommand implements Callable<Integer> {

    @ParentCommand
    WorkbenchCommand root;

    @Mixin
    ModelOption model;

    @Option(names = "--windows", defaultValue = "" + QuantizationExperiment.WINDOWS,
            description = "Validation windows per variant, evenly spaced; 0 = all of them (default ${DEFAULT-VALUE}).")
    int windows;
    @Option(names = "--batch", defaultValue = "" + QuantizationExperiment.BATCH_SIZE,
            description = "Windows per forward pass (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--threads", description = "ND4J threads (default 1).") Integer threads;

    @Override
    public Integer call() throws Exception {
        CliBackend.start(root, threads);
        ModelBundle bundle = model.load();
        int wanted = windows == 0 ? ValidationSample.MAX_WINDOWS : windows;
        ValidationSample sample = ValidationSample.of(bundle.tokenizer(), Corpus.bundled(),
                bundle.model().config().contextLength(), wanted, batch);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        QuantizationReport report = QuantizationExperiment.run(bundle.name(), bundle.model(), sample,
                List.of(WeightVariant.values()), QuantizationExperiment.BINS, Progress.NONE);
        System.out.printf(Locale.ROOT, "%s (%,d parameters) on %,d of %,d validation windows of %d tokens "
                        + "(%,d predicted tokens of %,d), batch %d%n", report.model(), report.parameters(),
                sample.windows(), sample.availableWindows(), sample.windowLength(), sample.predictedTokens(),
                sample.validationTokens(), batch);
        System.out.printf(Locale.ROOT, "%-36s %12s %8s %10s %10s %11s %10s%n", "variant", "stored bytes", "saved",
                "val loss", "Δ loss", "perplexity", "rel. RMSE");
        for (VariantResult r : report.results()) {
            System.out.printf(Locale.ROOT, "%-36s %,12d %7.1f%% %10.4f %+10.5f %11.3f %10.2e%n", r.variant().label(),
                    r.storedBytes(), 100 * report.savedFraction(r), r.loss(), report.deltaLoss(r), r.perplexity(),
                    r.matrixError().relativeRmse());
        }
        System.out.printf(Locale.ROOT, "%.1f s for %d variants (load average before the run %.1f, after %.1f)%n",
                report.seconds(), report.results().size(), load,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return 0;
    }
}
