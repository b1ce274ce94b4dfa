package workbench.concurrent;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns an exception into one readable sentence for a person, not a stack trace. */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    public static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof OutOfMemoryError) {
            return "Not enough memory for this size. Try a smaller input or model.";
        }
        String text = cause.getMessage();
        if (text == null || text.isBlank()) {
            text = cause.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2");
        }
        return text;
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
