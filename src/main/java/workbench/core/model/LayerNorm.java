package workbench.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer normalisation over the feature dimension with a gain and a bias:
 * y = (x - mean) / sqrt(var + eps) * g + b, with the biased (population) variance.
 */
final class LayerNorm {

    static final double EPS = 1e-5;

    private LayerNorm() {
    }

    /** What the backward pass needs: the normalised input and 1/sqrt(var + eps) per row. */
    record Cache(INDArray xhat, INDArray rstd) {
    }

    /**
     * @param x (N, d) input
     * @param g (d) gain
     * @param b (d) bias
     * @return (N, d) output and the cache
     */
    static INDArray forward(INDArray x, INDArray g, INDArray b, Cache[] cacheOut) {
        long d = x.size(1);
        INDArray mean = x.mean(true, 1);                               // (N, 1)
        INDArray xc = x.subColumnVector(mean);                         // (N, d)
        INDArray var = xc.mul(xc).mean(true, 1);                       // (N, 1) population variance
        INDArray rstd = Transforms.pow(var.addi(EPS), -0.5, false);    // (N, 1)
        INDArray xhat = xc.muliColumnVector(rstd);                     // (N, d)
        INDArray y = xhat.mulRowVector(g.reshape(1, d)).addiRowVector(b.reshape(1, d));
        cacheOut[0] = new Cache(xhat, rstd);
        return y;
    }

    /**
     * Accumulates dg and db and returns dx.
     * dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)), with dxhat = dy * g.
     * The column sums of dg and db and the row means are matrix products with a ones row and with
     * g: one BLAS call each instead of a reduction plus an add.
     *
     * @param dy      (N, d) gradient of the output
     * @param onesRow (1, N) ones
     */
    static INDArray backward(INDArray dy, Cache cache, INDArray g, INDArray dg, INDArray db, INDArray onesRow) {
        long n = dy.size(0);
        long d = dy.size(1);
        INDArray xhat = cache.xhat();
        INDArray gCol = g.reshape(d, 1);
        INDArray dyXhat = dy.mul(xhat);                                    // (N, d)
        Nd4j.gemm(onesRow, dyXhat, dg.reshape(1, d), false, false, 1.0, 1.0);   // dg += sum_rows dy * xhat
        Nd4j.gemm(onesRow, dy, db.reshape(1, d), false, false, 1.0, 1.0);       // db += sum_rows dy
        INDArray meanD = Nd4j.gemm(dy, gCol, Nd4j.create(dy.dataType(), n, 1), false, false, 1.0 / d, 0.0);
        INDArray meanDx = Nd4j.gemm(dyXhat, gCol, Nd4j.create(dy.dataType(), n, 1), false, false, 1.0 / d, 0.0);
        // meanD = mean(dxhat), meanDx = mean(dxhat * xhat), both (N, 1)
        return dy.mulRowVector(g.reshape(1, d)).subiColumnVector(meanD)
                .subi(xhat.mulColumnVector(meanDx)).muliColumnVector(cache.rstd());
    }
}
