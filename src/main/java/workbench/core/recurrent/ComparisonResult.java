package workbench.core.recurrent;

import workbench.core.train.SequenceExample;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of training several cells side by side with the same budget.
 *
 * @param settings the settings of the run
 * @param outcomes one per cell, in the order trained
 * @param probe    the example whose gradient flow was measured (longest distance of the task)
 */
public record ComparisonResult(ComparisonSettings settings, List<CellOutcome> outcomes, SequenceExample probe) {

    public ComparisonResult {
        outcomes = List.copyOf(outcomes);
    }

    public Optional<CellOutcome> outcome(CellKind cell) {
        return outcomes.stream().filter(o -> o.cell() == cell).findFirst();
    }
}
