package workbench.core.attention;

import workbench.core.trace.ForwardTrace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * How an intervention (a head switched off, a token hidden) changed the prediction of the token
 * after the prompt: the most likely tokens before and after, with their probabilities and logits.
 *
 * @param tokens            the tokens shown: the top {@code k} before, then any that entered the top
 *                          {@code k} after, each once; in order of the probability before
 * @param totalVariation    half the sum of |p_after - p_before| over the whole vocabulary: the share
 *                          of probability mass that moved, from 0 (nothing) to 1 (everything)
 * @param topBefore         the most likely next token before
 * @param topAfter          the most likely next token after
 */
public record InterventionEffect(List<TokenChange> tokens, double totalVariation, int topBefore, int topAfter) {

    public InterventionEffect {
        tokens = List.copyOf(tokens);
    }

    /** One token's next-token probability and logit before and after. */
    public record TokenChange(int token, String text, float before, float after, float logitBefore,
                              float logitAfter) {
    }

    /**
     * Compares the next-token predictions (after the last token) of two passes over the same prompt.
     *
     * @param k         how many of the most likely tokens of each pass to show
     * @param tokenText how a token id reads (the tokenizer's {@code tokenText})
     */
    public static InterventionEffect compare(ForwardTrace before, ForwardTrace after, int k,
                                             IntFunction<String> tokenText) {
        if (before.length() != after.length()) {
            throw new IllegalArgumentException("the two passes read different prompts");
        }
        float[] p = before.nextTokenProbabilities();
        float[] q = after.nextTokenProbabilities();
        float[] logitsBefore = before.logits()[before.length() - 1];
        float[] logitsAfter = after.logits()[after.length() - 1];
        int[] rankBefore = ranking(p);
        int[] rankAfter = ranking(q);
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(k, p.length); i++) {
            chosen.add(rankBefore[i]);
        }
        for (int i = 0; i < Math.min(k, q.length); i++) {
            chosen.add(rankAfter[i]);
        }
        List<Integer> ordered = new ArrayList<>(chosen);
        ordered.sort((a, b) -> Float.compare(p[b], p[a]) != 0 ? Float.compare(p[b], p[a]) : Float.compare(q[b], q[a]));
        List<TokenChange> changes = new ArrayList<>();
        for (int id : ordered) {
            changes.add(new TokenChange(id, tokenText.apply(id), p[id], q[id], logitsBefore[id], logitsAfter[id]));
        }
        double moved = 0;
        for (int i = 0; i < p.length; i++) {
            moved += Math.abs((double) q[i] - p[i]);
        }
        return new InterventionEffect(changes, moved / 2, rankBefore[0], rankAfter[0]);
    }

    /** Token ids from the most to the least probable; ties by id. */
    private static int[] ranking(float[] probabilities) {
        Integer[] ids = new Integer[probabilities.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        java.util.Arrays.sort(ids, (a, b) -> Float.compare(probabilities[b], probabilities[a]) != 0
                ? Float.compare(probabilities[b], probabilities[a]) : Integer.compare(a, b));
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }
}
