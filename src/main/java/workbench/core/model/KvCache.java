package workbench.core.model;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import workbench.core.tensor.Workspaces;

/**
 * The keys and values a decoder keeps while it generates, so that each new token attends to the
 * earlier ones without recomputing them: per layer, (nkv, capacity, hs) for keys and for values.
 * With GQA or MQA fewer key/value heads are kept, which is exactly the memory those designs save.
 */
public final class KvCache {

    private final TransformerConfig config;
    private final INDArray[] keys;    // per layer (nkv, capacity, hs)
    private final INDArray[] values;  // per layer (nkv, capacity, hs)
    private int length;

    KvCache(TransformerConfig config) {
        this.config = config;
        this.keys = new INDArray[config.layers()];
        this.values = new INDArray[config.layers()];
        try (MemoryWorkspace ignored = Workspaces.outside()) {
            for (int l = 0; l < config.layers(); l++) {
                keys[l] = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, config.kvHeads(),
                        config.contextLength(), config.headSize());
                values[l] = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, config.kvHeads(),
                        config.contextLength(), config.headSize());
            }
        }
    }

    /** Tokens cached so far (the position the next token will take). */
    public int length() {
        return length;
    }

    /** Most tokens the cache can hold: the model's context length. */
    public int capacity() {
        return config.contextLength();
    }

    public boolean isFull() {
        return length >= capacity();
    }

    /**
     * Bytes the cached keys and values take at {@code bytesPerValue} each:
     * 2 (K and V) x layers x kvHeads x length x headSize x bytes.
     */
    public long bytes(int bytesPerValue) {
        return 2L * config.layers() * config.kvHeads() * length * config.headSize() * bytesPerValue;
    }

    /** Bytes at float32, as this cache stores them. */
    public long bytes() {
        return bytes(4);
    }

    public TransformerConfig config() {
        return config;
    }

    /** Forgets every token; the next one is position 0. */
    public void clear() {
        length = 0;
    }

    INDArray keys(int layer) {
        return keys[layer];
    }

    INDArray values(int layer) {
        return values[layer];
    }

    void advance() {
        length++;
    }

    /**
     * Forgets every token from position {@code length} on; the earlier ones stay as they were
     * computed (a decoder only reads positions below the length), so continuing after a shared
     * prefix costs only the tokens after it.
     */
    public void truncate(int length) {
        if (length < 0 || length > this.length) {
            throw new IllegalArgumentException("cannot keep " + length + " of " + this.length + " cached tokens");
        }
        this.length = length;
    }

    void setLength(int value) {
        length = value;
    }
}
