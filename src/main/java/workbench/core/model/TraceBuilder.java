package workbench.core.model;

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
            int nh = config.heads();
            int nkv = config.kvHeads();
            layers.add(new LayerTrace(l, m(b.input), m(b.norm1), heads(a::query, nh), heads(a::key, nkv),
                    heads(a::value, nkv), heads(a::scores, nh), copy(pass.geometry.allowed), heads(a::weights, nh),
                    heads(a::headOutput, nh),
                    m(a.output), m(b.mid), m(b.norm2), m(b.ffn.activated()), m(b.ffn.output()), m(b.output)));
        }
        INDArray probabilities = Nd4j.exec(new SoftMax(pass.logits.dup(), 1))[0];   // max-subtracted inside
        return new ForwardTrace(tokens.clone(), labels, m(pass.tokenEmbeddings), positional, layers,
                m(pass.finalNorm), m(pass.logits), m(probabilities));
    }

    private static float[][] m(INDArray x) {
        return Arrays2D.toFloat2D(x);
    }

    /** One sequence's per-head (T, .) arrays -> (heads, T, .). */
    private static float[][][] heads(HeadAccessor perHead, int count) {
        float[][][] out = new float[count][][];
        for (int h = 0; h < count; h++) {
            out[h] = Arrays2D.toFloat2D(perHead.get(0, h));
        }
        return out;
    }

    /** One of the per-head accessors of {@link AttentionLayer.Acts}: (sequence, head) -> (T, .). */
    private interface HeadAccessor {
        INDArray get(int seq, int head);
    }

    private static boolean[][] copy(boolean[][] mask) {
        boolean[][] out = new boolean[mask.length][];
        for (int i = 0; i < mask.length; i++) {
            out[i] = mask[i].clone();
        }
        return out;
    }
}
