package workbench.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

/**
 * One forward pass over a (B, T) batch, keeping what the backward pass and the traces need, and
 * the backward pass that writes every parameter gradient. All arrays live in the caller's
 * workspace; only gradients are written into the (persistent) parameter set.
 */
final class TransformerPass {

    /** One block's activations. */
    static final class Block {
        INDArray input;             // (N, d)
        LayerNorm.Cache ln1;
        INDArray norm1;             // (N, d)
        AttentionLayer.Acts attention;
        INDArray mid;               // (N, d) after the attention residual
        LayerNorm.Cache ln2;
        INDArray norm2;             // (N, d)
        FeedForward.Acts ffn;
        INDArray output;            // (N, d)
    }

    final MiniTransformer model;
    final Geometry geometry;
    final INDArray tokenOneHot;     // (N, V)
    final INDArray tokenEmbeddings; // (N, d) rows of tok_emb
    final INDArray positional;      // (N, d) what was added for position, or null
    final List<Block> blocks = new ArrayList<>();
    LayerNorm.Cache lnFinal;
    INDArray finalNorm;             // (N, d)
    INDArray logits;                // (N, V)

    private TransformerPass(MiniTransformer model, Geometry geometry, INDArray tokenOneHot) {
        this.model = model;
        this.geometry = geometry;
        this.tokenOneHot = tokenOneHot;
        Weights p = model.weights();
        this.tokenEmbeddings = Nd4j.gemm(tokenOneHot, p.tokEmb, false, false);     // (N, d)
        if (geometry.positionOneHot != null) {
            positional = Nd4j.gemm(geometry.positionOneHot, p.posEmb, false, false);
        } else if (geometry.sinusoidal != null) {
            positional = geometry.sinusoidal;
        } else {
            positional = null;
        }
    }

    /**
     * Runs the forward pass.
     *
     * @param tokens     (B, T) token ids
     * @param off        [layer][head] heads switched off, or null
     * @param keepScores keep pre-mask scores (for traces)
     */
    static TransformerPass forward(MiniTransformer model, int[][] tokens, Geometry geometry, boolean[][] off,
                                   boolean keepScores) {
        TransformerPass pass = new TransformerPass(model, geometry, oneHot(model, tokens));
        pass.run(off, keepScores);
        return pass;
    }

    private void run(boolean[][] off, boolean keepScores) {
        Weights p = model.weights();
        INDArray x = positional == null ? tokenEmbeddings.dup() : tokenEmbeddings.add(positional);
        for (int l = 0; l < p.layers.size(); l++) {
            Weights.Layer w = p.layers.get(l);
            Block block = new Block();
            block.input = x;
            LayerNorm.Cache[] cache = new LayerNorm.Cache[1];
            block.norm1 = LayerNorm.forward(x, w.ln1g, w.ln1b, cache);
            block.ln1 = cache[0];
            block.attention = model.attention().forward(block.norm1, w.attention, geometry,
                    off == null ? null : off[l], keepScores);
            block.mid = x.add(block.attention.output);
            block.norm2 = LayerNorm.forward(block.mid, w.ln2g, w.ln2b, cache);
            block.ln2 = cache[0];
            block.ffn = FeedForward.forward(block.norm2, w.w1, w.w2);
            block.output = block.mid.add(block.ffn.output());
            blocks.add(block);
            x = block.output;
        }
        LayerNorm.Cache[] cache = new LayerNorm.Cache[1];
        finalNorm = LayerNorm.forward(x, p.lnfg, p.lnfb, cache);
        lnFinal = cache[0];
        logits = p.tiedOutput
                ? Nd4j.gemm(finalNorm, p.tokEmb, false, true)       // (N, V) = x E^T
                : Nd4j.gemm(finalNorm, p.lmHead, false, false);     // (N, V) = x W
    }

    /**
     * Cross-entropy against {@code targets}, averaged over the positions whose weight is 1, and
     * (if {@code backward}) every parameter gradient accumulated into the parameter set.
     *
     * @param targets (B, T) target ids
     * @param scored  (B, T) 1 for positions that count, 0 for those that do not; null = all count
     */
    double loss(int[][] targets, float[][] scored, boolean backward) {
        long n = geometry.rows;
        INDArray targetOneHot = oneHot(model, targets);                          // (N, V)
        INDArray logp = Nd4j.exec(new LogSoftMax(logits, 1))[0];                 // (N, V), max-subtracted inside
        INDArray weight = scoredColumn(scored, n);                               // (N, 1)
        double count = weight.sumNumber().doubleValue();
        if (count == 0) {
            throw new IllegalArgumentException("no position is scored");
        }
        double loss = -targetOneHot.mul(logp).mulColumnVector(weight).sumNumber().doubleValue() / count;
        if (backward) {
            INDArray dLogits = Transforms.exp(logp, false).subi(targetOneHot).muliColumnVector(weight).divi(count);
            backward(dLogits);
        }
        return loss;
    }

    /**
     * (B*T, V) one-hot rows of the ids, written straight into a zeroed array (a Java-side float[]
     * and a copy took ten times as long); embedding lookup as a matmul is fast and has a simple gradient.
     */
    static INDArray oneHot(MiniTransformer model, int[][] ids) {
        int t = ids[0].length;
        INDArray out = Nd4j.create(model.dataType(), (long) ids.length * t, model.vocabSize());   // zeros
        for (int i = 0; i < ids.length; i++) {
            for (int j = 0; j < t; j++) {
                out.putScalar(i * t + j, ids[i][j], 1.0);
            }
        }
        return out;
    }

    private INDArray scoredColumn(float[][] scored, long n) {
        if (scored == null) {
            return Nd4j.ones(logits.dataType(), n, 1);
        }
        float[] flat = new float[(int) n];
        int t = geometry.length;
        for (int b = 0; b < scored.length; b++) {
            System.arraycopy(scored[b], 0, flat, b * t, t);
        }
        return Nd4j.create(flat, new long[]{n, 1}, 'c').castTo(logits.dataType());
    }

    /** Backpropagates (N, V) logit gradients through the whole model. */
    void backward(INDArray dLogits) {
        Weights p = model.weights();
        Weights g = model.gradients();
        INDArray dx;
        if (p.tiedOutput) {
            Nd4j.gemm(dLogits, finalNorm, g.tokEmb, true, false, 1.0, 1.0);    // dE += dLogits^T x
            dx = Nd4j.gemm(dLogits, p.tokEmb, false, false);                  // (N, d)
        } else {
            Nd4j.gemm(finalNorm, dLogits, g.lmHead, true, false, 1.0, 1.0);
            dx = Nd4j.gemm(dLogits, p.lmHead, false, true);
        }
        dx = LayerNorm.backward(dx, lnFinal, p.lnfg, g.lnfg, g.lnfb, geometry.onesRow);
        for (int l = blocks.size() - 1; l >= 0; l--) {
            Block block = blocks.get(l);
            Weights.Layer w = p.layers.get(l);
            Weights.Layer gw = g.layers.get(l);
            INDArray dNorm2 = FeedForward.backward(dx, block.ffn, w.w1, w.w2, gw.w1, gw.w2);
            INDArray dMid = dx.add(LayerNorm.backward(dNorm2, block.ln2, w.ln2g, gw.ln2g, gw.ln2b, geometry.onesRow));
            INDArray dNorm1 = model.attention().backward(dMid, block.attention, w.attention, gw.attention, geometry);
            dx = dMid.addi(LayerNorm.backward(dNorm1, block.ln1, w.ln1g, gw.ln1g, gw.ln1b, geometry.onesRow));
        }
        if (geometry.positionOneHot != null) {
            Nd4j.gemm(geometry.positionOneHot, dx, g.posEmb, true, false, 1.0, 1.0);
        }
        Nd4j.gemm(tokenOneHot, dx, g.tokEmb, true, false, 1.0, 1.0);
    }
}
