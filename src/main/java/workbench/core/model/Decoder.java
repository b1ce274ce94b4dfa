package workbench.core.model;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import workbench.core.embedding.PositionalEncodings;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.Workspaces;

/**
 * Token-by-token decoding with a {@link KvCache}: each step computes the new token's query, key
 * and value, appends the key and value to the cache, and attends over the cache. Gives the same
 * logits as a full forward pass over the whole sequence (tested).
 */
final class Decoder {

    private static final String WORKSPACE = "mini-transformer-decode";

    private final MiniTransformer model;
    private final TransformerConfig config;

    Decoder(MiniTransformer model) {
        this.model = model;
        this.config = model.config();
    }

    /**
     * Fills an empty cache with {@code tokens} by one batched forward pass.
     *
     * @return (V) logits after the last token
     */
    float[] prefill(KvCache cache, int[] tokens) {
        if (tokens.length > cache.capacity()) {
            throw new IllegalArgumentException(tokens.length + " tokens do not fit a cache of " + cache.capacity());
        }
        try (MemoryWorkspace ignored = Workspaces.open(WORKSPACE)) {
            TransformerPass pass = TransformerPass.forward(model, new int[][]{tokens}, model.causalGeometry(tokens.length),
                    null, false);
            int t = tokens.length;
            for (int l = 0; l < config.layers(); l++) {
                AttentionLayer.Acts a = pass.blocks.get(l).attention;
                cache.keys(l).get(NDArrayIndex.all(), NDArrayIndex.interval(0, t), NDArrayIndex.all())
                        .assign(a.keys(0));                                      // (nkv, T, hs)
                cache.values(l).get(NDArrayIndex.all(), NDArrayIndex.interval(0, t), NDArrayIndex.all())
                        .assign(a.values(0));
            }
            cache.setLength(t);
            return Arrays2D.toFloat1D(pass.logits.getRow(t - 1));
        }
    }

    /**
     * Appends one token at position {@code cache.length()}.
     *
     * @return (V) logits for the token after it
     */
    float[] step(KvCache cache, int token) {
        if (cache.isFull()) {
            throw new IllegalStateException("the cache is full (" + cache.capacity() + " tokens)");
        }
        int pos = cache.length();
        Weights p = model.weights();
        int hs = config.headSize();
        int nh = config.heads();
        double scale = 1.0 / Math.sqrt(hs);
        try (MemoryWorkspace ignored = Workspaces.open(WORKSPACE)) {
            INDArray x = p.tokEmb.getRow(token).reshape(1, config.dModel()).dup();            // (1, d)
            if (config.positional() == PositionalKind.LEARNED) {
                x.addi(p.posEmb.getRow(pos).reshape(1, config.dModel()));
            } else if (config.positional() == PositionalKind.SINUSOIDAL) {
                float[] row = PositionalEncodings.sinusoidal(pos + 1, config.dModel(), PositionalEncodings.DEFAULT_BASE)[pos];
                x.addi(Nd4j.create(row, new long[]{1, config.dModel()}, 'c'));
            }
            Geometry rope = config.positional() == PositionalKind.ROPE
                    ? Geometry.build(config, 1, 1, new boolean[][]{{true}}, pos, true, x.dataType()) : null;
            for (int l = 0; l < config.layers(); l++) {
                Weights.Layer w = p.layers.get(l);
                LayerNorm.Cache[] ln = new LayerNorm.Cache[1];
                INDArray h = LayerNorm.forward(x, w.ln1g, w.ln1b, ln);
                INDArray q = Nd4j.gemm(h, w.attention.wq(), false, false);                  // (1, nh*hs)
                INDArray k = Nd4j.gemm(h, w.attention.wk(), false, false);                  // (1, nkv*hs)
                INDArray v = Nd4j.gemm(h, w.attention.wv(), false, false);
                if (rope != null) {
                    q = model.attention().ropeQ(q, rope);
                    k = model.attention().ropeK(k, rope);
                }
                for (int g = 0; g < config.kvHeads(); g++) {
                    cache.keys(l).get(NDArrayIndex.point(g), NDArrayIndex.point(pos), NDArrayIndex.all())
                            .assign(k.get(NDArrayIndex.point(0), NDArrayIndex.interval((long) g * hs, (long) (g + 1) * hs)));
                    cache.values(l).get(NDArrayIndex.point(g), NDArrayIndex.point(pos), NDArrayIndex.all())
                            .assign(v.get(NDArrayIndex.point(0), NDArrayIndex.interval((long) g * hs, (long) (g + 1) * hs)));
                }
                INDArray concat = Nd4j.create(x.dataType(), 1, (long) nh * hs);
                for (int head = 0; head < nh; head++) {
                    int g = head / config.groupSize();
                    INDArray qh = q.get(NDArrayIndex.all(), NDArrayIndex.interval((long) head * hs, (long) (head + 1) * hs));
                    INDArray keys = cache.keys(l).get(NDArrayIndex.point(g), NDArrayIndex.interval(0, pos + 1), NDArrayIndex.all());
                    INDArray vals = cache.values(l).get(NDArrayIndex.point(g), NDArrayIndex.interval(0, pos + 1), NDArrayIndex.all());
                    INDArray s = Nd4j.gemm(qh.dup(), keys.dup(), false, true).muli(scale);   // (1, pos+1)
                    Nd4j.exec(new SoftMax(s, s, 1));                                          // max-subtracted inside
                    concat.get(NDArrayIndex.all(), NDArrayIndex.interval((long) head * hs, (long) (head + 1) * hs))
                            .assign(Nd4j.gemm(s, vals.dup(), false, false));
                }
                x = x.add(Nd4j.gemm(concat, w.attention.wo(), false, false));
                INDArray h2 = LayerNorm.forward(x, w.ln2g, w.ln2b, ln);
                x = x.add(FeedForward.forward(h2, w.w1, w.w2).output());
            }
            LayerNorm.Cache[] ln = new LayerNorm.Cache[1];
            INDArray out = LayerNorm.forward(x, p.lnfg, p.lnfb, ln);
            INDArray logits = p.tiedOutput ? Nd4j.gemm(out, p.tokEmb, false, true) : Nd4j.gemm(out, p.lmHead, false, false);
            cache.advance();
            return Arrays2D.toFloat1D(logits);
        }
    }
}
