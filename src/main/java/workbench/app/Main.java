package workbench.app;

import javafx.application.Application;
import picocli.CommandLine;
import workbench.cli.WorkbenchCommand;

/**
 * Entry point. With no subcommand it opens the desktop app; with one (train, generate, export,
 * …) it runs that command headless and exits with its status.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        WorkbenchCommand root = new WorkbenchCommand();
        CommandLine cli = WorkbenchCommand.commandLine(root);
        int exit = cli.execute(args);
        if (root.guiRequested()) {
            Application.launch(WorkbenchApp.class, args);
            return;
        }
        System.exit(exit);
    }
}
