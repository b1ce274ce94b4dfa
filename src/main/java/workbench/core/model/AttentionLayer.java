package workbench.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Causal (or bidirectional) multi-head self-attention with nh query heads sharing nkv key/value
 * heads: nkv = nh is MHA, 1 is MQA, in between is GQA. Query head h reads key/value head
 * h / (nh / nkv). Heads are processed one at a time, each batched over the B sequences, which keeps
 * every op large and avoids rank-4 permutes (slow in ND4J).
 */
final class AttentionLayer {

    private final TransformerConfig config;
    private final int nh;
    private final int nkv;
    private final int hs;
    private final int group;
    private final double scale;
    /** (nh*hs, nh*hs) and (nkv*hs, nkv*hs) RoPE "rotate half" maps: (x R)[2i] = -x[2i+1], (x R)[2i+1] = x[2i]. */
    private final INDArray rotateQ;
    private final INDArray rotateK;

    AttentionLayer(TransformerConfig config, DataType type) {
        this.config = config;
        this.nh = config.heads();
        this.nkv = config.kvHeads();
        this.hs = config.headSize();
        this.group = config.groupSize();
        this.scale = 1.0 / Math.sqrt(hs);
        boolean rope = config.positional() == PositionalKind.ROPE;
        this.rotateQ = rope ? rotateHalf(nh * hs, type) : null;
        this.rotateK = rope ? rotateHalf(nkv * hs, type) : null;
    }

    /** Weights of one layer (views into the parameter set) and their gradients. */
    record Weights(INDArray wq, INDArray wk, INDArray wv, INDArray wo) {
    }

    /** What the forward pass kept. */
    static final class Acts {
        INDArray input;      // (N, d)
        INDArray[] qh;       // nh x (B, T, hs), after RoPE
        INDArray[] kh;       // nkv x (B, T, hs)
        INDArray[] vh;       // nkv x (B, T, hs)
        INDArray[] scores;   // nh x (B, T, T) scaled scores before the mask (traces only)
        INDArray[] weights;  // nh x (B, T, T)
        INDArray concat;     // (N, nh*hs) head outputs side by side
        INDArray output;     // (N, d)
        boolean[] off;       // heads switched off
    }

    /**
     * @param x          (N, d) normalised input
     * @param geometry   batch shape, mask and position tables
     * @param off        (nh) heads whose output is zeroed, or null
     * @param keepScores keep pre-mask scores for a trace
     */
    Acts forward(INDArray x, Weights w, Geometry geometry, boolean[] off, boolean keepScores) {
        int b = geometry.batch;
        int t = geometry.length;
        long n = geometry.rows;
        Acts a = new Acts();
        a.input = x;
        a.off = off == null ? new boolean[nh] : off;
        INDArray q = Nd4j.gemm(x, w.wq(), false, false);             // (N, nh*hs)
        INDArray k = Nd4j.gemm(x, w.wk(), false, false);             // (N, nkv*hs)
        INDArray v = Nd4j.gemm(x, w.wv(), false, false);             // (N, nkv*hs)
        if (geometry.cosQ != null) {
            q = rope(q, geometry.cosQ, geometry.sinQ, rotateQ);
            k = rope(k, geometry.cosK, geometry.sinK, rotateK);
        }
        a.qh = heads(q, nh, b, t);
        a.kh = heads(k, nkv, b, t);
        a.vh = heads(v, nkv, b, t);
        a.scores = keepScores ? new INDArray[nh] : null;
        a.weights = new INDArray[nh];
        a.concat = Nd4j.create(x.dataType(), n, (long) nh * hs);
        for (int h = 0; h < nh; h++) {
            int g = h / group;
            INDArray s = Nd4j.matmul(a.qh[h], a.kh[g], null, false, true, false).muli(scale);  // (B, T, T) q k^T / sqrt(hs)
            if (keepScores) {
                a.scores[h] = s.dup();
            }
            if (geometry.maskBias != null) {
                s.addi(geometry.maskBias);               // masked scores become -1e9: exp underflows to exactly 0
            }
            Nd4j.exec(new SoftMax(s, s, 2));             // libnd4j's softmax subtracts the row max first
            if (geometry.allowedFactor != null) {
                s.muli(geometry.allowedFactor);          // a row with nothing allowed gets all-zero weights
            }
            a.weights[h] = s;
            if (!a.off[h]) {
                INDArray o = Nd4j.matmul(s, a.vh[g], null, false, false, false);   // (B, T, hs)
                a.concat.get(all(), cols(h)).assign(o.reshape('c', n, hs));
            }
        }
        a.output = Nd4j.gemm(a.concat, w.wo(), false, false);        // (N, d)
        return a;
    }

    /** Accumulates the weight gradients and returns dx (N, d). */
    INDArray backward(INDArray dOut, Acts a, Weights w, Weights grad, Geometry geometry) {
        int b = geometry.batch;
        int t = geometry.length;
        long n = geometry.rows;
        Nd4j.gemm(a.concat, dOut, grad.wo(), true, false, 1.0, 1.0);          // dWo += concat^T dOut
        INDArray dConcat = Nd4j.gemm(dOut, w.wo(), false, true);             // (N, nh*hs)
        INDArray dQ = Nd4j.create(dOut.dataType(), n, (long) nh * hs);
        INDArray dK = Nd4j.create(dOut.dataType(), n, (long) nkv * hs);
        INDArray dV = Nd4j.create(dOut.dataType(), n, (long) nkv * hs);
        for (int h = 0; h < nh; h++) {
            if (a.off[h]) {
                continue;
            }
            int g = h / group;
            INDArray p = a.weights[h];                                        // (B, T, T)
            INDArray dO = dConcat.get(all(), cols(h)).dup('c').reshape('c', b, t, hs);
            INDArray dP = Nd4j.matmul(dO, a.vh[g], null, false, true, false);   // (B, T, T)
            INDArray dVh = Nd4j.matmul(p, dO, null, true, false, false);        // (B, T, hs)
            dV.get(all(), cols(g)).addi(dVh.reshape('c', n, hs));
            // softmax backward: dS = P * (dP - rowsum(dP * P))
            INDArray rowDot = dP.mul(p).sum(true, 2);                          // (B, T, 1)
            INDArray dS = dP.subi(rowDot).muli(p);                             // (B, T, T)
            INDArray dQh = Nd4j.matmul(dS, a.kh[g], null, false, false, false);  // (B, T, hs)
            INDArray dKh = Nd4j.matmul(dS, a.qh[h], null, true, false, false);   // (B, T, hs)
            dQ.get(all(), cols(h)).assign(dQh.reshape('c', n, hs));
            dK.get(all(), cols(g)).addi(dKh.reshape('c', n, hs));
        }
        dQ.muli(scale);
        dK.muli(scale);
        if (geometry.cosQ != null) {
            dQ = ropeBackward(dQ, geometry.cosQ, geometry.sinQ, rotateQ);
            dK = ropeBackward(dK, geometry.cosK, geometry.sinK, rotateK);
        }
        INDArray x = a.input;
        Nd4j.gemm(x, dQ, grad.wq(), true, false, 1.0, 1.0);
        Nd4j.gemm(x, dK, grad.wk(), true, false, 1.0, 1.0);
        Nd4j.gemm(x, dV, grad.wv(), true, false, 1.0, 1.0);
        INDArray dx = Nd4j.gemm(dQ, w.wq(), false, true);                   // (N, d)
        Nd4j.gemm(dK, w.wk(), dx, false, true, 1.0, 1.0);
        Nd4j.gemm(dV, w.wv(), dx, false, true, 1.0, 1.0);
        return dx;
    }

    /** Splits (N, heads*hs) into heads x (B, T, hs) contiguous copies. */
    private INDArray[] heads(INDArray x, int count, int b, int t) {
        INDArray[] out = new INDArray[count];
        for (int h = 0; h < count; h++) {
            out[h] = x.get(all(), cols(h)).dup('c').reshape('c', b, t, hs);
        }
        return out;
    }

    /** Rotates queries (N, nh*hs) by the positions of {@code geometry}. */
    INDArray ropeQ(INDArray q, Geometry geometry) {
        return rope(q, geometry.cosQ, geometry.sinQ, rotateQ);
    }

    /** Rotates keys (N, nkv*hs) by the positions of {@code geometry}. */
    INDArray ropeK(INDArray k, Geometry geometry) {
        return rope(k, geometry.cosK, geometry.sinK, rotateK);
    }

    /** y = x * cos + (x R) * sin, which rotates every pair (x[2i], x[2i+1]) by its angle. */
    static INDArray rope(INDArray x, INDArray cos, INDArray sin, INDArray rotate) {
        INDArray rotated = Nd4j.gemm(x, rotate, false, false);
        return rotated.muli(sin).addi(x.mul(cos));
    }

    /** dx = dy * cos + (dy * sin) R^T. */
    static INDArray ropeBackward(INDArray dy, INDArray cos, INDArray sin, INDArray rotate) {
        INDArray dx = Nd4j.gemm(dy.mul(sin), rotate, false, true);
        return dx.addi(dy.mul(cos));
    }

    private static INDArray rotateHalf(int size, DataType type) {
        INDArray r = Nd4j.create(type, size, size);
        for (int i = 0; i < size / 2; i++) {
            r.putScalar(2 * i + 1, 2 * i, -1);
            r.putScalar(2 * i, 2 * i + 1, 1);
        }
        return r;
    }

    private INDArrayIndex cols(int head) {
        return NDArrayIndex.interval((long) head * hs, (long) (head + 1) * hs);
    }

    private static INDArrayIndex all() {
        return NDArrayIndex.all();
    }

    int heads() {
        return nh;
    }

    TransformerConfig config() {
        return config;
    }
}
