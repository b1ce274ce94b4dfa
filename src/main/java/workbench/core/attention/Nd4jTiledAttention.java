package workbench.core.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import workbench.core.tensor.Shapes;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Tiled attention with an online softmax on ND4J: it never holds more than one (Br, Bc) block of
 * scores. Bidirectional (no mask). All block buffers are allocated once, in the constructor, and
 * reused for every block and every call.
 * <p>
 * The loop runs query blocks outside and key blocks inside (the order of FlashAttention-2), so
 * each query block's running max, sum and output stay in the block buffers until it is done;
 * {@link TiledAttention} follows the paper's Algorithm 1 order instead, for the lab's trace.
 * Like FlashAttention it keeps one statistic per row for a backward pass, the log-sum-exp
 * m + log(l), so its extra memory grows linearly in N (and not with N²).
 */
public final class Nd4jTiledAttention implements AutoCloseable {

    private final int queries;
    private final int keys;
    private final int dv;
    private final int br;
    private final int bc;
    private final INDArray scoreBuffer;  // (Br * Bc) flat, viewed as (r, c) per block
    private final INDArray rowBuffer;    // (Br * (dv + 4)) flat: output accumulator and row statistics
    private final INDArray logSumExp;    // (N, 1) m + log l per row, kept for a backward pass
    private final INDArray ones;         // (Bc, 1) of 1s: a row sum as a matrix-vector product
    private final INDArray onesLast;     // (last Bc, 1)
    private final BlockViews full;
    private final BlockViews last;

    /** Contiguous views of the buffers for a query block of r rows; built once per row count. */
    private final class BlockViews {
        final INDArray acc;        // (r, dv) unnormalised output
        final INDArray[] maxes;    // two (r, 1) buffers that take turns holding m and max(m, m̃)
        final INDArray[] maxes1;   // (r) the same memory, as reduction targets
        final INDArray blockMax;   // (r, 1) m̃
        final INDArray blockMax1;  // (r) the same memory, as a reduction target
        final INDArray runSum;     // (r, 1) running sum l
        final INDArray scoresFull; // (r, Bc)
        final INDArray scoresLast; // (r, last Bc)

        BlockViews(int r, int lastCols) {
            long at = 0;
            acc = slice(rowBuffer, at, (long) r * dv).reshape('c', r, dv);
            at += (long) br * dv;
            maxes1 = new INDArray[]{slice(rowBuffer, at, r), slice(rowBuffer, at + br, r)};
            maxes = new INDArray[]{maxes1[0].reshape('c', r, 1), maxes1[1].reshape('c', r, 1)};
            blockMax1 = slice(rowBuffer, at + 2L * br, r);
            blockMax = blockMax1.reshape('c', r, 1);
            runSum = slice(rowBuffer, at + 3L * br, r).reshape('c', r, 1);
            scoresFull = slice(scoreBuffer, 0, (long) r * bc).reshape('c', r, bc);
            scoresLast = slice(scoreBuffer, 0, (long) r * lastCols).reshape('c', r, lastCols);
        }
    }

    /**
     * @param queries N, rows of Q
     * @param keys    Nk, rows of K and V
     * @param dv      width of V
     * @param sizes   block sizes (clipped to N and Nk)
     */
    public Nd4jTiledAttention(int queries, int keys, int dv, BlockSizes sizes) {
        Shapes.require(queries > 0 && keys > 0 && dv > 0, "need at least one query, key and value column");
        this.queries = queries;
        this.keys = keys;
        this.dv = dv;
        this.br = Math.min(sizes.queryRows(), queries);
        this.bc = Math.min(sizes.keyColumns(), keys);
        scoreBuffer = Nd4j.createUninitialized(DataType.FLOAT, (long) br * bc);
        rowBuffer = Nd4j.createUninitialized(DataType.FLOAT, (long) br * (dv + 4));
        logSumExp = Nd4j.createUninitialized(DataType.FLOAT, queries, 1);
        ones = Nd4j.ones(DataType.FLOAT, bc, 1);
        int lastRows = queries - (BlockSizes.blockCount(queries, br) - 1) * br;
        int lastCols = keys - (BlockSizes.blockCount(keys, bc) - 1) * bc;
        onesLast = ones.get(NDArrayIndex.interval(0, lastCols), NDArrayIndex.all());
        full = new BlockViews(br, lastCols);
        last = lastRows == br ? full : new BlockViews(lastRows, lastCols);
    }

    /** Bytes this instance holds beyond Q, K, V and O: its block buffers and the per-row statistic. */
    public long extraBytes() {
        return ((long) br * bc + (long) br * (dv + 4) + queries + bc) * Float.BYTES;
    }

    public int blockRows() {
        return br;
    }

    public int blockCols() {
        return bc;
    }

    /** {@link #attend(INDArray, INDArray, INDArray, INDArray, BooleanSupplier)} that cannot be cancelled. */
    public void attend(INDArray q, INDArray k, INDArray v, INDArray out) {
        attend(q, k, v, out, () -> false);
    }

    /**
     * out = softmax(q k^T / sqrt(d)) v, one block at a time.
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
        for (int i = 0; i < tr; i++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled");
            }
            int r0 = i * br;
            int r1 = Math.min(r0 + br, queries);
            BlockViews b = r1 - r0 == br ? full : last;
            INDArray qi = rows(q, r0, r1); // (r, d)
            // The first key block sets m, l and O directly; later blocks update them online.
            INDArray s = tc == 1 ? b.scoresLast : b.scoresFull; // (r, c)
            INDArray runMax = b.maxes[0];                         // (r, 1)
            Nd4j.gemm(qi, kBlocks[0], s, false, true, scale, 0.0);
            Nd4j.exec(new Max(s, b.maxes1[0], 1));
            // exp(S - m): the row max is subtracted first, so no value exceeds 1.
            s.subiColumnVector(runMax);
            Nd4j.exec(new Exp(s, s));
            // l = P 1: BLAS sums the rows faster than ND4J's row reduction does.
            Nd4j.gemm(s, tc == 1 ? onesLast : ones, b.runSum, false, false, 1.0, 0.0);
            Nd4j.gemm(s, vBlocks[0], b.acc, false, false, 1.0, 0.0);
            for (int j = 1; j < tc; j++) {
                s = j == tc - 1 ? b.scoresLast : b.scoresFull;
                INDArray newMax = b.maxes[j % 2]; // the buffer runMax is not in
                Nd4j.gemm(qi, kBlocks[j], s, false, true, scale, 0.0);
                Nd4j.exec(new Max(s, b.blockMax1, 1));
                Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.Max(runMax, b.blockMax, newMax));
                // runMax becomes e^(m - m'), the factor that rescales the old sum and output.
                runMax.subi(newMax);
                Nd4j.exec(new Exp(runMax, runMax));
                // exp(S - m'): the new row max is subtracted first, so no value exceeds 1.
                s.subiColumnVector(newMax);
                Nd4j.exec(new Exp(s, s));
                // l' = e^(m - m') l + P 1, and O' = e^(m - m') O + P V: rescale, then let gemm add.
                b.runSum.muli(runMax);
                Nd4j.gemm(s, j == tc - 1 ? onesLast : ones, b.runSum, false, false, 1.0, 1.0);
                b.acc.muliColumnVector(runMax);
                Nd4j.gemm(s, vBlocks[j], b.acc, false, false, 1.0, 1.0);
                runMax = newMax; // the buffers swap roles instead of copying
            }
            b.acc.diviColumnVector(b.runSum);
            rows(out, r0, r1).assign(b.acc);
            INDArray lse = rows(logSumExp, r0, r1);
            Nd4j.exec(new Log(b.runSum, lse));
            lse.addi(runMax);
        }
    }

    /** Frees the buffers now rather than when the garbage collector gets to them. */
    @Override
    public void close() {
        scoreBuffer.close();
        rowBuffer.close();
        logSumExp.close();
        ones.close();
    }

    private static INDArray rows(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    private static INDArray slice(INDArray flat, long from, long length) {
        return flat.get(NDArrayIndex.interval(from, from + length));
    }
}
