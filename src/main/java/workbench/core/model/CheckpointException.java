package workbench.core.model;

import java.io.IOException;

/** A checkpoint that cannot be used, with a message that names the problem. */
public final class CheckpointException extends IOException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
