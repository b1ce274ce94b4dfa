package workbench.core.recurrent;

/** The four models the lab trains side by side: three recurrent cells and a transformer. */
public enum Architecture {
    RNN(CellKind.RNN),
    LSTM(CellKind.LSTM),
    GRU(CellKind.GRU),
    TRANSFORMER(null);

    private final CellKind cell;

    Architecture(CellKind cell) {
        this.cell = cell;
    }

    public String label() {
        return cell == null ? "Transformer" : cell.label();
    }

    /** True for the three recurrent cells. */
    public boolean recurrent() {
        return cell != null;
    }

    /** The recurrent cell of this architecture. */
    public CellKind cell() {
        if (cell == null) {
            throw new IllegalStateException("the transformer has no recurrent cell");
        }
        return cell;
    }

    public static Architecture of(CellKind cell) {
        return switch (cell) {
            case RNN -> RNN;
            case LSTM -> LSTM;
            case GRU -> GRU;
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
