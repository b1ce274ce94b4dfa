package workbench.core.memory;

import java.util.List;

/**
 * A memory bar: its components, in stacking order, and their sum.
 *
 * @param kind      inference, itemised training, or the training rule of thumb
 * @param precision the weight precision the estimate was made for
 * @param note      what the estimate assumes, in one sentence for the screen
 * @param items     the components
 */
public record MemoryEstimate(Kind kind, Precision precision, String note, List<MemoryItem> items) {

    public enum Kind {
        INFERENCE("Inference"),
        TRAINING("Training (itemised)"),
        TRAINING_RULE_OF_THUMB("Training (rule of thumb)");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public MemoryEstimate {
        items = List.copyOf(items);
        note = note == null ? "" : note;
    }

    /** Sum of the components in bytes. */
    public long total() {
        long sum = 0;
        for (MemoryItem item : items) {
            sum = Math.addExact(sum, item.bytes());
        }
        return sum;
    }

    /** Bytes of {@code part}, 0 when this estimate has no such component. */
    public long bytesOf(MemoryPart part) {
        long sum = 0;
        for (MemoryItem item : items) {
            if (item.part() == part) {
                sum += item.bytes();
            }
        }
        return sum;
    }
}
