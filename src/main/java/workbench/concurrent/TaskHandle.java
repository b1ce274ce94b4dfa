package workbench.concurrent;

/** A submitted task as the rest of the app sees it: its title, latest progress, and a way to cancel. */
public interface TaskHandle {

    String title();

    /** Latest reported fraction in [0, 1], or a negative value when unknown. */
    double progress();

    String message();

    boolean isDone();

    /** Asks the work to stop; it stops at its next {@link Progress#checkCancelled()}. */
    void cancel();

    boolean isCancelled();
}
