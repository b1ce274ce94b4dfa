package workbench.core.trace;

import java.util.List;
import java.util.Optional;

/**
 * Everything a recurrent sequence model computed for one input sequence, step by step.
 *
 * @param cell          the cell's name ("Simple RNN", "LSTM", "GRU")
 * @param tokens        (T) the input token ids
 * @param hidden        (H, T) hidden state h_t: hidden[unit][t]
 * @param gates         the cell's gates in the order the cell computes them (empty for the simple RNN)
 * @param probabilities (T, V) the model's next-token distribution after each step
 * @param predicted     (T) the most probable token after each step
 */
public record GateTrace(String cell, int[] tokens, float[][] hidden, List<GateSeries> gates,
                        float[][] probabilities, int[] predicted) {

    public GateTrace {
        gates = List.copyOf(gates);
    }

    public int steps() {
        return tokens.length;
    }

    public int units() {
        return hidden.length;
    }

    /** The series of one gate, if this cell has it. */
    public Optional<GateSeries> gate(GateKind kind) {
        return gates.stream().filter(g -> g.kind() == kind).findFirst();
    }
}
