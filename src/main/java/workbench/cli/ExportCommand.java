package workbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import workbench.core.model.ForwardOptions;
import workbench.core.model.ModelBundle;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.TraceExport;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code workbench export}: writes the full forward trace of a prompt as trace.json + .npy files. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write every intermediate of a forward pass as NumPy files (trace.json lists them).")
public final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    WorkbenchCommand root;

    @Mixin
    ModelOption model;

    @Option(names = "--prompt", required = true, description = "Text to run through the model.") String prompt;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.") Path out;

    @Override
    public Integer call() throws Exception {
        CliBackend.start(root, null);
        ModelBundle bundle = model.load();
        ModelBundle.Prompt encoded = ModelOption.encode(bundle, prompt);
        ForwardTrace trace = bundle.trace(encoded.ids(), ForwardOptions.NONE);
        TraceExport.write(trace, bundle.model().config(), bundle.name(), prompt, encoded.droppedFromLeft(), out);
        System.out.printf("wrote %s/trace.json and %d tensors for %d tokens%n", out, TraceExport.tensors(trace).size(),
                trace.length());
        return 0;
    }
}
