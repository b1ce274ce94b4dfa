package workbench.cli;

import workbench.core.backend.BackendChoice;
import workbench.core.backend.BackendStatus;
import workbench.core.backend.Backends;

/** Starts ND4J for a headless command and prints the one-time notice if the request fell back. */
final class CliBackend {

    private CliBackend() {
    }

    static BackendStatus start(WorkbenchCommand root, Integer threads) {
        BackendChoice choice = root.gui.backend() != null ? root.gui.backend() : BackendChoice.CPU;
        BackendStatus status = Backends.start(choice);
        status.notice().ifPresent(notice -> System.err.println("note: " + notice));
        if (threads != null) {
            Backends.setThreads(threads);
        }
        return status;
    }
}
