package workbench.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Causal (or bidirectional) multi-head self-attention with nh query heads sharing nkv key/value
 * heads: nkv = nh is MHA, 1 is MQA, in between is GQA. Query head h reads key/value head
 * h / (nh / nkv). All heads go through together in a head-major layout (B, heads, T, hs): the
 * queries of the g = nh / nkv heads that share a key/value head are stacked along time,
 * (B*nkv, g*T, hs), so one batched matmul per step serves every head without copying keys or
 * values g times, and the backward matmuls sum over the group by themselves. ND4J costs tens of
 * microseconds per call, so a few large calls beat a loop over heads.
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

    /** What the forward pass kept, head-major. */
    static final class Acts {
        INDArray input;      // (N, d)
        INDArray q;          // (B, nh, T, hs), after RoPE
        INDArray k;          // (B, nkv, T, hs)
        INDArray v;          // (B, nkv, T, hs)
        INDArray scores;     // (B, nh, T, T) scaled scores before the mask (traces only), else null
        INDArray weights;    // (B, nh, T, T)
        INDArray heads;      // (B, nh, T, hs) head outputs, zero for heads switched off
        INDArray concat;     // (N, nh*hs) head outputs side by side
        INDArray output;     // (N, d)
        boolean[] off;       // heads switched off, or null

        /** (nh, T, hs) queries of sequence {@code seq}, one (T, hs) block per head. */
        INDArray queries(int seq) {
            return q.get(NDArrayIndex.point(seq));
        }

        /** (nkv, T, hs) keys of sequence {@code seq}, one block per key/value head. */
        INDArray keys(int seq) {
            return k.get(NDArrayIndex.point(seq));
        }

        /** (nkv, T, hs) values of sequence {@code seq}. */
        INDArray values(int seq) {
            return v.get(NDArrayIndex.point(seq));
        }

        /** (nh, T, T) pre-mask scores of sequence {@code seq}; only when the pass kept them. */
        INDArray scores(int seq) {
            return scores.get(NDArrayIndex.point(seq));
        }

        /** (nh, T, T) attention weights of sequence {@code seq}. */
        INDArray weights(int seq) {
            return weights.get(NDArrayIndex.point(seq));
        }

        /** (nh, T, hs) head outputs of sequence {@code seq} (zero for heads switched off). */
        INDArray headOutputs(int seq) {
            return heads.get(NDArrayIndex.point(seq));
        }
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
        a.off = anyOff(off) ? off : null;
        INDArray q = Nd4j.gemm(x, w.wq(), false, false);             // (N, nh*hs)
        INDArray k = Nd4j.gemm(x, w.wk(), false, false);             // (N, nkv*hs)
        INDArray v = Nd4j.gemm(x, w.wv(), false, false);             // (N, nkv*hs)
        if (geometry.cosQ != null) {
            q = rope(q, geometry.cosQ, geometry.sinQ, rotateQ);
            k = rope(k, geometry.cosK, geometry.sinK, rotateK);
        }
        a.q = headMajor(q, b, t, nh);                                 // (B, nh, T, hs)
        a.k = headMajor(k, b, t, nkv);                                // (B, nkv, T, hs)
        a.v = headMajor(v, b, t, nkv);                                // (B, nkv, T, hs)
        INDArray q3 = a.q.reshape('c', (long) b * nkv, (long) group * t, hs);   // (B*nkv, g*T, hs)
        INDArray k3 = a.k.reshape('c', (long) b * nkv, t, hs);                  // (B*nkv, T, hs)
        INDArray v3 = a.v.reshape('c', (long) b * nkv, t, hs);                  // (B*nkv, T, hs)
        INDArray s3 = Nd4j.matmul(q3, k3, null, false, true, false).muli(scale); // (B*nkv, g*T, T) q k^T / sqrt(hs)
        INDArray s = s3.reshape('c', (long) b * nh, t, t);                      // (B*nh, T, T), same memory
        if (keepScores) {
            a.scores = s.dup().reshape('c', b, nh, t, t);
        }
        if (geometry.maskBias != null) {
            s.addi(geometry.maskBias);               // masked scores become -1e9: exp underflows to exactly 0
        }
        Nd4j.exec(new SoftMax(s, s, 2));             // libnd4j's softmax subtracts the row max first
        if (geometry.allowedFactor != null) {
            s.muli(geometry.allowedFactor);          // a row with nothing allowed gets all-zero weights
        }
        a.weights = s.reshape('c', b, nh, t, t);
        INDArray o = Nd4j.matmul(s3, v3, null, false, false, false);            // (B*nkv, g*T, hs)
        a.heads = o.reshape('c', b, nh, t, hs);
        if (a.off != null) {
            for (int h = 0; h < nh; h++) {
                if (a.off[h]) {
                    a.heads.get(NDArrayIndex.all(), NDArrayIndex.point(h), NDArrayIndex.all(), NDArrayIndex.all())
                            .assign(0);
                }
            }
        }
        a.concat = tokenMajor(a.heads, n);                            // (N, nh*hs)
        a.output = Nd4j.gemm(a.concat, w.wo(), false, false);        // (N, d)
        return a;
    }

    /** Accumulates the weight gradients and returns dx (N, d). */
    INDArray backward(INDArray dOut, Acts a, Weights w, Weights grad, Geometry geometry) {
        int b = geometry.batch;
        int t = geometry.length;
        long n = geometry.rows;
        long bg = (long) b * nkv;
        Nd4j.gemm(a.concat, dOut, grad.wo(), true, false, 1.0, 1.0);          // dWo += concat^T dOut
        INDArray dConcat = Nd4j.gemm(dOut, w.wo(), false, true);             // (N, nh*hs)
        INDArray dO = headMajor(dConcat, b, t, nh);                          // (B, nh, T, hs)
        if (a.off != null) {
            for (int h = 0; h < nh; h++) {
                if (a.off[h]) {
                    dO.get(NDArrayIndex.all(), NDArrayIndex.point(h), NDArrayIndex.all(), NDArrayIndex.all())
                            .assign(0);                                      // a zeroed head passes no gradient
                }
            }
        }
        INDArray dO3 = dO.reshape('c', bg, (long) group * t, hs);             // (B*nkv, g*T, hs)
        INDArray p = a.weights.reshape('c', bg, (long) group * t, t);         // (B*nkv, g*T, T)
        INDArray q3 = a.q.reshape('c', bg, (long) group * t, hs);
        INDArray k3 = a.k.reshape('c', bg, t, hs);
        INDArray v3 = a.v.reshape('c', bg, t, hs);
        INDArray dP = Nd4j.matmul(dO3, v3, null, false, true, false);        // (B*nkv, g*T, T)
        INDArray dV = Nd4j.matmul(p, dO3, null, true, false, false);         // (B*nkv, T, hs), summed over the group
        // softmax backward: dS = P * (dP - rowsum(dP * P)), and the 1/sqrt(hs) of the scores
        INDArray rowDot = dP.mul(p).sum(true, 2);                           // (B*nkv, g*T, 1)
        INDArray dS = dP.subi(rowDot).muli(p).muli(scale);                  // (B*nkv, g*T, T)
        INDArray dQ = Nd4j.matmul(dS, k3, null, false, false, false);        // (B*nkv, g*T, hs)
        INDArray dK = Nd4j.matmul(dS, q3, null, true, false, false);         // (B*nkv, T, hs), summed over the group
        dQ = tokenMajor(dQ.reshape('c', b, nh, t, hs), n);                  // (N, nh*hs)
        dK = tokenMajor(dK.reshape('c', b, nkv, t, hs), n);                 // (N, nkv*hs)
        dV = tokenMajor(dV.reshape('c', b, nkv, t, hs), n);                 // (N, nkv*hs)
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

    /** (N, heads*hs) token-major rows to a contiguous (B, heads, T, hs) copy. */
    private INDArray headMajor(INDArray x, int b, int t, int count) {
        return x.reshape('c', b, t, count, hs).permute(0, 2, 1, 3).dup('c');
    }

    /** (B, heads, T, hs) head-major to contiguous (N, heads*hs) rows. */
    private static INDArray tokenMajor(INDArray x, long n) {
        return x.permute(0, 2, 1, 3).dup('c').reshape('c', n, x.size(1) * x.size(3));
    }

    private static boolean anyOff(boolean[] off) {
        if (off != null) {
            for (boolean o : off) {
                if (o) {
                    return true;
                }
            }
        }
        return false;
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

    int heads() {
        return nh;
    }

    TransformerConfig config() {
        return config;
    }
}
