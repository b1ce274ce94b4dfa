package workbench.lesson;

import java.util.List;

/**
 * One step of a lesson: the text under a level-2 heading and the lab state it sets.
 *
 * @param number     1-based position in the lesson
 * @param title      the heading's text
 * @param line       1-based line of the heading in the lesson file
 * @param body       the text, in order; {@link Block.Prediction}s are predict-then-reveal
 * @param directives the {@code ```lab} lines of this step, in order
 */
public record Step(int number, String title, int line, List<Block> body, List<LabDirective> directives) {

    public Step {
        body = List.copyOf(body);
        directives = List.copyOf(directives);
    }

    /** How many predict-then-reveal questions the step asks. */
    public int predictions() {
        return (int) body.stream().filter(b -> b instanceof Block.Prediction).count();
    }
}
