package workbench.ui.gqa;

import workbench.core.attention.KvCacheCalculator;
import workbench.core.attention.KvCacheCalculator.Shape;
import workbench.core.attention.KvCacheCalculator.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * The calculator's figures for one setting: MHA, GQA and MQA rows, each with bytes per token and
 * bytes for the whole context and batch at every value type. All arithmetic is the core's.
 *
 * @param shape   the configuration (its kvHeads is the GQA row's)
 * @param context tokens per sequence
 * @param batch   sequences
 * @param rows    MHA, then GQA (absent when it equals MHA or MQA), then MQA
 * @param problem empty, or why the figures could not be computed
 */
public record KvCacheSummary(Shape shape, long context, long batch, List<Row> rows, String problem) {

    /**
     * One attention kind.
     *
     * @param kind     "MHA", "GQA" or "MQA"
     * @param kvHeads  key/value heads per layer
     * @param perToken bytes per token, indexed by {@link ValueType#ordinal()}
     * @param total    bytes for context × batch tokens, indexed the same way
     * @param chosen   true for the row of the configuration as set (the published one, for a listed model)
     */
    public record Row(String kind, int kvHeads, long[] perToken, long[] total, boolean chosen) {
        public long perToken(ValueType type) {
            return perToken[type.ordinal()];
        }

        public long total(ValueType type) {
            return total[type.ordinal()];
        }
    }

    public KvCacheSummary {
        rows = List.copyOf(rows);
    }

    /** Computes the rows for {@code shape}; a size too large to count gives a summary with a problem. */
    public static KvCacheSummary of(Shape shape, long context, long batch) {
        List<Integer> kvs = new ArrayList<>();
        kvs.add(shape.queryHeads());
        if (shape.kvHeads() != shape.queryHeads() && shape.kvHeads() != 1) {
            kvs.add(shape.kvHeads());
        }
        if (shape.queryHeads() != 1) {
            kvs.add(1);
        }
        List<Row> rows = new ArrayList<>();
        try {
            for (int kv : kvs) {
                Shape s = shape.withKvHeads(kv);
                long[] perToken = new long[ValueType.values().length];
                long[] total = new long[ValueType.values().length];
                for (ValueType type : ValueType.values()) {
                    perToken[type.ordinal()] = KvCacheCalculator.bytesPerToken(s, type);
                    total[type.ordinal()] = KvCacheCalculator.bytes(s, type, context, batch);
                }
                rows.add(new Row(s.kind(), kv, perToken, total, kv == shape.kvHeads()));
            }
        } catch (IllegalArgumentException tooLarge) {
            return new KvCacheSummary(shape, context, batch, List.of(), tooLarge.getMessage());
        }
        return new KvCacheSummary(shape, context, batch, rows, "");
    }
}
