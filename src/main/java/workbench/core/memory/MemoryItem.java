package workbench.core.memory;

/**
 * One component of a memory estimate.
 *
 * @param part    what it is
 * @param bytes   its size
 * @param formula the arithmetic that gave {@code bytes}, written out for the learner
 */
public record MemoryItem(MemoryPart part, long bytes, String formula) {

    public MemoryItem {
        if (part == null || bytes < 0) {
            throw new IllegalArgumentException("a memory item needs a part and a non-negative size");
        }
        formula = formula == null ? "" : formula;
    }
}
