package workbench.core.recurrent;

import workbench.core.model.TransformerConfig;
import workbench.core.train.SequenceExample;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of training several models side by side with the same budget.
 *
 * @param settings    the settings of the run
 * @param outcomes    one per model, in the order trained
 * @param probe       the example whose gradient flow was measured (longest distance of the task)
 * @param transformer the transformer's shape (part of the run even when it was not trained)
 */
public record ComparisonResult(ComparisonSettings settings, List<ModelOutcome> outcomes, SequenceExample probe,
                               TransformerConfig transformer) {

    public ComparisonResult {
        outcomes = List.copyOf(outcomes);
    }

    public Optional<ModelOutcome> outcome(Architecture architecture) {
        return outcomes.stream().filter(o -> o.architecture() == architecture).findFirst();
    }

    public Optional<ModelOutcome> outcome(CellKind cell) {
        return outcome(Architecture.of(cell));
    }
}
