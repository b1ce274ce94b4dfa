package workbench.ui.gqa;

import workbench.core.attention.KvCacheCalculator.Shape;
import workbench.core.catalog.PublishedModel;

/**
 * An entry of the calculator's model list.
 *
 * @param name      shown in the list
 * @param shape     layers, heads, KV heads and head size; null for an entry that is not available yet
 * @param context   the model's trained context length, used as the default context
 * @param source    where the figures come from (or why the entry is empty)
 */
public record ModelChoice(String name, Shape shape, int context, String source) {

    /** The slot for the workbench's own model, empty until its trained checkpoint is loaded. */
    public static final String BUNDLED_NAME = "Bundled model";

    public static ModelChoice of(PublishedModel model) {
        return new ModelChoice(model.name(), Shape.of(model), model.context(), model.source());
    }

    public static ModelChoice bundledPlaceholder() {
        return new ModelChoice(BUNDLED_NAME + " (not loaded yet)", null, 0,
                "The workbench's own model; its figures appear here once the trained checkpoint is loaded.");
    }

    public boolean available() {
        return shape != null;
    }

    @Override
    public String toString() {
        return name;
    }
}
