package workbench.core.attention;

import workbench.core.catalog.PublishedModel;

import java.util.ArrayList;
import java.util.List;

/**
 * The size of a transformer's key/value cache. Every layer keeps one key and one value vector
 * per KV head for every token seen, so
 * <pre>
 *   bytes = 2 (K and V) × layers × kvHeads × headDim × bytes per value × tokens × batch
 * </pre>
 * MHA has as many KV heads as query heads, MQA has one, GQA something in between.
 */
public final class KvCacheCalculator {

    /** How each cached number is stored. */
    public enum ValueType {
        FP32(4, "fp32"), FP16(2, "fp16"), INT8(1, "int8");

        private final int bytes;
        private final String label;

        ValueType(int bytes, String label) {
            this.bytes = bytes;
            this.label = label;
        }

        public int bytes() {
            return bytes;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * The attention shape the cache depends on.
     *
     * @param name       shown with the figures
     * @param layers     transformer blocks
     * @param queryHeads query heads per layer
     * @param kvHeads    key/value heads per layer; divides queryHeads
     * @param headDim    width of one head
     */
    public record Shape(String name, int layers, int queryHeads, int kvHeads, int headDim) {
        public Shape {
            if (layers < 1 || queryHeads < 1 || kvHeads < 1 || headDim < 1) {
                throw new IllegalArgumentException("layers, heads, KV heads and head size must all be at least 1");
            }
            if (queryHeads % kvHeads != 0) {
                throw new IllegalArgumentException("KV heads (" + kvHeads + ") must divide the query heads ("
                        + queryHeads + ")");
            }
        }

        /** The published configuration's shape. */
        public static Shape of(PublishedModel model) {
            return new Shape(model.name(), model.layers(), model.heads(), model.kvHeads(), model.headDim());
        }

        /** The same model with another number of KV heads (queryHeads for MHA, 1 for MQA). */
        public Shape withKvHeads(int kv) {
            return new Shape(name, layers, queryHeads, kv, headDim);
        }

        /** "MHA", "GQA" or "MQA". */
        public String kind() {
            return kvHeads == queryHeads ? "MHA" : kvHeads == 1 ? "MQA" : "GQA";
        }

        /** Query heads that share each KV head. */
        public int groupSize() {
            return queryHeads / kvHeads;
        }
    }

    private KvCacheCalculator() {
    }

    /** Bytes cached per token (for one sequence): 2 × layers × kvHeads × headDim × bytes per value. */
    public static long bytesPerToken(Shape shape, ValueType type) {
        return multiply(2L, shape.layers(), shape.kvHeads(), shape.headDim(), type.bytes());
    }

    /**
     * Bytes cached for {@code batch} sequences of {@code tokens} tokens each.
     *
     * @throws IllegalArgumentException for negative sizes or a result past 8 exabytes
     */
    public static long bytes(Shape shape, ValueType type, long tokens, long batch) {
        if (tokens < 0 || batch < 0) {
            throw new IllegalArgumentException("tokens and batch must not be negative");
        }
        return multiply(bytesPerToken(shape, type), tokens, batch);
    }

    /** KV head counts a model with {@code queryHeads} heads can use: the divisors, from 1 (MQA) to MHA. */
    public static List<Integer> validKvHeads(int queryHeads) {
        List<Integer> out = new ArrayList<>();
        for (int k = 1; k <= queryHeads; k++) {
            if (queryHeads % k == 0) {
                out.add(k);
            }
        }
        return List.copyOf(out);
    }

    private static long multiply(long... factors) {
        long product = 1;
        try {
            for (long f : factors) {
                product = Math.multiplyExact(product, f);
            }
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("the cache size is too large to count (over 8 EiB)");
        }
        return product;
    }
}
