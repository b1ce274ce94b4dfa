package workbench.core.recurrent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import workbench.core.tensor.Rng;
import workbench.core.train.SequenceBatch;
import workbench.core.trace.GradientFlowTrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backpropagation through time against central finite differences, for every parameter of a
 * small model of each cell, in float64.
 * <p>
 * Tolerance: with step eps = 1e-5 the central difference is off by about eps^2 |f'''| / 6
 * (~1e-11 here) plus rounding of about 1e-16 |L| / eps (~1e-11). Requiring
 * |analytic - numeric| <= 1e-7 + 1e-5 |numeric| leaves a wide margin for those errors, while any
 * real mistake (a missing term, a wrong gate) moves a gradient by far more than 1e-5 of itself.
 * In float32 the rounding term alone would be ~1e-2 relative, too coarse to tell.
 */
class BpttGradientCheckTest {

    private static final double STEP = 1e-5;
    private static final double ABS_TOL = 1e-7;
    private static final double REL_TOL = 1e-5;
    private static final int V = 6;
    private static final int T = 5;
    private static final int B = 2;

    private static RecurrentModel model(CellKind kind) {
        RecurrentModel model = new RecurrentModel(new RecurrentConfig(kind, V, 3, 4, 11), DataType.DOUBLE);
        // Non-zero biases so that every bias gradient path is exercised away from symmetric points.
        Rng rng = new Rng(5);
        INDArray flat = model.parameters().flat();
        for (int i = 0; i < flat.length(); i++) {
            flat.putScalar(i, flat.getDouble(i) + 0.3 * rng.nextGaussian());
        }
        return model;
    }

    private static SequenceBatch batch() {
        Rng rng = new Rng(3);
        int[][] inputs = new int[B][T];
        int[][] targets = new int[B][T];
        boolean[][] scored = new boolean[B][T];
        int[][] distance = new int[B][T];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                inputs[b][t] = rng.nextInt(V);
                targets[b][t] = rng.nextInt(V);
                scored[b][t] = (t + b) % 2 == 0 || t == T - 1;
                distance[b][t] = scored[b][t] ? 1 : 0;
            }
        }
        return new SequenceBatch(inputs, targets, scored, distance);
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void everyParameterGradientMatchesFiniteDifferences(CellKind kind) {
        RecurrentModel model = model(kind);
        SequenceBatch batch = batch();
        model.lossAndGradients(batch);
        double[] analytic = model.parameters().flatGrad().toDoubleVector();
        INDArray flat = model.parameters().flat();
        int checked = 0;
        for (int i = 0; i < flat.length(); i++) {
            double original = flat.getDouble(i);
            flat.putScalar(i, original + STEP);
            double up = model.loss(batch);
            flat.putScalar(i, original - STEP);
            double down = model.loss(batch);
            flat.putScalar(i, original);
            double numeric = (up - down) / (2 * STEP);
            double error = Math.abs(analytic[i] - numeric);
            assertTrue(error <= ABS_TOL + REL_TOL * Math.abs(numeric),
                    kind + " parameter " + name(model, i) + ": analytic " + analytic[i] + ", numeric " + numeric);
            checked++;
        }
        assertEquals(model.config().parameterCount(), checked);
        double norm = 0;
        for (double g : analytic) {
            norm += g * g;
        }
        assertTrue(norm > 1e-4, "the check must see real gradients, norm^2 = " + norm);
    }

    /** dL/dx_t at each step: with every token distinct, it equals the gradient of that token's embedding row. */
    @ParameterizedTest
    @EnumSource(CellKind.class)
    void inputGradientNormsMatchFiniteDifferences(CellKind kind) {
        RecurrentModel model = model(kind);
        int[] tokens = {4, 1, 5, 0, 2};
        int position = 3;
        int target = 2;
        GradientFlowTrace flow = model.gradientFlow(tokens, position, target);
        INDArray emb = model.parameters().get(RecurrentModel.EMBEDDING);
        for (int t = 0; t < tokens.length; t++) {
            double sumSquares = 0;
            for (int e = 0; e < emb.size(1); e++) {
                double original = emb.getDouble(tokens[t], e);
                emb.putScalar(tokens[t], e, original + STEP);
                double up = model.gradientFlow(tokens, position, target).loss();
                emb.putScalar(tokens[t], e, original - STEP);
                double down = model.gradientFlow(tokens, position, target).loss();
                emb.putScalar(tokens[t], e, original);
                double d = (up - down) / (2 * STEP);
                sumSquares += d * d;
            }
            double numeric = Math.sqrt(sumSquares);
            assertEquals(numeric, flow.inputGradientNorm()[t], ABS_TOL + REL_TOL * numeric, kind + " step " + t);
            if (t > position) {
                assertEquals(0.0, flow.inputGradientNorm()[t], 0.0, "later inputs cannot affect an earlier loss");
                assertEquals(0.0, flow.hiddenGradientNorm()[t], 0.0, "nor later hidden states");
            } else {
                assertTrue(flow.inputGradientNorm()[t] > 0, "step " + t + " feeds the loss at " + position);
                assertTrue(flow.hiddenGradientNorm()[t] > 0, "h_" + t + " feeds the loss at " + position);
            }
        }
    }

    private static String name(RecurrentModel model, int index) {
        long offset = 0;
        for (var spec : model.parameters().specs()) {
            if (index < offset + spec.size()) {
                return spec.name() + "[" + (index - offset) + "]";
            }
            offset += spec.size();
        }
        return "#" + index;
    }
}
