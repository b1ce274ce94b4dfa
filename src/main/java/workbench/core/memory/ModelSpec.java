package workbench.core.memory;

import workbench.core.catalog.PublishedModel;
import workbench.core.model.TransformerConfig;

/**
 * What the memory calculator needs to know about a model: its parameter count, and the shape
 * that sizes the KV cache and the activations.
 *
 * @param name       shown on screen
 * @param parameters total parameter count (N)
 * @param layers     transformer blocks (L)
 * @param dModel     residual width (h)
 * @param heads      query heads (a)
 * @param kvHeads    key/value heads (fewer than heads under GQA/MQA)
 * @param headDim    size of one head
 * @param source     where the figures come from
 */
public record ModelSpec(String name, long parameters, int layers, int dModel, int heads, int kvHeads, int headDim,
                        String source) {

    /** Largest count accepted: 100 trillion, far above any published dense model. */
    public static final long MAX_PARAMETERS = 100_000_000_000_000L;
    public static final int MAX_DIMENSION = 1 << 20;

    public ModelSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A model needs a name.");
        }
        if (parameters < 1 || parameters > MAX_PARAMETERS) {
            throw new IllegalArgumentException("The parameter count must be between 1 and "
                    + ParameterCount.format(MAX_PARAMETERS) + ", not " + parameters + ".");
        }
        requireRange("layers", layers);
        requireRange("d_model", dModel);
        requireRange("heads", heads);
        requireRange("kv heads", kvHeads);
        requireRange("head size", headDim);
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("The number of heads (" + heads
                    + ") must be a multiple of the number of KV heads (" + kvHeads + ").");
        }
        source = source == null ? "" : source;
    }

    public static ModelSpec from(PublishedModel model) {
        return new ModelSpec(model.name(), model.parameters(), model.layers(), model.dModel(), model.heads(),
                model.kvHeads(), model.headDim(), model.source());
    }

    /** A model built from a configuration of this workbench, e.g. the bundled checkpoint's. */
    public static ModelSpec from(String name, TransformerConfig config, String source) {
        return new ModelSpec(name, config.parameterCount(), config.layers(), config.dModel(), config.heads(),
                config.kvHeads(), config.headSize(), source);
    }

    /** A typed parameter count with a typed shape; the head size is d_model / heads. */
    public static ModelSpec custom(long parameters, int layers, int dModel, int heads, int kvHeads) {
        requireRange("heads", heads);
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("d_model (" + dModel + ") must be a multiple of heads (" + heads + ").");
        }
        return new ModelSpec("Custom", parameters, layers, dModel, heads, kvHeads, dModel / heads,
                "typed by the user");
    }

    public ModelSpec withParameters(long value) {
        return new ModelSpec(name, value, layers, dModel, heads, kvHeads, headDim, source);
    }

    private static void requireRange(String what, int value) {
        if (value < 1 || value > MAX_DIMENSION) {
            throw new IllegalArgumentException("The number of " + what + " must be between 1 and " + MAX_DIMENSION
                    + ", not " + value + ".");
        }
    }
}
