package workbench.core.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import workbench.core.tensor.Shapes;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Tiled attention with an online softmax on ND4J, the fast path: it never holds more than one
 * (Br, Bc) block of scores, so its extra memory grows linearly in N (and not with N²). All block
 * buffers are allocated once, in the constructor, and reused for every block and every call.
 * <p>
 * The loop runs query blocks outside and key blocks inside (the order of FlashAttention-2), so
 * each query block's output and row sums stay in one buffer until it is done; {@link TiledAttention}
 * follows the paper's Algorithm 1 order instead, for the lab's trace. Two ideas keep the number of
 * ND4J calls (10-60 µs each) and passes over the scores small:
 * <ul>
 *   <li>Each value block is copied next to a column of ones, [V_j | 1] (Bc, dv + 1), so one gemm
 *       P [V_j | 1] adds both the partial output and the row sums l: [O | l] (Br, dv + 1).</li>
 *   <li>A fast pass without a running max: scores are already scaled by 1/sqrt(d), so exp(S) is
 *       taken as it is, one exp per block and nothing to rescale. If a row's sum leaves
 *       [2^-60, 2^60] (it overflowed, or every weight underflowed), that query block is computed
 *       again with the classic running-max online softmax; {@link #fallbackBlocks()} counts them.</li>
 * </ul>
 * Like FlashAttention it keeps one statistic per row for a backward pass, the log-sum-exp.
 */
public final class Nd4jTiledAttention implements AutoCloseable {

    /** Row sums the fast pass accepts: inside [2^-60, 2^60] no weight overflowed and none that matters underflowed. */
    private static final float MIN_SUM = 0x1p-60f;
    private static final float MAX_SUM = 0x1p60f;

    private final int queries;
    private final int keys;
    private final int dv;
    private final int br;
    private final int bc;
    private final boolean causal;
    private final INDArray scoreBuffer;  // (Br * Bc) flat, viewed as (r, c) per block
    private final INDArray valueBuffer;  // (Bc, dv + 1): [V_j | 1]
    private final INDArray accBuffer;    // (Br * (dv + 1)) flat: [O | l], unnormalised output and row sums
    private final INDArray statBuffer;   // (3 * Br) flat: row maxima of the running-max fallback
    private final INDArray logSumExp;    // (N, 1) log l (+ m on the fallback) per row, kept for a backward pass
    private final FloatBuffer scoreFloats; // the score buffer's memory, to write a causal block's mask
    private final FloatBuffer accFloats;   // the accumulator's memory, to check the row sums
    private final float[] minusInfinity;   // Bc of -inf, the masked part of a row
    private final BlockViews full;
    private final BlockViews last;
    private int fallbackBlocks;

    /** Contiguous views of the buffers for a query block of r rows; built once per row count. */
    private final class BlockViews {
        final int rows;
        final INDArray acc;        // (r, dv + 1) [O | l]
        final INDArray out;        // (r, dv) O, a view of acc
        final INDArray sums;       // (r, 1) l, a view of acc
        final INDArray[] maxes;    // two (r, 1) buffers that take turns holding m and max(m, m̃)
        final INDArray[] maxes1;   // (r) the same memory, as reduction targets
        final INDArray blockMax;   // (r, 1) m̃
        final INDArray blockMax1;  // (r) the same memory, as a reduction target
        final INDArray scoresFull; // (r, Bc)
        final INDArray scoresLast; // (r, last Bc)

        BlockViews(int r, int lastCols) {
            rows = r;
            acc = slice(accBuffer, 0, (long) r * (dv + 1)).reshape('c', r, dv + 1);
            out = acc.get(NDArrayIndex.all(), NDArrayIndex.interval(0, dv));
            sums = acc.get(NDArrayIndex.all(), NDArrayIndex.interval(dv, dv + 1));
            maxes1 = new INDArray[]{slice(statBuffer, 0, r), slice(statBuffer, br, r)};
            maxes = new INDArray[]{maxes1[0].reshape('c', r, 1), maxes1[1].reshape('c', r, 1)};
            blockMax1 = slice(statBuffer, 2L * br, r);
            blockMax = blockMax1.reshape('c', r, 1);
            scoresFull = slice(scoreBuffer, 0, (long) r * bc).reshape('c', r, bc);
            scoresLast = slice(scoreBuffer, 0, (long) r * lastCols).reshape('c', r, lastCols);
        }
    }

    /** Bidirectional (no mask); see {@link #Nd4jTiledAttention(int, int, int, BlockSizes, boolean)}. */
    public Nd4jTiledAttention(int queries, int keys, int dv, BlockSizes sizes) {
        this(queries, keys, dv, sizes, false);
    }

    /**
     * @param queries N, rows of Q
     * @param keys    Nk, rows of K and V
     * @param dv      width of V
     * @param sizes   block sizes (clipped to N and Nk)
     * @param causal  query i sees keys 0..i only (needs N = Nk); blocks wholly above the diagonal are skipped
     */
    public Nd4jTiledAttention(int queries, int keys, int dv, BlockSizes sizes, boolean causal) {
        Shapes.require(queries > 0 && keys > 0 && dv > 0, "need at least one query, key and value column");
        Shapes.require(!causal || queries == keys, "a causal mask needs as many queries as keys");
        this.queries = queries;
        this.keys = keys;
        this.dv = dv;
        this.causal = causal;
        this.br = Math.min(sizes.queryRows(), queries);
        this.bc = Math.min(sizes.keyColumns(), keys);
        scoreBuffer = Nd4j.createUninitialized(DataType.FLOAT, (long) br * bc);
        valueBuffer = Nd4j.createUninitialized(DataType.FLOAT, bc, dv + 1);
        valueBuffer.get(NDArrayIndex.all(), NDArrayIndex.point(dv)).assign(1);
        accBuffer = Nd4j.createUninitialized(DataType.FLOAT, (long) br * (dv + 1));
        statBuffer = Nd4j.createUninitialized(DataType.FLOAT, 3L * br);
        logSumExp = Nd4j.createUninitialized(DataType.FLOAT, queries, 1);
        scoreFloats = floats(scoreBuffer);
        accFloats = floats(accBuffer);
        minusInfinity = new float[bc];
        Arrays.fill(minusInfinity, Float.NEGATIVE_INFINITY);
        int lastRows = queries - (BlockSizes.blockCount(queries, br) - 1) * br;
        int lastCols = keys - (BlockSizes.blockCount(keys, bc) - 1) * bc;
        full = new BlockViews(br, lastCols);
        last = lastRows == br ? full : new BlockViews(lastRows, lastCols);
    }

    /** Bytes this instance holds beyond Q, K, V and O: its block buffers and the per-row statistic. */
    public long extraBytes() {
        return ((long) br * bc + (long) bc * (dv + 1) + (long) br * (dv + 1) + 3L * br + queries) * Float.BYTES;
    }

    public int blockRows() {
        return br;
    }

    public int blockCols() {
        return bc;
    }

    /** Query blocks of the last call whose row sums left the fast pass's range and were computed again with a running max. */
    public int fallbackBlocks() {
        return fallbackBlocks;
    }

    /** {@link #attend(INDArray, INDArray, INDArray, INDArray, BooleanSupplier)} that cannot be cancelled. */
    public void attend(INDArray q, INDArray k, INDArray v, INDArray out) {
        attend(q, k, v, out, () -> false);
    }

    /**
     * out = softmax(q k^T / sqrt(d) + mask) v, one block at a time.
     *
     * @param q         (N, d) c-order float
     * @param k         (Nk, d)
     * @param v         (Nk, dv)
     * @param out       (N, dv), preallocated, overwritten
     * @param cancelled checked once per query block; when true the call stops with a CancellationException
     */
    public void attend(INDArray q, INDArray k, INDArray v, INDArray out, BooleanSupplier cancelled) {
        Shapes.require(q, "q", queries, -1);
        Shapes.require(k, "k", keys, q.size(1));
        Shapes.require(v, "v", keys, dv);
        Shapes.require(out, "out", queries, dv);
        double scale = 1.0 / Math.sqrt(q.size(1));
        int tr = BlockSizes.blockCount(queries, br);
        int tc = BlockSizes.blockCount(keys, bc);
        INDArray[] kBlocks = new INDArray[tc]; // (c, d) views, no copies
        INDArray[] vBlocks = new INDArray[tc]; // (c, dv)
        for (int j = 0; j < tc; j++) {
            kBlocks[j] = rows(k, j * bc, Math.min((j + 1) * bc, keys));
            vBlocks[j] = rows(v, j * bc, Math.min((j + 1) * bc, keys));
        }
        INDArray valuesFull = valueBuffer.get(NDArrayIndex.all(), NDArrayIndex.interval(0, dv)); // (Bc, dv)
        fallbackBlocks = 0;
        if (tc == 1) {
            valuesFull.assign(v); // the only value block: copied once for all query blocks
        }
        for (int i = 0; i < tr; i++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled");
            }
            int r0 = i * br;
            int r1 = Math.min(r0 + br, queries);
            BlockViews b = r1 - r0 == br ? full : last;
            INDArray qi = rows(q, r0, r1); // (r, d)
            int tcHere = causal ? BlockSizes.blockCount(r1, bc) : tc; // causal: later key blocks are all masked
            for (int j = 0; j < tcHere; j++) {
                INDArray s = scores(b, j, tc); // (r, c)
                Nd4j.gemm(qi, kBlocks[j], s, false, true, scale, 0.0);
                mask(b, r0, j);
                // No max subtracted: the sums are checked below, and out-of-range rows take the fallback.
                Nd4j.exec(new Exp(s, s));
                Nd4j.gemm(s, values(j, tc, vBlocks), b.acc, false, false, 1.0, j == 0 ? 0.0 : 1.0);
            }
            INDArray runMax = null;
            if (!sumsInRange(b.rows)) {
                fallbackBlocks++;
                runMax = runningMax(b, qi, r0, tcHere, tc, kBlocks, vBlocks, scale);
            }
            INDArray lse = rows(logSumExp, r0, r1); // (r, 1)
            Nd4j.exec(new Log(b.sums, lse));
            if (runMax != null) {
                lse.addi(runMax);
            }
            b.out.diviColumnVector(b.sums);
            rows(out, r0, r1).assign(b.out);
        }
    }

    /**
     * The classic online softmax for one query block: running max m, rescaled sums and output.
     *
     * @return (r, 1) the final row maxima m
     */
    private INDArray runningMax(BlockViews b, INDArray qi, int r0, int tcHere, int tc,
                                INDArray[] kBlocks, INDArray[] vBlocks, double scale) {
        INDArray runMax = b.maxes[0]; // (r, 1)
        for (int j = 0; j < tcHere; j++) {
            INDArray s = scores(b, j, tc); // (r, c)
            INDArray newMax = j == 0 ? runMax : b.maxes[j % 2]; // the buffer runMax is not in
            Nd4j.gemm(qi, kBlocks[j], s, false, true, scale, 0.0);
            mask(b, r0, j);
            // Block 0 always has a visible key in every row, so m is finite from then on.
            Nd4j.exec(new Max(s, j == 0 ? b.maxes1[0] : b.blockMax1, 1));
            if (j > 0) {
                Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.Max(runMax, b.blockMax, newMax));
                // runMax becomes e^(m - m'), the factor that rescales the old sums and output.
                runMax.subi(newMax);
                Nd4j.exec(new Exp(runMax, runMax));
                b.acc.muliColumnVector(runMax);
            }
            // exp(S - m'): the row max is subtracted first, so no value exceeds 1.
            s.subiColumnVector(newMax);
            Nd4j.exec(new Exp(s, s));
            // [O | l]' = e^(m - m') [O | l] + P [V_j | 1]: rescaled above, gemm adds.
            Nd4j.gemm(s, values(j, tc, vBlocks), b.acc, false, false, 1.0, j == 0 ? 0.0 : 1.0);
            runMax = newMax; // the buffers swap roles instead of copying
        }
        return runMax;
    }

    /** The (r, c) score view for key block j. */
    private INDArray scores(BlockViews b, int j, int tc) {
        return j == tc - 1 ? b.scoresLast : b.scoresFull;
    }

    /** [V_j | 1] (c, dv + 1), V_j copied in unless it is the only value block (then it already is). */
    private INDArray values(int j, int tc, INDArray[] vBlocks) {
        int c = (int) vBlocks[j].size(0);
        INDArray vb = c == bc ? valueBuffer : valueBuffer.get(NDArrayIndex.interval(0, c), NDArrayIndex.all());
        if (tc > 1) {
            vb.get(NDArrayIndex.all(), NDArrayIndex.interval(0, dv)).assign(vBlocks[j]);
        }
        return vb;
    }

    /** Causal only: scores of keys after the query become -inf, so exp makes their weights 0. */
    private void mask(BlockViews b, int r0, int j) {
        if (!causal) {
            return;
        }
        int c0 = j * bc;
        int c = Math.min(bc, keys - c0);
        for (int a = 0; a < b.rows; a++) {
            int firstHidden = Math.max(0, r0 + a - c0 + 1); // query r0 + a sees keys up to r0 + a
            if (firstHidden < c) {
                scoreFloats.put(a * c + firstHidden, minusInfinity, 0, c - firstHidden);
            }
        }
    }

    /** True when every row sum l of the block lies in [2^-60, 2^60] (false for NaN and infinity too). */
    private boolean sumsInRange(int r) {
        for (int a = 0; a < r; a++) {
            float l = accFloats.get(a * (dv + 1) + dv);
            if (!(l >= MIN_SUM && l <= MAX_SUM)) {
                return false;
            }
        }
        return true;
    }

    /** Frees the buffers now rather than when the garbage collector gets to them. */
    @Override
    public void close() {
        scoreBuffer.close();
        valueBuffer.close();
        accBuffer.close();
        statBuffer.close();
        logSumExp.close();
    }

    private static FloatBuffer floats(INDArray flat) {
        return flat.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static INDArray rows(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    private static INDArray slice(INDArray flat, long from, long length) {
        return flat.get(NDArrayIndex.interval(from, from + length));
    }
}
