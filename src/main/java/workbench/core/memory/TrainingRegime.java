package workbench.core.memory;

/**
 * How full training with Adam stores its numbers. Bytes per parameter follow Rajbhandari et al.
 * 2020 (ZeRO, section 3.1): mixed precision keeps 16-bit weights and gradients (2 + 2 bytes) and
 * an fp32 master copy plus Adam's two fp32 moments (4 + 4 + 4 bytes), 16 bytes in all; plain fp32
 * training keeps weights, gradients and both moments in fp32, also 16 bytes.
 */
public enum TrainingRegime {
    FP32("fp32 training", 4, 0, 4, 4),
    MIXED_16("mixed precision (16-bit weights and activations, fp32 master copy and Adam)", 2, 4, 2, 2);

    private final String label;
    private final int weightBytes;
    private final int masterBytes;
    private final int gradientBytes;
    private final int activationBytes;

    TrainingRegime(String label, int weightBytes, int masterBytes, int gradientBytes, int activationBytes) {
        this.label = label;
        this.weightBytes = weightBytes;
        this.masterBytes = masterBytes;
        this.gradientBytes = gradientBytes;
        this.activationBytes = activationBytes;
    }

    /**
     * fp32 trains in fp32; fp16 and bf16 train in mixed precision. int8 and int4 are inference
     * formats: full training of such a model still runs in mixed precision, so that is what is shown.
     */
    public static TrainingRegime of(Precision precision) {
        return precision == Precision.FP32 ? FP32 : MIXED_16;
    }

    public String label() {
        return label;
    }

    public int weightBytes() {
        return weightBytes;
    }

    /** 0 when there is no separate master copy. */
    public int masterBytes() {
        return masterBytes;
    }

    public int gradientBytes() {
        return gradientBytes;
    }

    /** Adam keeps each moment in fp32 in both regimes. */
    public int adamMomentBytes() {
        return 4;
    }

    /** Bytes of one stored activation value (dropout masks take 1 byte regardless). */
    public int activationBytes() {
        return activationBytes;
    }
}
