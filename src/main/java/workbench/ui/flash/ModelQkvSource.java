package workbench.ui.flash;

import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.ModelBundle;
import workbench.core.model.TransformerConfig;
import workbench.core.tokenizer.UnencodableTextException;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.LayerTrace;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One attention head of the trained model on a prompt: the Q of query head {@code head} and the K
 * and V of the K/V head it reads, exactly as the model's forward pass computed them, with the
 * head's own output as the reference the tiled output must equal.
 *
 * @param bundle the model
 * @param prompt the text (the prompt the labs share)
 * @param layer  0 .. layers - 1
 * @param head   query head, 0 .. heads - 1
 */
public record ModelQkvSource(ModelBundle bundle, String prompt, int layer, int head) implements QkvSource {

    public ModelQkvSource {
        TransformerConfig c = bundle.model().config();
        if (layer < 0 || layer >= c.layers() || head < 0 || head >= c.heads()) {
            throw new IllegalArgumentException("the model has layers 0.." + (c.layers() - 1) + " and heads 0.."
                    + (c.heads() - 1) + ", not layer " + layer + " head " + head);
        }
    }

    @Override
    public boolean resizable() {
        return false;
    }

    @Override
    public Optional<Boolean> causal() {
        return Optional.of(bundle.model().config().mask() == MaskKind.CAUSAL);
    }

    @Override
    public QkvInput load(int n, int d) {
        if (prompt == null || prompt.isEmpty()) {
            throw new IllegalArgumentException("The prompt is empty: type some text for the model to read.");
        }
        ModelBundle.Prompt encoded;
        try {
            encoded = bundle.encode(prompt);
        } catch (UnencodableTextException unknown) {
            throw new IllegalArgumentException(unknown.getMessage(), unknown);
        }
        ForwardTrace trace = bundle.trace(encoded.ids(), ForwardOptions.NONE);
        LayerTrace l = trace.layers().get(layer);
        int kv = head / bundle.model().config().groupSize();
        float[][] q = l.queries()[head]; // (T, hs)
        float[][] k = l.keys()[kv];      // (T, hs)
        float[][] v = l.values()[kv];    // (T, hs)
        List<String> labels = trace.tokens().stream().map(ModelQkvSource::visible).toList();
        String cut = encoded.droppedFromLeft() == 0 ? ""
                : String.format(Locale.ROOT, " (the first %d tokens were cut to fit the context)", encoded.droppedFromLeft());
        String description = String.format(Locale.ROOT, "Layer %d, head %d of %s on the prompt: %d tokens%s, "
                        + "head size %d. Q, K and V as the model computed them.", layer, head, bundle.name(),
                trace.length(), cut, q[0].length);
        return new QkvInput(q, k, v, labels, description, l.headOutputs()[head],
                String.format(Locale.ROOT, "the model's own output of layer %d, head %d", layer, head));
    }

    /** Token text with its whitespace made visible, for axis labels. */
    static String visible(String token) {
        return token.replace(' ', '␣').replace("\n", "⏎").replace("\t", "⇥");
    }
}
