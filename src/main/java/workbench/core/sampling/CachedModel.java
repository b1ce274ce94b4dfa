package workbench.core.sampling;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the logits of recent contexts, so that moving a slider does not run the model again
 * and rollouts that share a prefix share its forward pass. Calls into the wrapped model are made
 * one at a time (the model need not be thread-safe); a cached context is answered without waiting
 * for a call in progress.
 */
public final class CachedModel implements NextTokenModel {

    private record Key(int[] tokens) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Arrays.equals(tokens, k.tokens);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(tokens);
        }

        @Override
        public String toString() {
            return Arrays.toString(tokens);
        }
    }

    private final NextTokenModel model;
    private final Object modelLock = new Object();
    private final Map<Key, float[]> cache;
    private long hits;
    private long misses;

    /**
     * @param model    the model to ask on a miss
     * @param capacity contexts remembered; the least recently used is forgotten first
     */
    public CachedModel(NextTokenModel model, int capacity) {
        if (model == null) {
            throw new IllegalArgumentException("there is no model to cache");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("the cache must hold at least one context, not " + capacity);
        }
        this.model = model;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The wrapped model. */
    public NextTokenModel model() {
        return model;
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
        Key key = new Key(context.clone());
        synchronized (cache) {
            float[] known = cache.get(key);
            if (known != null) {
                hits++;
                return known.clone();
            }
        }
        float[] logits;
        synchronized (modelLock) {
            logits = model.nextLogits(context.clone());
        }
        synchronized (cache) {
            misses++;
            if (logits != null) {
                cache.put(key, logits.clone());
            }
        }
        return logits;
    }

    /** Answers from the cache so far. */
    public long hits() {
        synchronized (cache) {
            return hits;
        }
    }

    /** Calls that went to the model. */
    public long misses() {
        synchronized (cache) {
            return misses;
        }
    }
}
