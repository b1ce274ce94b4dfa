package workbench.core.backend;

import java.util.Optional;

/**
 * What the workbench asked ND4J for and what it got.
 *
 * @param requested  the backend the user asked for
 * @param actual     the backend ND4J actually runs on
 * @param blasVendor BLAS library in use (for example OPENBLAS, CUBLAS)
 * @param threads    BLAS / OpenMP threads ND4J uses
 * @param notice     a one-time message for the user when the request could not be honoured
 */
public record BackendStatus(BackendChoice requested, BackendChoice actual, String blasVendor, int threads,
                            Optional<String> notice) {

    /** One line for a status bar, for example "ND4J CPU · OPENBLAS · 2 threads". */
    public String summary() {
        String fallback = requested != actual ? " (asked for " + requested.label() + ")" : "";
        return "ND4J " + actual.label() + fallback + " · " + blasVendor + " · " + threads
                + (threads == 1 ? " thread" : " threads");
    }
}
