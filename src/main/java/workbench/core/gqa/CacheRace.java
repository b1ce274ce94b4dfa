package workbench.core.gqa;

import workbench.core.model.KvCache;
import workbench.core.model.MiniTransformer;
import workbench.core.sampling.Distributions;
import workbench.core.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several versions of a model (MHA and its GQA and MQA conversions) generating side by side, each
 * with its own real {@link KvCache}, one token per {@link #step()}: the cache sizes shown are the
 * caches' own {@link KvCache#bytes(int)} after every token. Decoding is greedy (the most likely next
 * token), so a run needs no random numbers and repeats exactly.
 * <p>
 * Not thread-safe: step it from one thread at a time (the views do it through one background task
 * at a time) and read only the returned snapshots elsewhere.
 */
public final class CacheRace {

    /** Bytes per cached value: the caches hold float32. */
    public static final int BYTES_PER_VALUE = Float.BYTES;

    /** A model to run, with its label. */
    public record Racer(String label, MiniTransformer model) {
    }

    /**
     * One model's state after a step.
     *
     * @param label         the racer's label
     * @param kind          "MHA", "GQA" or "MQA"
     * @param kvHeads       K/V heads per layer
     * @param tokens        tokens in the cache now
     * @param capacity      most tokens the cache holds (the context length)
     * @param bytes         the cache's bytes now, at 4 bytes per value
     * @param bytesPerToken 2 × layers × kvHeads × head size × 4
     * @param history       (tokens - start + 1) the cache's bytes after the prompt and after each token since
     * @param text          the prompt and every token generated so far
     */
    public record Lane(String label, String kind, int kvHeads, int tokens, int capacity, long bytes, long bytesPerToken,
                       long[] history, String text) {
    }

    /**
     * Every lane after {@code generated} tokens.
     *
     * @param startTokens tokens of the prompt each cache was filled with
     * @param full        true when the caches are full and no more tokens fit
     */
    public record Snapshot(int generated, int startTokens, List<Lane> lanes, boolean full) {
        public Snapshot {
            lanes = List.copyOf(lanes);
        }
    }

    private final List<Racer> racers;
    private final Tokenizer tokenizer;
    private final int[] start;
    private final List<KvCache> caches = new ArrayList<>();
    private final int[][] generated;    // per lane, the tokens after the prompt
    private final int[] pending;        // per lane, the token chosen but not yet cached
    private final List<List<Long>> history = new ArrayList<>();
    private int steps;

    /**
     * Fills every model's cache with {@code start} (prefill) and picks each model's first token.
     *
     * @param start (T) prompt ids, 1 <= T < every model's context length
     */
    public CacheRace(List<Racer> racers, Tokenizer tokenizer, int[] start) {
        if (racers.isEmpty()) {
            throw new IllegalArgumentException("give at least one model");
        }
        int capacity = racers.get(0).model().contextLength();
        for (Racer racer : racers) {
            if (racer.model().contextLength() != capacity || racer.model().vocabSize() != tokenizer.vocabSize()) {
                throw new IllegalArgumentException("every model needs the same context and the tokenizer's vocabulary");
            }
        }
        if (start.length == 0) {
            throw new IllegalArgumentException("The start text is empty: give at least one character.");
        }
        if (start.length >= capacity) {
            throw new IllegalArgumentException("The start text has " + start.length + " tokens; the cache holds "
                    + capacity + ", so leave room to generate (at most " + (capacity - 1) + ").");
        }
        this.racers = List.copyOf(racers);
        this.tokenizer = tokenizer;
        this.start = start.clone();
        this.generated = new int[racers.size()][capacity - start.length];
        this.pending = new int[racers.size()];
        for (int i = 0; i < racers.size(); i++) {
            MiniTransformer model = racers.get(i).model();
            KvCache cache = model.newCache();
            float[] logits = model.prefill(cache, start); // (V)
            caches.add(cache);
            pending[i] = Distributions.argmax(Distributions.toDouble(logits));
            List<Long> sizes = new ArrayList<>();
            sizes.add(cache.bytes(BYTES_PER_VALUE));
            history.add(sizes);
        }
    }

    /** True when the caches hold a whole context and cannot take another token. */
    public boolean isFull() {
        return caches.get(0).isFull();
    }

    /** Appends each model's chosen token to its cache and picks the next; does nothing when full. */
    public Snapshot step() {
        if (isFull()) {
            return snapshot();
        }
        for (int i = 0; i < racers.size(); i++) {
            MiniTransformer model = racers.get(i).model();
            KvCache cache = caches.get(i);
            generated[i][steps] = pending[i];
            float[] logits = model.decode(cache, pending[i]); // (V); the cache grows by one token
            pending[i] = Distributions.argmax(Distributions.toDouble(logits));
            history.get(i).add(cache.bytes(BYTES_PER_VALUE));
        }
        steps++;
        return snapshot();
    }

    /** The state now, as plain values. */
    public Snapshot snapshot() {
        List<Lane> lanes = new ArrayList<>();
        for (int i = 0; i < racers.size(); i++) {
            KvCache cache = caches.get(i);
            var config = cache.config();
            int[] ids = new int[start.length + steps];
            System.arraycopy(start, 0, ids, 0, start.length);
            System.arraycopy(generated[i], 0, ids, start.length, steps);
            long perToken = 2L * config.layers() * config.kvHeads() * config.headSize() * BYTES_PER_VALUE;
            lanes.add(new Lane(racers.get(i).label(), config.attentionKind(), config.kvHeads(), cache.length(),
                    cache.capacity(), cache.bytes(BYTES_PER_VALUE), perToken,
                    history.get(i).stream().mapToLong(Long::longValue).toArray(), tokenizer.decode(ids)));
        }
        return new Snapshot(steps, start.length, lanes, isFull());
    }

    /** The prompt the caches were filled with. */
    public int[] start() {
        return Arrays.copyOf(start, start.length);
    }
}
