package workbench.core.trace;

/**
 * The quantities a recurrent cell computes at each step, with the range each can take, so a
 * heatmap can use the same colour scale for every input.
 */
public enum GateKind {
    FORGET("Forget gate f", "1 keeps the cell state, 0 wipes it", 0, 1),
    INPUT("Input gate i", "how much of the candidate is written", 0, 1),
    OUTPUT("Output gate o", "how much of the cell is shown as h", 0, 1),
    CANDIDATE("Candidate", "new content proposed at this step", -1, 1),
    CELL("Cell state c", "long-term memory (unbounded)", Double.NaN, Double.NaN),
    RESET("Reset gate r", "how much old state the candidate reads", 0, 1),
    UPDATE("Update gate z", "1 keeps the old state, 0 takes the new", 0, 1);

    private final String label;
    private final String meaning;
    private final double lower;
    private final double upper;

    GateKind(String label, String meaning, double lower, double upper) {
        this.label = label;
        this.meaning = meaning;
        this.lower = lower;
        this.upper = upper;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    /** Smallest possible value, NaN when unbounded. */
    public double lower() {
        return lower;
    }

    /** Largest possible value, NaN when unbounded. */
    public double upper() {
        return upper;
    }

    public boolean bounded() {
        return !Double.isNaN(lower);
    }

    /** True for values centred on zero (tanh outputs, the cell state). */
    public boolean signed() {
        return this == CANDIDATE || this == CELL;
    }

    @Override
    public String toString() {
        return label;
    }
}
