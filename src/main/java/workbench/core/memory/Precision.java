package workbench.core.memory;

import java.util.Locale;

/**
 * The number format of stored weights. Byte sizes follow from the bit width; int8 and int4 are
 * weight-only formats (the per-channel or per-group scales they need are not counted here).
 */
public enum Precision {
    FP32("fp32", 32, true),
    FP16("fp16", 16, true),
    BF16("bf16", 16, true),
    INT8("int8", 8, false),
    INT4("int4", 4, false);

    private final String label;
    private final int bits;
    private final boolean floatingPoint;

    Precision(String label, int bits, boolean floatingPoint) {
        this.label = label;
        this.bits = bits;
        this.floatingPoint = floatingPoint;
    }

    public String label() {
        return label;
    }

    public int bits() {
        return bits;
    }

    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** Bytes needed for {@code count} values, rounded up to whole bytes (two int4 values share a byte). */
    public long bytesFor(long count) {
        return Math.addExact(Math.multiplyExact(count, bits), 7) / 8;
    }

    /**
     * The precision of the KV cache when weights are stored in this one: int8 and int4 are
     * weight-only quantization, so keys and values are still computed and cached in fp16.
     */
    public Precision kvCachePrecision() {
        return floatingPoint ? this : FP16;
    }

    public static Precision parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Precision p : values()) {
            if (p.label.equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown precision '" + text + "': use fp32, fp16, bf16, int8 or int4.");
    }

    @Override
    public String toString() {
        return label;
    }
}
