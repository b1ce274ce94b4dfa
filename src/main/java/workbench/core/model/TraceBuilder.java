package workbench.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
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
        List<String> labels = new ArrayList<>(t);
        for (int id : tokens) {
            labels.add(tokenText.apply(id));
        }
        float[][] positional = pass.positional == null ? new float[t][d] : Arrays2D.toFloat2D(pass.positional);
        List<LayerTrace> layers = new ArrayList<>();
        for (int l = 0; l < pass.blocks.size(); l++) {
            TransformerPass.Block b = pass.blocks.get(l);
            AttentionLayer.Acts a = b.attention;
            layers.add(new LayerTrace(l, m(b.input), m(b.norm1), heads(a.queries(0)), heads(a.keys(0)),
                    heads(a.values(0)), heads(a.scores(0)), copy(pass.geometry.allowed), heads(a.weights(0)),
                    heads(a.headOutputs(0)),
                    m(a.output), m(b.mid), m(b.norm2), m(b.ffn.activated()), m(b.ffn.output()), m(b.output)));
        }
        INDArray probabilities = Nd4j.exec(new SoftMax(pass.logits.dup(), 1))[0];   // max-subtracted inside
        return new ForwardTrace(tokens.clone(), labels, m(pass.tokenEmbeddings), positional, layers,
                m(pass.finalNorm), m(pass.logits), m(probabilities));
    }

    private static float[][] m(INDArray x) {
        return Arrays2D.toFloat2D(x);
    }

    /** (heads, T, C) -> float[heads][T][C], with one copy out of ND4J for all heads. */
    private static float[][][] heads(INDArray x) {
        int count = (int) x.size(0);
        int t = (int) x.size(1);
        int c = (int) x.size(2);
        float[] flat = (x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT)).dup('c').data().asFloat();
        float[][][] out = new float[count][t][c];
        for (int h = 0; h < count; h++) {
            for (int i = 0; i < t; i++) {
                System.arraycopy(flat, (h * t + i) * c, out[h][i], 0, c);
            }
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
