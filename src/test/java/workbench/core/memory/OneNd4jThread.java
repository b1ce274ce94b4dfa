package workbench.core.memory;

import org.nd4j.linalg.factory.Nd4j;
import workbench.core.backend.Backends;

/**
 * Runs ND4J on one thread until closed, then restores the previous count. On this shared 2-core
 * machine a forward pass of the bundled model with two OpenMP threads was measured 5 to 30 times
 * slower than with one while other builds ran (the threads spin on every small op); the results
 * are the same, so tests that evaluate the model many times use one thread.
 */
public final class OneNd4jThread implements AutoCloseable {

    private final int previous;

    public OneNd4jThread() {
        previous = Nd4j.getEnvironment().maxThreads();
        Backends.setThreads(1);
    }

    @Override
    public void close() {
        Backends.setThreads(previous);
    }
}
