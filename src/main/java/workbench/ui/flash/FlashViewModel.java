package workbench.ui.flash;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import workbench.core.attention.BlockSizes;
import workbench.core.model.ModelBundle;
import workbench.core.attention.TiledReplay;
import workbench.core.trace.TileStep;
import workbench.ui.common.LabContext;

import java.util.List;

/**
 * The FlashAttention lab's state: the inputs (the trained model's Q, K, V for a layer and head of the
 * shared prompt, or synthetic ones of any N and d; fast memory M; mask), the result computed for
 * them, and how far the animation has got. Views bind to these properties; the result is computed
 * through the task runner whenever an input changes.
 */
public final class FlashViewModel {

    /** Where Q, K and V come from. */
    public enum SourceKind {
        /** One head of the loaded model on the shared prompt (synthetic data until the model has loaded). */
        MODEL,
        /** Seeded N(0, 1) values of any N and d. */
        SYNTHETIC
    }

    public static final int MIN_N = 4;
    public static final int MAX_N = 64;
    public static final int MIN_D = 2;
    public static final int MAX_D = 32;
    /** The fast-memory slider runs over powers of two, 2^-4 = 1/16 KB to 2^4 = 16 KB. */
    public static final int MIN_KB_EXPONENT = -4;
    public static final int MAX_KB_EXPONENT = 4;
    public static final double MIN_SPEED = 0.5;
    public static final double MAX_SPEED = 30;

    static final int DEFAULT_N = 24;
    static final int DEFAULT_D = 4;
    static final int DEFAULT_KB_EXPONENT = -1;
    static final long DEFAULT_SEED = 42;
    static final double DEFAULT_SPEED = 2;
    /** 8 KB: for the model's head size 32 this gives 16 × 16 blocks, a handful of steps for a prompt. */
    static final int MODEL_KB_EXPONENT = 3;
    static final int DEFAULT_LAYER = 1;
    static final int DEFAULT_HEAD = 1;

    private final LabContext context;
    private final IntegerProperty n = new SimpleIntegerProperty(this, "n", DEFAULT_N);
    private final IntegerProperty d = new SimpleIntegerProperty(this, "d", DEFAULT_D);
    private final IntegerProperty kbExponent = new SimpleIntegerProperty(this, "kbExponent", DEFAULT_KB_EXPONENT);
    private final BooleanProperty causal = new SimpleBooleanProperty(this, "causal", true);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", DEFAULT_SEED);
    private final ObjectProperty<QkvSource> source = new SimpleObjectProperty<>(this, "source");
    private final ReadOnlyObjectWrapper<FlashResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final IntegerProperty stepsDone = new SimpleIntegerProperty(this, "stepsDone", 0);
    private final ReadOnlyObjectWrapper<FlashFrame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", DEFAULT_SPEED);
    private final ObjectProperty<SourceKind> sourceKind = new SimpleObjectProperty<>(this, "sourceKind", SourceKind.MODEL);
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", DEFAULT_LAYER);
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", DEFAULT_HEAD);
    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ChangeListener<ModelBundle> modelListener = (obs, old, now) -> modelChanged(old, now);
    private boolean updating;

    public FlashViewModel(LabContext context) {
        this.context = context;
        prompt.bindBidirectional(context.models().promptProperty());
        context.models().modelProperty().addListener(modelListener);
        for (var input : List.of(seed, sourceKind, layer, head, prompt)) {
            input.addListener((obs, old, now) -> updateSource());
        }
        n.addListener((obs, old, now) -> recompute());
        d.addListener((obs, old, now) -> recompute());
        kbExponent.addListener((obs, old, now) -> recompute());
        causal.addListener((obs, old, now) -> recompute());
        stepsDone.addListener((obs, old, now) -> updateFrame());
        ModelBundle loaded = context.models().modelProperty().get();
        if (loaded != null && sourceKind.get() == SourceKind.MODEL) {
            kbExponent.set(MODEL_KB_EXPONENT);
        }
        updateSource();
    }

    /** The loaded model, or null while it loads. */
    public ModelBundle bundle() {
        return context.models().modelProperty().get();
    }

    /** True when Q, K, V are the model's (the model source is chosen and the model has loaded). */
    public boolean usesModel() {
        return source.get() instanceof ModelQkvSource;
    }

    public ObjectProperty<SourceKind> sourceKindProperty() {
        return sourceKind;
    }

    /** The model layer whose Q, K, V are tiled. */
    public IntegerProperty layerProperty() {
        return layer;
    }

    /** The query head whose Q is tiled (with the K and V of the K/V head it reads). */
    public IntegerProperty headProperty() {
        return head;
    }

    /** The prompt, shared with the other labs. */
    public StringProperty promptProperty() {
        return prompt;
    }

    /** Why the model's Q, K, V cannot be shown for the prompt as typed ("" when they can). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    private void modelChanged(ModelBundle old, ModelBundle now) {
        if (now != null && old == null && sourceKind.get() == SourceKind.MODEL) {
            kbExponent.set(MODEL_KB_EXPONENT); // the model's head is 32 wide: larger blocks keep the step count small
        }
        updateSource();
    }

    /** Builds the source the inputs ask for, and recomputes when it changed. */
    private void updateSource() {
        if (updating) {
            return;
        }
        boolean changed;
        updating = true;
        try {
            ModelBundle bundle = bundle();
            QkvSource next;
            if (sourceKind.get() == SourceKind.MODEL && bundle != null) {
                var config = bundle.model().config();
                layer.set(Math.max(0, Math.min(config.layers() - 1, layer.get())));
                head.set(Math.max(0, Math.min(config.heads() - 1, head.get())));
                next = new ModelQkvSource(bundle, prompt.get(), layer.get(), head.get());
                next.causal().ifPresent(causal::set);
            } else {
                next = new SyntheticQkvSource(seed.get());
            }
            changed = !next.equals(source.get());
            if (changed) {
                source.set(next);
            }
        } finally {
            updating = false;
        }
        if (changed) {
            recompute();
        }
    }

    public IntegerProperty nProperty() {
        return n;
    }

    public IntegerProperty dProperty() {
        return d;
    }

    /** Fast memory M = 2^exponent KB. */
    public IntegerProperty kbExponentProperty() {
        return kbExponent;
    }

    public BooleanProperty causalProperty() {
        return causal;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public ObjectProperty<QkvSource> sourceProperty() {
        return source;
    }

    public ReadOnlyObjectProperty<FlashResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public FlashResult result() {
        return result.get();
    }

    /** Steps of the tiled pass shown as done: 0 before the first, steps().size() at the end. */
    public IntegerProperty stepsDoneProperty() {
        return stepsDone;
    }

    /** The result and the replayed state together; null until the first result arrives. */
    public ReadOnlyObjectProperty<FlashFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public FlashFrame frame() {
        return frame.get();
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    /** Animation speed in steps per second. */
    public DoubleProperty speedProperty() {
        return speed;
    }

    public double fastMemoryKb() {
        return Math.pow(2, kbExponent.get());
    }

    public long fastMemoryBytes() {
        return (long) Math.round(fastMemoryKb() * BlockSizes.BYTES_PER_KB);
    }

    public int stepCount() {
        FlashResult r = result.get();
        return r == null ? 0 : r.tiled().steps().size();
    }

    /** The step that ran last (the blocks now in fast memory), or null before the first step. */
    public TileStep currentStep() {
        FlashResult r = result.get();
        int done = stepsDone.get();
        return r == null || done == 0 ? null : r.tiled().steps().get(done - 1);
    }

    /** Moves the animation by {@code delta} steps, clamped to the pass; returns false at either end. */
    public boolean advance(int delta) {
        int target = Math.max(0, Math.min(stepCount(), stepsDone.get() + delta));
        boolean moved = target != stepsDone.get();
        stepsDone.set(target);
        return moved && target > 0 && target < stepCount();
    }

    public void toStart() {
        playing.set(false);
        stepsDone.set(0);
    }

    public void toEnd() {
        playing.set(false);
        stepsDone.set(stepCount());
    }

    public void reset() {
        playing.set(false);
        speed.set(DEFAULT_SPEED);
        updating = true;
        try {
            seed.set(DEFAULT_SEED);
            sourceKind.set(SourceKind.MODEL);
            layer.set(DEFAULT_LAYER);
            head.set(DEFAULT_HEAD);
            n.set(DEFAULT_N);
            d.set(DEFAULT_D);
            causal.set(true);
        } finally {
            updating = false;
        }
        kbExponent.set(bundle() != null ? MODEL_KB_EXPONENT : DEFAULT_KB_EXPONENT);
        updateSource();
        recompute();
    }

    /** Stops listening to the shared model and prompt. */
    public void dispose() {
        playing.set(false);
        context.models().modelProperty().removeListener(modelListener);
        prompt.unbindBidirectional(context.models().promptProperty());
    }

    private void recompute() {
        QkvSource from = source.get();
        if (updating || from == null) {
            return;
        }
        playing.set(false);
        int length = n.get();
        int width = d.get();
        long bytes = fastMemoryBytes();
        boolean mask = from.causal().orElse(causal.get()); // a model's head is compared under the model's own mask
        context.tasks().submitLatest("flash-lab", "Tiling attention",
                progress -> FlashResult.compute(from.load(length, width), bytes, mask),
                this::show,
                error -> {
                    if (error instanceof IllegalArgumentException) {
                        problem.set(error.getMessage()); // a prompt the model cannot read: say so, keep the last result
                    } else {
                        context.notifier().error("Could not tile attention", error);
                    }
                });
    }

    private void show(FlashResult value) {
        problem.set("");
        result.set(value);
        int done = Math.min(stepsDone.get(), value.tiled().steps().size());
        if (done != stepsDone.get()) {
            stepsDone.set(done); // the listener updates the frame
        } else {
            updateFrame();
        }
    }

    private void updateFrame() {
        FlashResult r = result.get();
        if (r == null) {
            return;
        }
        int done = Math.min(stepsDone.get(), r.tiled().steps().size());
        TileStep current = done == 0 ? null : r.tiled().steps().get(done - 1);
        frame.set(new FlashFrame(r, TiledReplay.after(r.tiled(), r.length(), done), current));
    }
}
