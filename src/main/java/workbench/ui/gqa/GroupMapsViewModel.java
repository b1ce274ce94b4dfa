package workbench.ui.gqa;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import workbench.core.attention.KvCacheCalculator;
import workbench.core.gqa.GroupMaps;
import workbench.core.gqa.KvHeadConversion;
import workbench.core.model.MiniTransformer;
import workbench.core.model.ModelBundle;
import workbench.ui.common.LabContext;
import workbench.ui.gqa.KvCacheViewModel.DiagramKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trained model's side of the GQA lab: which layer, which attention kind (MHA, GQA with a
 * number of K/V heads, MQA), the attention maps of every query head for it ({@link GroupMaps},
 * computed in the background), and the fine-tuned conversions made so far, which the maps and the
 * cache race use in place of the merely pooled ones.
 */
final class GroupMapsViewModel {

    static final String TASK_KEY = "gqa-maps";
    static final int DEFAULT_LAYER = 1;

    private final LabContext context;
    private final ReadOnlyObjectWrapper<ModelBundle> bundle = new ReadOnlyObjectWrapper<>(this, "bundle");
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", DEFAULT_LAYER);
    private final ObjectProperty<DiagramKind> kind = new SimpleObjectProperty<>(this, "kind", DiagramKind.GQA);
    private final IntegerProperty groups = new SimpleIntegerProperty(this, "groups", 2);
    private final StringProperty prompt;
    private final ReadOnlyObjectWrapper<GroupMaps> maps = new ReadOnlyObjectWrapper<>(this, "maps");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    /** Fine-tuned conversions by K/V heads, with the steps they were tuned for. FX thread only. */
    private final Map<Integer, Tuned> tuned = new HashMap<>();
    private final javafx.beans.value.ChangeListener<String> promptListener = (o, a, v) -> recompute();

    record Tuned(MiniTransformer model, int steps) {
    }

    GroupMapsViewModel(LabContext context) {
        this.context = context;
        this.prompt = context.models().promptProperty();
        layer.addListener((o, a, v) -> recompute());
        kind.addListener((o, a, v) -> recompute());
        groups.addListener((o, a, v) -> recompute());
        prompt.addListener(promptListener);
    }

    /** Stops following the shared prompt. */
    void dispose() {
        prompt.removeListener(promptListener);
    }

    /** The model to look at (null while it loads); forgets the conversions of the previous one. */
    void setBundle(ModelBundle value) {
        if (value == bundle.get()) {
            return;
        }
        tuned.clear();
        bundle.set(value);
        if (value != null) {
            var c = value.model().config();
            layer.set(Math.min(layer.get(), c.layers() - 1));
            groups.set(defaultGroups(c.kvHeads()));
        }
        recompute();
    }

    /** The middle choice for GQA: the largest proper divisor of the K/V heads (2 of 4), or 1. */
    static int defaultGroups(int kvHeads) {
        List<Integer> valid = KvCacheCalculator.validKvHeads(kvHeads);
        return valid.size() > 2 ? valid.get(valid.size() - 2) : 1;
    }

    /** K/V heads a GQA setting may use: proper divisors of the model's K/V heads other than 1. */
    List<Integer> gqaChoices() {
        ModelBundle b = bundle.get();
        if (b == null) {
            return List.of();
        }
        int kv = b.model().config().kvHeads();
        return KvCacheCalculator.validKvHeads(kv).stream().filter(k -> k != 1 && k != kv).toList();
    }

    /** K/V heads per layer of the kind chosen. */
    int kvHeads() {
        ModelBundle b = bundle.get();
        int all = b == null ? 1 : b.model().config().kvHeads();
        return switch (kind.get()) {
            case MHA -> all;
            case GQA -> all % groups.get() == 0 ? groups.get() : defaultGroups(all);
            case MQA -> 1;
        };
    }

    /** Keeps a fine-tuned conversion; the maps show it from now on. */
    void addTuned(int kvHeads, MiniTransformer model, int steps) {
        tuned.put(kvHeads, new Tuned(model, steps));
        recompute();
    }

    /** The model for {@code kvHeads} K/V heads: the trained one, its fine-tuned conversion, or null (pool it). */
    Tuned tuned(int kvHeads) {
        return tuned.get(kvHeads);
    }

    static String label(int heads, int kvHeads) {
        return kvHeads == heads ? "MHA" : kvHeads == 1 ? "MQA" : "GQA-" + kvHeads;
    }

    private void recompute() {
        ModelBundle b = bundle.get();
        if (b == null) {
            maps.set(null);
            return;
        }
        int l = layer.get();
        int kv = kvHeads();
        String text = prompt.get();
        Tuned fine = tuned.get(kv);
        int heads = b.model().config().heads();
        context.tasks().submitLatest(TASK_KEY, "Attention maps per group", progress -> {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("The prompt is empty: type some text for the model to read.");
            }
            int[] ids = b.encode(text).ids();
            List<GroupMaps.Version> versions = new ArrayList<>();
            versions.add(new GroupMaps.Version("MHA (trained)", b.model()));
            if (kv != b.model().config().kvHeads()) {
                versions.add(new GroupMaps.Version(label(heads, kv) + ", mean-pooled", KvHeadConversion.meanPool(b.model(), kv)));
                if (fine != null) {
                    versions.add(new GroupMaps.Version(String.format(Locale.ROOT, "%s, %d steps fine-tuned",
                            label(heads, kv), fine.steps()), fine.model()));
                }
            }
            return GroupMaps.of(versions, ids, l, b.tokenizer()::tokenText);
        }, value -> {
            problem.set("");
            maps.set(value);
        }, error -> {
            if (error instanceof IllegalArgumentException) {
                problem.set(error.getMessage()); // a prompt the model cannot read: say so, keep the last maps
            } else {
                context.notifier().error("Could not compute the attention maps", error);
            }
        });
    }

    ReadOnlyObjectProperty<ModelBundle> bundleProperty() {
        return bundle.getReadOnlyProperty();
    }

    ModelBundle bundle() {
        return bundle.get();
    }

    IntegerProperty layerProperty() {
        return layer;
    }

    ObjectProperty<DiagramKind> kindProperty() {
        return kind;
    }

    /** K/V heads when the kind is GQA. */
    IntegerProperty groupsProperty() {
        return groups;
    }

    ReadOnlyObjectProperty<GroupMaps> mapsProperty() {
        return maps.getReadOnlyProperty();
    }

    GroupMaps maps() {
        return maps.get();
    }

    ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    void reset() {
        kind.set(DiagramKind.GQA);
        ModelBundle b = bundle.get();
        layer.set(b == null ? DEFAULT_LAYER : Math.min(DEFAULT_LAYER, b.model().config().layers() - 1));
        if (b != null) {
            groups.set(defaultGroups(b.model().config().kvHeads()));
        }
    }
}
