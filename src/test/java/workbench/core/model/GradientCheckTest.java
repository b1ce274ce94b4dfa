package workbench.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import workbench.core.tensor.ParameterSet;
import workbench.core.tensor.Rng;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite-difference checks of every parameter gradient of the whole model, in double precision,
 * for each kind of attention (MHA, GQA, MQA), each positional encoding, both masks, and tied and
 * untied output heads. The whole-model check covers every layer's backward pass: a wrong
 * gradient anywhere shows up in the parameters before it.
 */
class GradientCheckTest {

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of("MHA learned tied causal", cfg(2, 2, PositionalKind.LEARNED, MaskKind.CAUSAL, true)),
                Arguments.of("GQA learned untied", cfg(4, 2, PositionalKind.LEARNED, MaskKind.CAUSAL, false)),
                Arguments.of("MQA sinusoidal", cfg(4, 1, PositionalKind.SINUSOIDAL, MaskKind.CAUSAL, true)),
                Arguments.of("MHA RoPE causal", cfg(2, 2, PositionalKind.ROPE, MaskKind.CAUSAL, true)),
                Arguments.of("GQA RoPE bidirectional", cfg(4, 2, PositionalKind.ROPE, MaskKind.BIDIRECTIONAL, false)));
    }

    private static TransformerConfig cfg(int heads, int kv, PositionalKind pos, MaskKind mask, boolean tied) {
        return new TransformerConfig(7, 5, 8, 2, heads, kv, 12, pos, mask, tied, 11);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyParameterGradientMatchesFiniteDifferences(String name, TransformerConfig config) {
        MiniTransformer model = new MiniTransformer(config, DataType.DOUBLE);
        Rng rng = new Rng(5);
        // Larger weights than the default init so that every path carries signal.
        ParameterSet p = model.parameters();
        INDArray flat = p.flat();
        for (long i = 0; i < flat.length(); i++) {
            flat.putScalar(i, flat.getDouble(i) + rng.nextGaussian() * 0.3);
        }
        int[][] inputs = {{1, 4, 2, 6}, {0, 3, 5, 3}};
        int[][] targets = {{4, 2, 6, 0}, {3, 5, 3, 1}};
        float[][] scored = {{1, 1, 0, 1}, {1, 1, 1, 1}};
        p.zeroGrad();
        model.lossAndGradients(inputs, targets, scored);
        INDArray analytic = p.flatGrad().dup();

        double eps = 1e-6;
        int checked = 0;
        for (ParameterSet.Spec spec : p.specs()) {
            INDArray values = p.get(spec.name());
            INDArray grads = analytic.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset(p, spec.name()),
                    offset(p, spec.name()) + spec.size()));
            int samples = (int) Math.min(spec.size(), 6);
            for (int s = 0; s < samples; s++) {
                long i = (long) rng.nextInt((int) spec.size());
                INDArray flatView = values.reshape(spec.size());
                double original = flatView.getDouble(i);
                flatView.putScalar(i, original + eps);
                double plus = model.loss(inputs, targets, scored);
                flatView.putScalar(i, original - eps);
                double minus = model.loss(inputs, targets, scored);
                flatView.putScalar(i, original);
                double numeric = (plus - minus) / (2 * eps);
                double a = grads.getDouble(i);
                double error = Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric));
                assertTrue(error < 1e-5 || Math.abs(a - numeric) < 1e-9,
                        name + " " + spec.name() + "[" + i + "]: analytic " + a + " numeric " + numeric);
                checked++;
            }
        }
        assertTrue(checked > 50, "checked " + checked + " entries");
    }

    private static long offset(ParameterSet p, String name) {
        long offset = 0;
        for (ParameterSet.Spec spec : p.specs()) {
            if (spec.name().equals(name)) {
                return offset;
            }
            offset += spec.size();
        }
        throw new IllegalArgumentException(name);
    }
}
