package workbench.ui.common;

/** Tells the user something: a passing message, a notice to read once, or an error in plain words. */
public interface Notifier {

    void info(String message);

    void warn(String message);

    /** Reports a failure: {@code what} says what was being done, the error says why it failed. */
    void error(String what, Throwable error);
}
