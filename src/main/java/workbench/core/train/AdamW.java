package workbench.core.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import workbench.core.tensor.ParameterSet;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), applied to a whole
 * {@link ParameterSet} at once through its flat buffers:
 * <pre>
 *   m = b1 m + (1 - b1) g          v = b2 v + (1 - b2) g^2
 *   p = p - lr (m^ / (sqrt(v^) + eps) + wd mask p)     with m^ = m / (1 - b1^t), v^ = v / (1 - b2^t)
 * </pre>
 * Weight decay applies only where the parameter set's decay mask is 1 (matrices, not gains).
 */
public final class AdamW {

    private final ParameterSet parameters;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final INDArray m;
    private final INDArray v;
    private final INDArray scratch;
    private final INDArray scratch2;
    private int step;

    public AdamW(ParameterSet parameters, double beta1, double beta2, double eps, double weightDecay) {
        this.parameters = parameters;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        INDArray flat = parameters.flat();
        this.m = Nd4j.zerosLike(flat);
        this.v = Nd4j.zerosLike(flat);
        this.scratch = Nd4j.zerosLike(flat);
        this.scratch2 = Nd4j.zerosLike(flat);
    }

    /** nanoGPT's defaults: betas (0.9, 0.99), eps 1e-8, weight decay 0.1. */
    public static AdamW defaults(ParameterSet parameters) {
        return new AdamW(parameters, 0.9, 0.99, 1e-8, 0.1);
    }

    public int stepCount() {
        return step;
    }

    /** One update with learning rate {@code lr} from the gradients now in the parameter set. */
    public void step(double lr) {
        step++;
        INDArray g = parameters.flatGrad();
        INDArray p = parameters.flat();
        double c2 = 1 - Math.pow(beta2, step);
        if (weightDecay != 0) {
            p.mul(parameters.decayMask(), scratch2);                 // the decay term uses p before the update
        }
        // libnd4j's fused Adam: m and v in place, scratch = lr sqrt(c2) / c1 * m / (sqrt(v) + eps'), which is
        // lr m^ / (sqrt(v^) + eps) exactly when eps' = eps sqrt(c2). It counts iterations from 0.
        Nd4j.exec(new AdamUpdater(g, v, m, scratch, v, m, lr, beta1, beta2, eps * Math.sqrt(c2), step - 1));
        p.subi(scratch);
        if (weightDecay != 0) {
            Nd4j.getBlasWrapper().axpy(-lr * weightDecay, scratch2, p);   // p -= lr wd mask p_old
        }
    }
}
