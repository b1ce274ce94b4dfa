package workbench.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import workbench.core.tensor.ParameterSet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Typed access to the model's tensors (or to their gradients) by role instead of by name. */
final class Weights {

    static final class Layer {
        INDArray ln1g;
        INDArray ln1b;
        AttentionLayer.Weights attention;
        INDArray ln2g;
        INDArray ln2b;
        INDArray w1;
        INDArray w2;
    }

    final boolean tiedOutput;
    final INDArray tokEmb;
    final INDArray posEmb;
    final List<Layer> layers = new ArrayList<>();
    final INDArray lnfg;
    final INDArray lnfb;
    final INDArray lmHead;

    private Weights(TransformerConfig config, Function<String, INDArray> lookup) {
        tiedOutput = config.tiedOutput();
        tokEmb = lookup.apply("tok_emb");
        posEmb = config.positional() == PositionalKind.LEARNED ? lookup.apply("pos_emb") : null;
        for (int l = 0; l < config.layers(); l++) {
            String prefix = "h" + l + ".";
            Layer layer = new Layer();
            layer.ln1g = lookup.apply(prefix + "ln1.g");
            layer.ln1b = lookup.apply(prefix + "ln1.b");
            layer.attention = new AttentionLayer.Weights(lookup.apply(prefix + "attn.wq"),
                    lookup.apply(prefix + "attn.wk"), lookup.apply(prefix + "attn.wv"),
                    lookup.apply(prefix + "attn.wo"));
            layer.ln2g = lookup.apply(prefix + "ln2.g");
            layer.ln2b = lookup.apply(prefix + "ln2.b");
            layer.w1 = lookup.apply(prefix + "ffn.w1");
            layer.w2 = lookup.apply(prefix + "ffn.w2");
            layers.add(layer);
        }
        lnfg = lookup.apply("ln_f.g");
        lnfb = lookup.apply("ln_f.b");
        lmHead = config.tiedOutput() ? null : lookup.apply("lm_head");
    }

    static Weights values(TransformerConfig config, ParameterSet parameters) {
        return new Weights(config, parameters::get);
    }

    static Weights gradients(TransformerConfig config, ParameterSet parameters) {
        return new Weights(config, parameters::grad);
    }

    /** The parameter layout of a model with this configuration. */
    static List<ParameterSet.Spec> specs(TransformerConfig c) {
        long d = c.dModel();
        long q = (long) c.heads() * c.headSize();
        long kv = (long) c.kvHeads() * c.headSize();
        List<ParameterSet.Spec> specs = new ArrayList<>();
        specs.add(new ParameterSet.Spec("tok_emb", new long[]{c.vocabSize(), d}, true));
        if (c.positional() == PositionalKind.LEARNED) {
            specs.add(new ParameterSet.Spec("pos_emb", new long[]{c.contextLength(), d}, true));
        }
        for (int l = 0; l < c.layers(); l++) {
            String p = "h" + l + ".";
            specs.add(new ParameterSet.Spec(p + "ln1.g", new long[]{d}, false));
            specs.add(new ParameterSet.Spec(p + "ln1.b", new long[]{d}, false));
            specs.add(new ParameterSet.Spec(p + "attn.wq", new long[]{d, q}, true));
            specs.add(new ParameterSet.Spec(p + "attn.wk", new long[]{d, kv}, true));
            specs.add(new ParameterSet.Spec(p + "attn.wv", new long[]{d, kv}, true));
            specs.add(new ParameterSet.Spec(p + "attn.wo", new long[]{q, d}, true));
            specs.add(new ParameterSet.Spec(p + "ln2.g", new long[]{d}, false));
            specs.add(new ParameterSet.Spec(p + "ln2.b", new long[]{d}, false));
            specs.add(new ParameterSet.Spec(p + "ffn.w1", new long[]{d, c.ffnWidth()}, true));
            specs.add(new ParameterSet.Spec(p + "ffn.w2", new long[]{c.ffnWidth(), d}, true));
        }
        specs.add(new ParameterSet.Spec("ln_f.g", new long[]{d}, false));
        specs.add(new ParameterSet.Spec("ln_f.b", new long[]{d}, false));
        if (!c.tiedOutput()) {
            specs.add(new ParameterSet.Spec("lm_head", new long[]{d, c.vocabSize()}, true));
        }
        return specs;
    }
}
