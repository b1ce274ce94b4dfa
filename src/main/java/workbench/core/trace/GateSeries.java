package workbench.core.trace;

/**
 * One gate (or state) of a recurrent cell over a sequence, laid out as a heatmap reads it.
 *
 * @param kind   which gate
 * @param values (H, T): values[unit][t] is hidden unit {@code unit} at time step {@code t}
 */
public record GateSeries(GateKind kind, float[][] values) {

    public int units() {
        return values.length;
    }

    public int steps() {
        return values.length == 0 ? 0 : values[0].length;
    }
}
