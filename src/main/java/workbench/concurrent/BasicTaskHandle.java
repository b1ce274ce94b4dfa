package workbench.concurrent;

/** A task's shared state: written by the worker thread, read by the UI once per frame. */
final class BasicTaskHandle implements TaskHandle, Progress {

    private final String title;
    private volatile double progress = -1;
    private volatile String message = "";
    private volatile boolean cancelled;
    private volatile boolean done;

    BasicTaskHandle(String title) {
        this.title = title;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public double progress() {
        return progress;
    }

    @Override
    public String message() {
        return message;
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void update(double fraction, String message) {
        this.progress = Double.isNaN(fraction) ? -1 : Math.min(1, fraction);
        this.message = message == null ? "" : message;
    }

    void markDone() {
        done = true;
    }
}
