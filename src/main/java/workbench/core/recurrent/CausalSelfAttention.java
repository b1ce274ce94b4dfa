package workbench.core.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.Rng;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One causal self-attention layer (a single head of width d) that handles every position of a
 * sequence in one batch of matrix products, the recurrent layers' counterpart in the
 * "sequential vs parallel" timing. It stands in for the transformer's attention until the full
 * engine is wired in; its numbers are tested against {@code NaiveAttention}.
 * <pre>
 *   q = x Wq, k = x Wk, v = x Wv             (T, d) each
 *   scores = q k^T / sqrt(d)                 (T, T); -inf above the diagonal (no peeking ahead)
 *   weights = softmax(scores, rows)          max subtracted first; masked entries become 0
 *   y = (weights v) Wo                       (T, d)
 * </pre>
 */
public final class CausalSelfAttention {

    private final int width;
    private final INDArray wq;
    private final INDArray wk;
    private final INDArray wv;
    private final INDArray wo;
    private final Map<Integer, Buffers> buffers = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Buffers> eldest) {
            return size() > 2;
        }
    };

    /** A layer of width {@code width} with N(0, 1/d) weights from {@code seed}. */
    public CausalSelfAttention(int width, long seed) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive, is " + width);
        }
        this.width = width;
        Rng rng = new Rng(seed);
        wq = weights(rng);
        wk = weights(rng);
        wv = weights(rng);
        wo = weights(rng);
    }

    private INDArray weights(Rng rng) {
        INDArray w = Workspaces.detached(DataType.FLOAT, width, width);
        RecurrentCell.fillGaussian(w, rng, 1 / Math.sqrt(width));
        return w;
    }

    public int width() {
        return width;
    }

    /** Wq, Wk, Wv and Wo: 4 d^2 (no biases). */
    public long parameterCount() {
        return 4L * width * width;
    }

    /** What one forward pass computed: q, k, v (T, d), weights (T, T), attended = weights v and y (T, d). */
    public record Result(float[][] q, float[][] k, float[][] v, float[][] weights, float[][] attended,
                         float[][] output) {
    }

    /** The layer applied to {@code x} (T, d), with its intermediates. */
    public synchronized Result forward(float[][] x) {
        Buffers buf = buffers(x.length);
        buf.x.assign(Arrays2D.fromFloat2D(x));
        run(buf);
        return new Result(Arrays2D.toFloat2D(buf.q), Arrays2D.toFloat2D(buf.k), Arrays2D.toFloat2D(buf.v),
                Arrays2D.toFloat2D(buf.scores), Arrays2D.toFloat2D(buf.attended), Arrays2D.toFloat2D(buf.out));
    }

    /** One forward pass over a fixed input of length {@code steps}, copying nothing out (for timing). */
    public synchronized void forwardOnly(int steps) {
        run(buffers(steps));
    }

    private void run(Buffers buf) {
        try (MemoryWorkspace ignored = Workspaces.scratch()) {
            Nd4j.gemm(buf.x, wq, buf.q, false, false, 1.0, 0.0);
            Nd4j.gemm(buf.x, wk, buf.k, false, false, 1.0, 0.0);
            Nd4j.gemm(buf.x, wv, buf.v, false, false, 1.0, 0.0);
            Nd4j.gemm(buf.q, buf.k, buf.scores, false, true, 1 / Math.sqrt(width), 0.0);   // (T, T)
            buf.scores.addi(buf.mask);                                   // -inf where the key is in the future
            buf.scores.subiColumnVector(buf.scores.max(true, 1));        // max subtracted: exp cannot overflow
            Nd4j.getExecutioner().exec(new Exp(buf.scores, buf.scores)); // exp(-inf) = 0 for masked keys
            buf.scores.diviColumnVector(buf.scores.sum(true, 1));
            Nd4j.gemm(buf.scores, buf.v, buf.attended, false, false, 1.0, 0.0);
            Nd4j.gemm(buf.attended, wo, buf.out, false, false, 1.0, 0.0);
        }
    }

    private Buffers buffers(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("the input is empty");
        }
        return buffers.computeIfAbsent(steps, Buffers::new);
    }

    private final class Buffers {
        final INDArray x;          // (T, d)
        final INDArray q;          // (T, d)
        final INDArray k;          // (T, d)
        final INDArray v;          // (T, d)
        final INDArray scores;     // (T, T) scores, then weights
        final INDArray mask;       // (T, T) 0 on and below the diagonal, -inf above
        final INDArray attended;   // (T, d)
        final INDArray out;        // (T, d)

        Buffers(int steps) {
            x = Workspaces.detached(DataType.FLOAT, steps, width);
            RecurrentCell.fillGaussian(x, new Rng(steps), 1.0);
            q = Workspaces.detached(DataType.FLOAT, steps, width);
            k = Workspaces.detached(DataType.FLOAT, steps, width);
            v = Workspaces.detached(DataType.FLOAT, steps, width);
            scores = Workspaces.detached(DataType.FLOAT, steps, steps);
            attended = Workspaces.detached(DataType.FLOAT, steps, width);
            out = Workspaces.detached(DataType.FLOAT, steps, width);
            float[][] m = new float[steps][steps];
            for (int i = 0; i < steps; i++) {
                for (int j = i + 1; j < steps; j++) {
                    m[i][j] = Float.NEGATIVE_INFINITY;
                }
            }
            INDArray masked = Arrays2D.fromFloat2D(m);
            mask = Workspaces.detached(DataType.FLOAT, steps, steps);
            mask.assign(masked);
        }
    }
}
