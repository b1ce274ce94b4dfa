package workbench.concurrent;

/** A unit of background work that may report progress and produces a value. */
@FunctionalInterface
public interface Work<T> {
    T run(Progress progress) throws Exception;
}
