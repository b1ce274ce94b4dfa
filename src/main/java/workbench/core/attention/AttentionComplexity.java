package workbench.core.attention;

/**
 * The FlashAttention paper's asymptotic counts of slow-memory (HBM) accesses, in floats, with the
 * constants dropped as the paper states them (Theorem 2). They give the order of growth that the
 * counted figures of {@link StandardAttention} and {@link TiledAttention} should follow.
 */
public final class AttentionComplexity {

    private AttentionComplexity() {
    }

    /** Standard attention: Θ(N·d + N²) accesses. */
    public static double standardAccesses(long n, long d) {
        return (double) n * d + (double) n * n;
    }

    /** FlashAttention: Θ(N²·d²/M) accesses, with M the fast-memory size in floats. */
    public static double flashAccesses(long n, long d, long fastMemoryFloats) {
        if (fastMemoryFloats < 1) {
            throw new IllegalArgumentException("fast memory must hold at least one float");
        }
        return (double) n * n * d * d / fastMemoryFloats;
    }

    /** Text of the standard bound, for labels. */
    public static final String STANDARD_FORMULA = "Θ(N·d + N²)";

    /** Text of the FlashAttention bound, for labels. */
    public static final String FLASH_FORMULA = "Θ(N²·d²/M)";
}
