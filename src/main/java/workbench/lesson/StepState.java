package workbench.lesson;

import java.util.List;
import java.util.Optional;

/**
 * The lab state a lesson asks for on arriving at a step: what the directives of that step and
 * of every step before it add up to, later values winning, so a step looks the same whether
 * the learner arrives from the step before, from the one after, or by resuming the lesson.
 *
 * @param lab        the lab to show
 * @param model      the model to select, if any step so far named one
 * @param settings   the settings of {@code lab}, one line per key, in the order they were last set
 * @param highlights this step's own highlight lines (highlights do not carry over)
 */
public record StepState(String lab, Optional<LabDirective> model, List<LabDirective> settings,
                        List<LabDirective> highlights) {

    public StepState {
        settings = List.copyOf(settings);
        highlights = List.copyOf(highlights);
    }
}
