package workbench.ui.gqa;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import workbench.core.attention.KvCacheCalculator;
import workbench.core.attention.KvCacheCalculator.Shape;
import workbench.core.catalog.PublishedModels;

import java.util.List;

/**
 * The KV-cache calculator's state: the chosen model, its shape (editable), context and batch,
 * which attention kind the head diagram shows, and the figures for all of it.
 */
public final class KvCacheViewModel {

    /** What the head-sharing diagram draws. */
    public enum DiagramKind { MHA, GQA, MQA }

    public static final int MAX_LAYERS = 1000;
    public static final int MAX_HEADS = 1024;
    public static final int MAX_HEAD_DIM = 4096;
    public static final int MAX_CONTEXT = 10_000_000;
    public static final int MAX_BATCH = 100_000;
    static final String DEFAULT_MODEL = "Llama-2-70B";

    private final ObservableList<ModelChoice> choices = FXCollections.observableArrayList();
    private final ObjectProperty<ModelChoice> model = new SimpleObjectProperty<>(this, "model");
    private final IntegerProperty layers = new SimpleIntegerProperty(this, "layers", 1);
    private final IntegerProperty heads = new SimpleIntegerProperty(this, "heads", 1);
    private final IntegerProperty kvHeads = new SimpleIntegerProperty(this, "kvHeads", 1);
    private final IntegerProperty headDim = new SimpleIntegerProperty(this, "headDim", 1);
    private final IntegerProperty context = new SimpleIntegerProperty(this, "context", 4096);
    private final IntegerProperty batch = new SimpleIntegerProperty(this, "batch", 1);
    private final ObjectProperty<DiagramKind> diagram = new SimpleObjectProperty<>(this, "diagram", DiagramKind.GQA);
    private final ReadOnlyObjectWrapper<KvCacheSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ReadOnlyObjectWrapper<String> note = new ReadOnlyObjectWrapper<>(this, "note", "");
    private boolean applying;

    public KvCacheViewModel() {
        PublishedModels.all().forEach(m -> choices.add(ModelChoice.of(m)));
        choices.add(ModelChoice.bundledPlaceholder());
        model.addListener((obs, old, now) -> apply(now));
        heads.addListener((obs, old, now) -> {
            if (now.intValue() % kvHeads.get() != 0) {
                kvHeads.set(nearestDivisor(now.intValue(), kvHeads.get()));
            }
        });
        for (IntegerProperty p : List.of(layers, heads, kvHeads, headDim, context, batch)) {
            p.addListener((obs, old, now) -> update());
        }
        reset();
    }

    /** Puts the calculator back to Llama-2-70B at its full context, batch 1. */
    public void reset() {
        diagram.set(DiagramKind.GQA);
        batch.set(1);
        ModelChoice first = choices.stream().filter(c -> c.name().equals(DEFAULT_MODEL)).findFirst().orElse(choices.get(0));
        if (model.get() == first) {
            apply(first);
        } else {
            model.set(first);
        }
    }

    /**
     * Fills the "bundled model" slot, once the workbench's trained model is loaded.
     *
     * @param context the model's context length in tokens
     */
    public void setBundledModel(String name, Shape shape, int context, String source) {
        ModelChoice bundled = new ModelChoice(ModelChoice.BUNDLED_NAME + ": " + name, shape, context, source);
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i).name().startsWith(ModelChoice.BUNDLED_NAME)) {
                choices.set(i, bundled);
                return;
            }
        }
        choices.add(bundled);
    }

    private void apply(ModelChoice choice) {
        if (choice == null) {
            return;
        }
        if (!choice.available()) {
            note.set(choice.source());
            update();
            return;
        }
        applying = true;
        try {
            Shape s = choice.shape();
            layers.set(s.layers());
            headDim.set(s.headDim());
            kvHeads.set(1); // always a divisor, so setting the heads next never clamps
            heads.set(s.queryHeads());
            kvHeads.set(s.kvHeads());
            context.set(choice.context());
        } finally {
            applying = false;
        }
        note.set(choice.source());
        update();
    }

    private void update() {
        if (applying) {
            return;
        }
        if (heads.get() % kvHeads.get() != 0) {
            kvHeads.set(nearestDivisor(heads.get(), kvHeads.get())); // its listener updates again
            return;
        }
        ModelChoice chosen = model.get();
        String name = chosen != null && chosen.available() ? chosen.name() : "Custom";
        Shape shape = new Shape(name, layers.get(), heads.get(), kvHeads.get(), headDim.get());
        if (chosen != null && chosen.available() && !shape.equals(chosen.shape())) {
            note.set("Changed from " + chosen.name() + ": these figures are for the shape as set, not the published model.");
        } else if (chosen != null) {
            note.set(chosen.source());
        }
        summary.set(KvCacheSummary.of(shape, context.get(), batch.get()));
    }

    /** The divisor of {@code n} closest to {@code wanted} (the smaller on a tie). */
    static int nearestDivisor(int n, int wanted) {
        int best = 1;
        for (int k : KvCacheCalculator.validKvHeads(n)) {
            if (Math.abs(k - wanted) < Math.abs(best - wanted)) {
                best = k;
            }
        }
        return best;
    }

    /** KV heads the diagram draws for its kind: all heads (MHA), the set KV heads (GQA) or one (MQA). */
    public int diagramKvHeads() {
        return switch (diagram.get()) {
            case MHA -> heads.get();
            case GQA -> kvHeads.get();
            case MQA -> 1;
        };
    }

    public ObservableList<ModelChoice> choices() {
        return choices;
    }

    public ObjectProperty<ModelChoice> modelProperty() {
        return model;
    }

    public IntegerProperty layersProperty() {
        return layers;
    }

    public IntegerProperty headsProperty() {
        return heads;
    }

    public IntegerProperty kvHeadsProperty() {
        return kvHeads;
    }

    public IntegerProperty headDimProperty() {
        return headDim;
    }

    public IntegerProperty contextProperty() {
        return context;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    public ObjectProperty<DiagramKind> diagramProperty() {
        return diagram;
    }

    public ReadOnlyObjectProperty<KvCacheSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public KvCacheSummary summary() {
        return summary.get();
    }

    /** Where the figures come from, or what changed; shown under the model list. */
    public ReadOnlyObjectProperty<String> noteProperty() {
        return note.getReadOnlyProperty();
    }
}
