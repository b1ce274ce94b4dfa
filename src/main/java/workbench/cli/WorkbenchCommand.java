package workbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbench.app.GuiOptions;

import java.util.concurrent.Callable;

/** The top-level command: no subcommand opens the GUI; subcommands run headless. */
@Command(name = "workbench", mixinStandardHelpOptions = true, version = "Transformer Workbench 0.1",
        description = "A desktop lab that shows a real transformer at work. Without a command it opens the app.",
        subcommands = {TrainCommand.class, GenerateCommand.class, ExportCommand.class, TokenizerCommand.class,
                QuantizeCommand.class})
public final class WorkbenchCommand implements Callable<Integer> {

    @Mixin
    GuiOptions gui;

    private boolean guiRequested;

    @Override
    public Integer call() {
        guiRequested = true;
        return 0;
    }

    /** True when the command line asked for the desktop app rather than a headless command. */
    public boolean guiRequested() {
        return guiRequested;
    }

    /** The command line with the workbench's error handling: one-line messages, no stack traces. */
    public static CommandLine commandLine(WorkbenchCommand root) {
        CommandLine cli = new CommandLine(root);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + workbench.concurrent.ErrorMessages.describe(error));
            return 1;
        });
        return cli;
    }
}
