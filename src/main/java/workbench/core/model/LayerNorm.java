package workbench.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
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
        INDArray var = xc.mul(xc).sum(true, 1).divi(d);                // (N, 1)
        INDArray rstd = Transforms.pow(var.addi(EPS), -0.5, false);    // (N, 1)
        INDArray xhat = xc.muliColumnVector(rstd);                     // (N, d)
        INDArray y = xhat.mulRowVector(g.reshape(1, d)).addiRowVector(b.reshape(1, d));
        cacheOut[0] = new Cache(xhat, rstd);
        return y;
    }

    /**
     * Accumulates dg and db and returns dx.
     * dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)), with dxhat = dy * g.
     *
     * @param dy (N, d) gradient of the output
     */
    static INDArray backward(INDArray dy, Cache cache, INDArray g, INDArray dg, INDArray db) {
        long d = dy.size(1);
        INDArray xhat = cache.xhat();
        dg.addi(dy.mul(xhat).sum(0).reshape(dg.shape()));
        db.addi(dy.sum(0).reshape(db.shape()));
        INDArray dxhat = dy.mulRowVector(g.reshape(1, d));                 // (N, d)
        INDArray meanD = dxhat.mean(true, 1);                              // (N, 1)
        INDArray meanDx = dxhat.mul(xhat).mean(true, 1);                   // (N, 1)
        return dxhat.subiColumnVector(meanD).subi(xhat.mulColumnVector(meanDx)).muliColumnVector(cache.rstd());
    }
}
