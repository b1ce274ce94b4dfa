package workbench.core.attention;

import org.junit.jupiter.api.Test;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.trace.ForwardTrace;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class InterventionEffectTest {

    private static ForwardTrace nextToken(float[] probabilities) {
        float[][] logits = new float[1][probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            logits[0][i] = (float) Math.log(Math.max(probabilities[i], 1e-9f));
        }
        return new ForwardTrace(new int[]{0}, List.of("a"), new float[1][1], new float[1][1], List.of(),
                new float[1][1], logits, new float[][]{probabilities});
    }

    /**
     * Before (0.5, 0.3, 0.2, 0), after (0.1, 0.3, 0.2, 0.4), k = 2: the top two before are 0 and 1,
     * after 3 and 1, so tokens 0, 1, 3 are shown in order of the probability before. Moved mass:
     * (0.4 + 0 + 0 + 0.4) / 2 = 0.4.
     */
    @Test
    void handBuiltPredictions() {
        InterventionEffect effect = InterventionEffect.compare(nextToken(new float[]{0.5f, 0.3f, 0.2f, 0}),
                nextToken(new float[]{0.1f, 0.3f, 0.2f, 0.4f}), 2, id -> "t" + id);
        assertEquals(List.of(0, 1, 3), effect.tokens().stream().map(InterventionEffect.TokenChange::token).toList());
        assertEquals("t3", effect.tokens().get(2).text());
        assertEquals(0.4f, effect.tokens().get(2).after());
        assertEquals(0f, effect.tokens().get(2).before());
        assertEquals(0.4, effect.totalVariation(), 1e-6);
        assertEquals(0, effect.topBefore());
        assertEquals(3, effect.topAfter());
    }

    @Test
    void aSwitchedOffHeadGivesTheEnginesOwnNumbers() {
        MiniTransformer model = new MiniTransformer(new TransformerConfig(12, 16, 32, 2, 4, 4, 64,
                PositionalKind.LEARNED, MaskKind.CAUSAL, true, 5));
        int[] prompt = {1, 2, 3, 1, 2, 7, 8};
        ForwardOptions off = ForwardOptions.NONE.withDisabledHeads(Set.of(new ForwardOptions.HeadRef(1, 2)));
        ForwardTrace before = model.trace(prompt, ForwardOptions.NONE);
        ForwardTrace after = model.trace(prompt, off);
        InterventionEffect effect = InterventionEffect.compare(before, after, 5, String::valueOf);
        float[] expectedAfter = model.trace(prompt, off).nextTokenProbabilities();
        float[] expectedBefore = model.nextLogits(prompt);
        for (InterventionEffect.TokenChange change : effect.tokens()) {
            assertEquals(expectedAfter[change.token()], change.after(), 0f);
            assertEquals(expectedBefore[change.token()], change.logitBefore(), 1e-5f);
        }
        assertNotEquals(0, effect.totalVariation(), "switching a head off changes the prediction");
        InterventionEffect none = InterventionEffect.compare(before, model.trace(prompt, ForwardOptions.NONE), 5,
                String::valueOf);
        assertEquals(0, none.totalVariation(), 1e-6);
    }
}
