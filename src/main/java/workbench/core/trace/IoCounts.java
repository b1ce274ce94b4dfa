package workbench.core.trace;

/**
 * What one attention computation cost, counted by the implementation while it ran.
 * "Slow memory" is the GPU's HBM in the FlashAttention paper: Q, K, V, O live there, and so do
 * the N×N matrices S and P of standard attention. Bytes assume 4-byte floats.
 *
 * @param slowReadBytes  bytes loaded from slow memory
 * @param slowWriteBytes bytes stored to slow memory
 * @param peakExtraBytes the most memory held at once beyond the inputs Q, K, V and the output O
 *                       (S and P for standard attention; row statistics and block buffers for tiled)
 * @param flops          floating-point operations (a multiply-add counts 2; exp, max, divide 1 each)
 */
public record IoCounts(long slowReadBytes, long slowWriteBytes, long peakExtraBytes, long flops) {

    /** Reads plus writes: the "HBM accesses" the paper's complexity bounds count. */
    public long slowAccessBytes() {
        return slowReadBytes + slowWriteBytes;
    }
}
