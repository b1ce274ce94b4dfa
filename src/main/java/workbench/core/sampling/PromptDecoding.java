package workbench.core.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

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
 * Several decoders are kept (one per beam, say); the one holding the longest prefix of the asked
 * context computed that way keeps it, and only the tokens after it are decoded: a rollout or a beam
 * that branches off another costs its new tokens, not the whole context. Calls are serialised.
 */
public final class PromptDecoding implements NextTokenModel {

    /** One decoder and what it holds. */
    private static final class Slot {
        final IncrementalDecoder decoder;
        int[] state = new int[0];
        /** Whether {@link #state} is the prompt read in one pass plus tokens decoded one at a time. */
        boolean fromPrompt;
        long lastUsed;

        Slot(IncrementalDecoder decoder) {
            this.decoder = decoder;
        }
    }

    private final Supplier<? extends IncrementalDecoder> decoders;
    private final int capacity;
    private final List<Slot> slots = new ArrayList<>();
    private final int[] prompt;
    private final int vocabSize;
    private final int contextLength;
    private long clock;
    private long passes;
    private long tokens;

    /**
     * @param decoders makes fresh decoders, each used by this object only; at most {@code capacity}
     *                 are made, the first now
     * @param prompt   token ids, at least one; longer than the window it is cut from the left
     * @param capacity decoders kept, at least 1 (a beam search of width w gains up to w)
     */
    public PromptDecoding(Supplier<? extends IncrementalDecoder> decoders, int[] prompt, int capacity) {
        if (decoders == null) {
            throw new IllegalArgumentException("there is no decoder to generate with");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("at least one decoder is needed, not " + capacity);
        }
        this.decoders = decoders;
        this.capacity = capacity;
        slots.add(new Slot(decoders.get()));
        this.vocabSize = slots.get(0).decoder.vocabSize();
        this.contextLength = slots.get(0).decoder.contextLength();
        Generator.checkPrompt(prompt, vocabSize);
        this.prompt = Generator.window(prompt, contextLength);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int contextLength() {
        return contextLength;
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
        int[] window = Generator.window(context, contextLength);        // (T <= ctx)
        if (context.length > contextLength || !startsWith(context, prompt)) {
            Slot slot = spare();
            float[] logits = slot.decoder.prefill(window);
            passes++;
            slot.state = window;
            slot.fromPrompt = false;
            return logits;
        }
        // A decoder whose tokens this context extends continues; else a fresh decoder while there is
        // room (the others may be beams still growing); else the one holding the most of it. The
        // last token is always computed, since its logits are the answer.
        Slot slot = null;
        int keep = -1;
        boolean continues = false;
        for (Slot candidate : slots) {
            int k = candidate.fromPrompt ? Math.min(commonPrefix(candidate.state, window), window.length - 1) : -1;
            if (k < prompt.length) {
                continue;   // it does not even hold the prompt as a generation reads it
            }
            boolean c = k == candidate.state.length;
            boolean better = slot == null
                    || c && !continues
                    || c == continues && (k > keep || k == keep && candidate.lastUsed > slot.lastUsed);
            if (better) {
                slot = candidate;
                keep = k;
                continues = c;
            }
        }
        boolean room = slots.size() < capacity || slots.stream().anyMatch(x -> x.lastUsed == 0);
        if (slot != null && !continues && room) {
            slot = null;
        }
        float[] logits = null;
        if (slot == null) {
            slot = spare();
            logits = slot.decoder.prefill(prompt);
            passes++;
            keep = prompt.length;
        } else {
            slot.decoder.truncate(keep);
            slot.lastUsed = ++clock;
        }
        for (int i = keep; i < window.length; i++) {
            logits = slot.decoder.decode(window[i]);
            tokens++;
        }
        slot.state = window;
        slot.fromPrompt = true;
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

    /** Decoders made so far. */
    public synchronized int decoders() {
        return slots.size();
    }

    /** An unused decoder, a new one while there is room, else the one used longest ago. */
    private Slot spare() {
        Slot slot = slots.stream().filter(s -> s.lastUsed == 0).findFirst().orElse(null);
        if (slot != null) {
            slot.lastUsed = ++clock;
            return slot;
        }
        if (slots.size() < capacity) {
            slot = new Slot(decoders.get());
            slots.add(slot);
        } else {
            slot = slots.get(0);
            for (Slot s : slots) {
                if (s.lastUsed < slot.lastUsed) {
                    slot = s;
                }
            }
        }
        slot.lastUsed = ++clock;
        return slot;
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
