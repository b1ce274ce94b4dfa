package workbench.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import workbench.core.tensor.Arrays2D;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.LayerTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Copies a single-sequence forward pass out of ND4J into a {@link ForwardTrace} of plain arrays. */
final class TraceBuilder {

    private TraceBuilder() {
    }

    static ForwardTrace build(TransformerPass pass, int[] tokens, IntFunction<String> tokenText,
                              TransformerConfig config) {
        int t = tokens.length;
        int d = config.dModel();
        int hs = config.headSize();
        List<String> labels = new ArrayList<>(t);
        for (int id : tokens) {
            labels.add(tokenText.apply(id));
        }
        float[][] positional = pass.positional == null ? new float[t][d] : Arrays2D.toFloat2D(pass.positional);
        List<LayerTrace> layers = new ArrayList<>();
        for (int l = 0; l < pass.blocks.size(); l++) {
            TransformerPass.Block b = pass.blocks.get(l);
            AttentionLayer.Acts a = b.attention;
            float[][][] headOutputs = new float[config.heads()][][];
            for (int h = 0; h < config.heads(); h++) {
                headOutputs[h] = Arrays2D.toFloat2D(a.concat.get(NDArrayIndex.all(),
                        NDArrayIndex.interval((long) h * hs, (long) (h + 1) * hs)));
            }
            layers.add(new LayerTrace(l, m(b.input), m(b.norm1), heads(a.qh, t), heads(a.kh, t), heads(a.vh, t),
                    heads(a.scores, t), copy(pass.geometry.allowed), heads(a.weights, t), headOutputs,
                    m(a.output), m(b.mid), m(b.norm2), m(b.ffn.activated()), m(b.ffn.output()), m(b.output)));
        }
        INDArray probabilities = Nd4j.exec(new SoftMax(pass.logits.dup(), 1))[0];   // max-subtracted inside
        return new ForwardTrace(tokens.clone(), labels, m(pass.tokenEmbeddings), positional, layers,
                m(pass.finalNorm), m(pass.logits), m(probabilities));
    }

    private static float[][] m(INDArray x) {
        return Arrays2D.toFloat2D(x);
    }

    /** heads x (1, T, hs) -> (heads, T, hs). */
    private static float[][][] heads(INDArray[] perHead, int t) {
        float[][][] out = new float[perHead.length][][];
        for (int h = 0; h < perHead.length; h++) {
            INDArray x = perHead[h];
            out[h] = Arrays2D.toFloat2D(x.reshape('c', t, x.size(2)));
        }
        return out;
    }

    private static boolean[][] copy(boolean[][] mask) {
        boolean[][] out = new boolean[mask.length][];
        for (int i = 0; i < mask.length; i++) {
            out[i] = mask[i].clone();
        }
        return out;
    }
}
