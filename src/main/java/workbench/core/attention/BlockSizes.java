package workbench.core.attention;

/**
 * How many query rows (Br) and key columns (Bc) one FlashAttention block holds.
 *
 * @param queryRows  Br, at least 1
 * @param keyColumns Bc, at least 1
 */
public record BlockSizes(int queryRows, int keyColumns) {

    /** Bytes in one KB, as the fast-memory slider counts them. */
    public static final int BYTES_PER_KB = 1024;

    public BlockSizes {
        if (queryRows < 1 || keyColumns < 1) {
            throw new IllegalArgumentException("block sizes must be at least 1, are Br " + queryRows
                    + " and Bc " + keyColumns);
        }
    }

    /**
     * The paper's rule (Algorithm 1, line 1) for a fast memory of {@code fastMemoryBytes}:
     * M = bytes / 4 floats, Bc = ceil(M / (4d)), Br = min(Bc, d). Four d-wide blocks (K_j, V_j, Q_i, O_i)
     * must fit in M, which is where the 4d comes from.
     *
     * @param fastMemoryBytes size of fast memory (SRAM) in bytes, at least 4
     * @param d               head dimension, at least 1
     */
    public static BlockSizes fromFastMemory(long fastMemoryBytes, int d) {
        if (d < 1) {
            throw new IllegalArgumentException("head dimension must be at least 1, is " + d);
        }
        long floats = fastMemoryBytes / Float.BYTES;
        if (floats < 1) {
            throw new IllegalArgumentException("fast memory must hold at least one float (4 bytes), has "
                    + fastMemoryBytes + " bytes");
        }
        long bc = Math.max(1, Math.min(Integer.MAX_VALUE, (floats + 4L * d - 1) / (4L * d)));
        return new BlockSizes((int) Math.min(bc, d), (int) bc);
    }

    /** {@link #fromFastMemory} for a size in KB (1 KB = 1024 bytes). */
    public static BlockSizes fromFastMemoryKb(double kilobytes, int d) {
        if (!(kilobytes > 0) || Double.isInfinite(kilobytes)) {
            throw new IllegalArgumentException("fast memory must be a positive number of KB, is " + kilobytes);
        }
        return fromFastMemory((long) Math.floor(kilobytes * BYTES_PER_KB), d);
    }

    /** Number of blocks needed to cover {@code length} items with blocks of {@code size}. */
    public static int blockCount(int length, int size) {
        return (length + size - 1) / size;
    }
}
