package workbench.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import workbench.core.embedding.PositionalEncodings;

/**
 * The constant arrays a forward pass over a (B, T) batch needs: the mask as an additive bias, the
 * position one-hots, sinusoidal rows and RoPE tables. Built once per batch shape and cached by
 * {@link MiniTransformer} (outside any workspace).
 */
final class Geometry {

    final int batch;
    final int length;
    final long rows;
    /** (T, T) 0 where allowed, -1e9 where masked; null for a bidirectional mask with nothing hidden. */
    final INDArray maskBias;
    /** (T, T) 1 where allowed, 0 where masked: multiplied in after softmax so masked weights are exactly 0
     *  even in a row where nothing is allowed; null when every row has an allowed key (plain masks). */
    final INDArray allowedFactor;
    /** (1, N) ones: column sums as a matrix product (LayerNorm's dg and db). */
    final INDArray onesRow;
    /** The mask as booleans, for traces. */
    final boolean[][] allowed;
    /** (N, contextLength) one-hot of each row's position, for learned positions; else null. */
    final INDArray positionOneHot;
    /** (N, d) sinusoidal rows, for sinusoidal positions; else null. */
    final INDArray sinusoidal;
    /** RoPE (N, nh*hs) and (N, nkv*hs) cos/sin tables; null unless RoPE is used. */
    final INDArray cosQ;
    final INDArray sinQ;
    final INDArray cosK;
    final INDArray sinK;

    private Geometry(int batch, int length, boolean[][] allowed, boolean needsFactor, INDArray positionOneHot,
                     INDArray sinusoidal, INDArray[] rope, DataType type) {
        this.batch = batch;
        this.length = length;
        this.rows = (long) batch * length;
        this.onesRow = Nd4j.ones(type, 1, rows);
        this.allowed = allowed;
        boolean anyMasked = false;
        float[] bias = new float[length * length];
        float[] factor = new float[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = 0; j < length; j++) {
                bias[i * length + j] = allowed[i][j] ? 0f : -1e9f;
                factor[i * length + j] = allowed[i][j] ? 1f : 0f;
                anyMasked |= !allowed[i][j];
            }
        }
        this.maskBias = anyMasked ? Nd4j.create(bias, new long[]{length, length}, 'c').castTo(type) : null;
        this.allowedFactor = needsFactor ? Nd4j.create(factor, new long[]{length, length}, 'c').castTo(type) : null;
        this.positionOneHot = positionOneHot;
        this.sinusoidal = sinusoidal;
        this.cosQ = rope == null ? null : rope[0];
        this.sinQ = rope == null ? null : rope[1];
        this.cosK = rope == null ? null : rope[2];
        this.sinK = rope == null ? null : rope[3];
    }

    /**
     * @param allowed     (T, T) mask
     * @param offset      position of the first row (0 except when decoding with a cache)
     * @param positionsOn false to drop position information
     */
    static Geometry build(TransformerConfig config, int batch, int length, boolean[][] allowed, int offset,
                          boolean positionsOn, DataType type) {
        boolean needsFactor = false;
        for (boolean[] row : allowed) {
            boolean any = false;
            for (boolean a : row) {
                any |= a;
            }
            needsFactor |= !any;
        }
        long n = (long) batch * length;
        INDArray oneHot = null;
        INDArray sinusoidal = null;
        INDArray[] rope = null;
        if (positionsOn && config.positional() == PositionalKind.LEARNED) {
            float[] flat = new float[(int) (n * config.contextLength())];
            for (int r = 0; r < n; r++) {
                flat[r * config.contextLength() + offset + r % length] = 1f;
            }
            oneHot = Nd4j.create(flat, new long[]{n, config.contextLength()}, 'c').castTo(type);
        } else if (positionsOn && config.positional() == PositionalKind.SINUSOIDAL) {
            float[][] table = PositionalEncodings.sinusoidal(offset + length, config.dModel(),
                    PositionalEncodings.DEFAULT_BASE);
            float[] flat = new float[(int) (n * config.dModel())];
            for (int r = 0; r < n; r++) {
                System.arraycopy(table[offset + r % length], 0, flat, r * config.dModel(), config.dModel());
            }
            sinusoidal = Nd4j.create(flat, new long[]{n, config.dModel()}, 'c').castTo(type);
        } else if (positionsOn && config.positional() == PositionalKind.ROPE) {
            INDArray[] q = ropeTable(config, n, length, offset, config.heads(), type);
            INDArray[] k = ropeTable(config, n, length, offset, config.kvHeads(), type);
            rope = new INDArray[]{q[0], q[1], k[0], k[1]};
        }
        return new Geometry(batch, length, allowed, needsFactor, oneHot, sinusoidal, rope, type);
    }

    /** cos and sin of each column's angle: column c of head c / hs rotates pair (c % hs) / 2. */
    private static INDArray[] ropeTable(TransformerConfig config, long n, int length, int offset, int heads,
                                        DataType type) {
        int hs = config.headSize();
        int cols = heads * hs;
        float[][][] tables = PositionalEncodings.ropeTables(offset + length, hs, PositionalEncodings.DEFAULT_BASE);
        float[] cos = new float[(int) (n * cols)];
        float[] sin = new float[(int) (n * cols)];
        for (int r = 0; r < n; r++) {
            int pos = offset + r % length;
            for (int c = 0; c < cols; c++) {
                int pair = (c % hs) / 2;
                cos[r * cols + c] = tables[0][pos][pair];
                sin[r * cols + c] = tables[1][pos][pair];
            }
        }
        return new INDArray[]{Nd4j.create(cos, new long[]{n, cols}, 'c').castTo(type),
                Nd4j.create(sin, new long[]{n, cols}, 'c').castTo(type)};
    }
}
