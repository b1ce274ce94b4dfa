package workbench.core.model;

import workbench.core.sampling.IncrementalDecoder;
import workbench.core.sampling.NextTokenModel;

import java.util.Arrays;

/**
 * A {@link NextTokenModel} that decodes with a {@link KvCache}: when the context is the previous
 * one plus new tokens, only the new tokens are computed. When the context no longer fits (the
 * window slides and every position shifts) it starts again from the last contextLength tokens.
 * Not thread-safe: one generator at a time. As an {@link IncrementalDecoder} it also takes explicit
 * prefill, decode and truncate steps (the Sampling lab's rollouts and beams share prefixes that way).
 */
public final class CachedDecoding implements NextTokenModel, IncrementalDecoder {

    private final MiniTransformer model;
    private final KvCache cache;
    private int[] cached = new int[0];

    public CachedDecoding(MiniTransformer model) {
        this.model = model;
        this.cache = model.newCache();
    }

    /** The live cache, for showing how it grows. */
    public KvCache cache() {
        return cache;
    }

    @Override
    public int vocabSize() {
        return model.vocabSize();
    }

    @Override
    public int contextLength() {
        return model.contextLength();
    }

    @Override
    public float[] nextLogits(int[] context) {
        if (context.length == 0) {
            throw new IllegalArgumentException("the context is empty: give at least one token");
        }
        int[] window = context.length > contextLength()
                ? Arrays.copyOfRange(context, context.length - contextLength(), context.length)
                : context;
        boolean continuesCache = window.length > cached.length
                && Arrays.equals(window, 0, cached.length, cached, 0, cached.length) && cached.length > 0;
        float[] logits;
        if (continuesCache) {
            logits = null;
            for (int i = cached.length; i < window.length; i++) {
                logits = model.decode(cache, window[i]);
            }
        } else {
            logits = model.prefill(cache, window);
        }
        cached = window.clone();
        return logits;
    }

    @Override
    public float[] prefill(int[] tokens) {
        float[] logits = model.prefill(cache, tokens);
        cached = tokens.clone();
        return logits;
    }

    @Override
    public float[] decode(int token) {
        float[] logits = model.decode(cache, token);
        cached = Arrays.copyOf(cached, cached.length + 1);
        cached[cached.length - 1] = token;
        return logits;
    }

    @Override
    public int length() {
        return cache.length();
    }

    @Override
    public void truncate(int length) {
        cache.truncate(length);
        cached = Arrays.copyOf(cached, length);
    }
}
