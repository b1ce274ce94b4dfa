package workbench.core.sampling;

import java.util.Arrays;

/**
 * Continuations of one prompt, computed with an incremental decoder (a KV cache), with logits that
 * do not depend on what was asked before.
 *
 * <p>Why: a KV-cache decoder reads a prompt in one pass and later tokens one at a time, and the two
 * ways round differ in the last bits of a float (about 1e-6 on the bundled model). Left to itself,
 * a shared decoder would give a context one value after a rollout and another after a beam search,
 * so the lab's text could depend on the order of clicks. Here every context gets exactly what one
 * generation from the prompt gives it, as the {@code generate} command computes it:
 * <ul>
 *   <li>a context that starts with the prompt and fits the window: the prompt in one pass, then the
 *       later tokens one at a time;</li>
 *   <li>any other context (longer than the window, so every position shifts; or not from this
 *       prompt): its last {@code contextLength} tokens in one pass.</li>
 * </ul>
 * The cache keeps the longest prefix it shares with the asked context, if that prefix was computed
 * that way, and only the tokens after it are decoded: a rollout or a beam that branches off another
 * costs its new tokens, not the whole context. Calls are serialised.
 */
public final class PromptDecoding implements NextTokenModel {

    private final IncrementalDecoder decoder;
    private final int[] prompt;
    /** The tokens the decoder holds. */
    private int[] state = new int[0];
    /** Whether {@link #state} is the prompt read in one pass plus tokens decoded one at a time. */
    private boolean fromPrompt;
    private long passes;
    private long tokens;

    /**
     * @param decoder this object's own decoder (nobody else may use it)
     * @param prompt  token ids, at least one; longer than the window it is cut from the left
     */
    public PromptDecoding(IncrementalDecoder decoder, int[] prompt) {
        if (decoder == null) {
            throw new IllegalArgumentException("there is no decoder to generate with");
        }
        Generator.checkPrompt(prompt, decoder.vocabSize());
        this.decoder = decoder;
        this.prompt = Generator.window(prompt, decoder.contextLength());
    }

    @Override
    public int vocabSize() {
        return decoder.vocabSize();
    }

    @Override
    public int contextLength() {
        return decoder.contextLength();
    }

    /** The prompt every continuation is anchored to (its last contextLength tokens). */
    public int[] prompt() {
        return prompt.clone();
    }

    @Override
    public synchronized float[] nextLogits(int[] context) {
        if (context == null || context.length == 0) {
            throw new IllegalArgumentException("the context is empty: give at least one token");
        }
        int[] window = Generator.window(context, contextLength());        // (T <= ctx)
        if (context.length > contextLength() || !startsWith(context, prompt)) {
            float[] logits = decoder.prefill(window);
            passes++;
            state = window;
            fromPrompt = false;
            return logits;
        }
        // Keep the shared prefix, but recompute at least the last token: its logits are the answer.
        int keep = Math.min(fromPrompt ? commonPrefix(state, window) : 0, window.length - 1);
        float[] logits = null;
        if (keep < prompt.length) {
            logits = decoder.prefill(prompt);
            passes++;
            keep = prompt.length;
        } else {
            decoder.truncate(keep);
        }
        for (int i = keep; i < window.length; i++) {
            logits = decoder.decode(window[i]);
            tokens++;
        }
        state = window;
        fromPrompt = true;
        return logits;
    }

    /** One-pass reads so far (prompts and windows). */
    public synchronized long passes() {
        return passes;
    }

    /** Tokens decoded one at a time so far. */
    public synchronized long tokens() {
        return tokens;
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    private static boolean startsWith(int[] tokens, int[] prefix) {
        return tokens.length >= prefix.length && Arrays.equals(tokens, 0, prefix.length, prefix, 0, prefix.length);
    }
}
