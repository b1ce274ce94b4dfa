package workbench.core.recurrent;

import workbench.core.tensor.ParameterSet;

import java.util.List;

/** The three recurrent cells, with how many H-wide blocks of pre-activations each computes per step. */
public enum CellKind {
    RNN("Simple RNN", 1),
    LSTM("LSTM", 4),
    GRU("GRU", 3);

    private final String label;
    private final int blocks;

    CellKind(String label, int blocks) {
        this.label = label;
        this.blocks = blocks;
    }

    public String label() {
        return label;
    }

    /** Pre-activation blocks per step: 1 (RNN), 4 (LSTM: i f o g), 3 (GRU: r z n). */
    public int blocks() {
        return blocks;
    }

    /** The parameters of a cell of this kind, named {@code prefix + "wx"} and so on. */
    public List<ParameterSet.Spec> specs(String prefix, int inputSize, int hiddenSize) {
        return switch (this) {
            case RNN -> RnnCell.specs(prefix, inputSize, hiddenSize);
            case LSTM -> LstmCell.specs(prefix, inputSize, hiddenSize);
            case GRU -> GruCell.specs(prefix, inputSize, hiddenSize);
        };
    }

    /** A cell of this kind reading (and writing gradients to) the parameters under {@code prefix}. */
    public RecurrentCell create(ParameterSet parameters, String prefix, int inputSize, int hiddenSize) {
        return switch (this) {
            case RNN -> new RnnCell(parameters, prefix, inputSize, hiddenSize);
            case LSTM -> new LstmCell(parameters, prefix, inputSize, hiddenSize);
            case GRU -> new GruCell(parameters, prefix, inputSize, hiddenSize);
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
