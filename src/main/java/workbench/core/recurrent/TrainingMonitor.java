package workbench.core.recurrent;

/** What a training loop reports to, and asks whether to stop. Called from the training thread. */
public interface TrainingMonitor {

    /** Progress in [0, 1] with a short message. */
    void progress(double fraction, String message);

    /** True once the user asked the work to stop; the loop then throws CancellationException. */
    boolean isCancelled();

    /** Ignores progress and never cancels. */
    TrainingMonitor NONE = new TrainingMonitor() {
        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };
}
