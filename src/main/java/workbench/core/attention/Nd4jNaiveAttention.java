package workbench.core.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import workbench.core.tensor.Shapes;

/**
 * Standard attention on ND4J, for timing against {@link Nd4jTiledAttention}: it materialises the
 * whole (N, Nk) score matrix, as frameworks without a fused kernel do. Bidirectional (no mask).
 * The score buffer is allocated once, in the constructor, and reused by every call; softmax runs
 * in place on it, so the extra memory is one N×Nk float matrix.
 */
public final class Nd4jNaiveAttention implements AutoCloseable {

    private final int queries;
    private final int keys;
    private final INDArray scores; // (N, Nk)

    /** Allocates the (queries, keys) score matrix; throws OutOfMemoryError if it cannot. */
    public Nd4jNaiveAttention(int queries, int keys) {
        Shapes.require(queries > 0 && keys > 0, "need at least one query and one key");
        this.queries = queries;
        this.keys = keys;
        this.scores = Nd4j.createUninitialized(DataType.FLOAT, queries, keys);
    }

    /** Bytes this instance holds beyond Q, K, V and O: the score matrix. */
    public long extraBytes() {
        return (long) queries * keys * Float.BYTES;
    }

    /**
     * out = softmax(q k^T / sqrt(d)) v.
     *
     * @param q   (N, d) c-order float
     * @param k   (Nk, d)
     * @param v   (Nk, dv)
     * @param out (N, dv), preallocated, overwritten
     */
    public void attend(INDArray q, INDArray k, INDArray v, INDArray out) {
        Shapes.require(q, "q", queries, -1);
        Shapes.require(k, "k", keys, q.size(1));
        Shapes.require(v, "v", keys, -1);
        Shapes.require(out, "out", queries, v.size(1));
        double scale = 1.0 / Math.sqrt(q.size(1));
        Nd4j.gemm(q, k, scores, false, true, scale, 0.0);
        // ND4J's native softmax subtracts each row's max before exp.
        Nd4j.exec(new SoftMax(scores, scores, 1));
        Nd4j.gemm(scores, v, out, false, false, 1.0, 0.0);
    }

    /** Frees the score matrix now rather than when the garbage collector gets to it. */
    @Override
    public void close() {
        scores.close();
    }
}
