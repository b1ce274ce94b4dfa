package workbench.core.memory;

/** One segment of a memory bar. The order here is the stacking order on screen. */
public enum MemoryPart {
    WEIGHTS("Weights"),
    MASTER_WEIGHTS("fp32 master weights"),
    GRADIENTS("Gradients"),
    ADAM_M("Adam m (1st moment)"),
    ADAM_V("Adam v (2nd moment)"),
    ACTIVATIONS("Activations"),
    KV_CACHE("KV cache"),
    RULE_WEIGHTS("Rule of thumb: fp32 weights, 4 B/param"),
    RULE_TRAINING("Rule of thumb: training, +20 B/param");

    private final String label;

    MemoryPart(String label) {
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
