package workbench.core.memory;

/**
 * How the weight matrices of a model are stored in one quantization experiment. Floating-point
 * variants round every value to the nearest value of the format (ties to even); integer variants
 * are symmetric absmax quantization with one fp32 scale per tensor or per output channel.
 * One-dimensional parameters (LayerNorm gains and biases) stay fp32 in every variant: they are
 * 0.3% of the bundled model and are kept in high precision by the common schemes too.
 */
public enum WeightVariant {
    FP32("fp32", "fp32", "fp32, the trained weights as they are", 32, FloatFormat.FP32, false),
    FP16("fp16", "fp16", "fp16 round trip", 16, FloatFormat.FP16, false),
    BF16("bf16", "bf16", "bf16 round trip", 16, FloatFormat.BF16, false),
    INT8_PER_TENSOR("int8-tensor", "int8 per tensor", "int8, one scale per tensor", 8, null, false),
    INT8_PER_CHANNEL("int8-channel", "int8 per channel", "int8, one scale per output channel", 8, null, true),
    INT4_PER_TENSOR("int4-tensor", "int4 per tensor", "int4, one scale per tensor", 4, null, false),
    INT4_PER_CHANNEL("int4-channel", "int4 per channel", "int4, one scale per output channel", 4, null, true);

    private final String key;
    private final String label;
    private final String description;
    private final int bits;
    private final FloatFormat format;
    private final boolean perChannel;

    WeightVariant(String key, String label, String description, int bits, FloatFormat format, boolean perChannel) {
        this.key = key;
        this.label = label;
        this.description = description;
        this.bits = bits;
        this.format = format;
        this.perChannel = perChannel;
    }

    /** Short name for settings and CSV, e.g. "int8-channel". */
    public String key() {
        return key;
    }

    /** Short name for tables, e.g. "int8 per channel". */
    public String label() {
        return label;
    }

    /** One line, e.g. "int8, one scale per output channel". */
    public String description() {
        return description;
    }

    /** Bits per stored matrix value (scales not included). */
    public int bits() {
        return bits;
    }

    public boolean isInteger() {
        return format == null;
    }

    /** The float format of a floating-point variant; null for the integer ones. */
    public FloatFormat format() {
        return format;
    }

    public boolean isPerChannel() {
        return perChannel;
    }

    /**
     * The granularity of an integer variant for a matrix: per tensor, or per output channel, which
     * is a row of an embedding table (one token's or one position's vector, and with tied output
     * one row of the output head) and a column of every other matrix (stored (in, out), used as x·W).
     */
    public Granularity granularity(boolean embeddingTable) {
        if (!perChannel) {
            return Granularity.PER_TENSOR;
        }
        return embeddingTable ? Granularity.PER_ROW : Granularity.PER_COLUMN;
    }

    public static WeightVariant parse(String text) {
        String wanted = text == null ? "" : text.strip();
        for (WeightVariant v : values()) {
            if (v.key.equalsIgnoreCase(wanted) || v.label.equalsIgnoreCase(wanted) || v.description.equalsIgnoreCase(wanted)) {
                return v;
            }
        }
        throw new IllegalArgumentException("Unknown variant '" + text + "': use fp32, fp16, bf16, int8-tensor, "
                + "int8-channel, int4-tensor or int4-channel.");
    }

    @Override
    public String toString() {
        return label;
    }
}
