package workbench.lesson;

import org.junit.jupiter.api.Test;
import workbench.core.model.Checkpoints;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.ModelBundle;
import workbench.core.trace.ForwardTrace;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Figures a lesson quotes that its lab does not print itself, recomputed on the bundled model so
 * the text cannot drift from what the model does.
 */
class LessonFiguresTest {

    /** Lesson 6, "Break the mask": next-character accuracy and loss, causal against bidirectional. */
    @Test
    void lessonSixCausalAgainstBidirectionalMask() throws Exception {
        ModelBundle bundle = Checkpoints.bundled();
        int[] ids = bundle.encode("And the LORD spake unto Moses").ids();
        assertEquals(29, ids.length, "one token per character");

        Score causal = score(bundle.trace(ids, ForwardOptions.NONE), ids);
        Score bidirectional = score(bundle.trace(ids, ForwardOptions.NONE.withMask(MaskKind.BIDIRECTIONAL)), ids);

        assertEquals(26, causal.right, "right with the causal mask, of 28");
        assertEquals(11, bidirectional.right, "right with the bidirectional mask, of 28");
        assertEquals(0.51, causal.loss, 0.005, "nats per character, causal");
        assertEquals(2.9, bidirectional.loss, 0.05, "nats per character, bidirectional");
    }

    private record Score(int right, double loss) {
    }

    /** Predictions at positions 0..T-2 against the character that follows each. */
    private static Score score(ForwardTrace trace, int[] ids) {
        int right = 0;
        double loss = 0;
        for (int t = 0; t + 1 < ids.length; t++) {
            float[] p = trace.probabilities()[t]; // (V)
            int best = 0;
            for (int v = 1; v < p.length; v++) {
                if (p[v] > p[best]) {
                    best = v;
                }
            }
            right += best == ids[t + 1] ? 1 : 0;
            loss -= Math.log(p[ids[t + 1]]);
        }
        return new Score(right, loss / (ids.length - 1));
    }
}
