package workbench.core.gqa;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import workbench.core.attention.GroupedQueryAttention;
import workbench.core.model.MiniTransformer;
import workbench.core.model.TransformerConfig;
import workbench.core.tensor.Arrays2D;
import workbench.core.tensor.ParameterSet;
import workbench.core.tensor.Workspaces;

/**
 * Turns a trained multi-head model into a grouped-query (or multi-query) one the way the GQA paper
 * does (Ainslie et al. 2023, section 2.1): every weight is kept, and in each layer the key and value
 * projections of the K/V heads in a group are replaced by their mean. Query head h then reads the
 * pooled head h / (heads / kvHeads). The paper follows this with a short "uptraining"
 * ({@link Uptraining}); without it the model is usable but worse.
 */
public final class KvHeadConversion {

    private KvHeadConversion() {
    }

    /** True for the two tensors the conversion pools: {@code h{i}.attn.wk} and {@code h{i}.attn.wv}. */
    public static boolean isPooled(String parameter) {
        return parameter.endsWith(".attn.wk") || parameter.endsWith(".attn.wv");
    }

    /**
     * A new model with {@code kvHeads} K/V heads per layer and otherwise the same configuration;
     * the source is left unchanged.
     *
     * @param kvHeads divides the source's K/V heads (so also its query heads); equal to them gives
     *                an exact copy, 1 gives multi-query attention
     * @throws IllegalArgumentException when kvHeads does not divide the source's K/V heads
     */
    public static MiniTransformer meanPool(MiniTransformer source, int kvHeads) {
        TransformerConfig from = source.config();
        if (kvHeads < 1 || from.kvHeads() % kvHeads != 0) {
            throw new IllegalArgumentException("The model has " + from.kvHeads() + " K/V heads per layer; they can be pooled "
                    + "into a number that divides " + from.kvHeads() + ", not " + kvHeads + ".");
        }
        if (kvHeads == from.kvHeads()) {
            return source.copy();
        }
        // withConfig needs the same parameter layout; fewer K/V heads make wk and wv narrower, so build
        // a fresh model of the new shape and fill every tensor by name.
        MiniTransformer target = new MiniTransformer(from.withKvHeads(kvHeads));
        ParameterSet in = source.parameters();
        ParameterSet out = target.parameters();
        try (MemoryWorkspace ignored = Workspaces.outside()) {
            for (String name : out.names()) {
                INDArray value = in.get(name);
                if (isPooled(name)) {
                    float[][] weights = Arrays2D.toFloat2D(value); // (d, nkv * hs)
                    float[][] pooled = GroupedQueryAttention.meanPoolKvHeads(weights, from.kvHeads(),
                            from.headSize(), kvHeads); // (d, kvHeads * hs)
                    out.get(name).assign(Arrays2D.fromFloat2D(pooled).castTo(out.dataType()));
                } else {
                    out.get(name).assign(value);
                }
            }
        }
        return target;
    }
}
