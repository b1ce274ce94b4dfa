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
import workbench.core.attention.BlockSizes;
import workbench.core.attention.TiledReplay;
import workbench.core.trace.TileStep;
import workbench.ui.common.LabContext;

/**
 * The FlashAttention lab's state: the inputs (source, N, d, fast memory M, mask), the result
 * computed for them, and how far the animation has got. Views bind to these properties; the
 * result is computed through the task runner whenever an input changes.
 */
public final class FlashViewModel {

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
    private boolean ownsSource = true;

    public FlashViewModel(LabContext context) {
        this.context = context;
        source.set(new SyntheticQkvSource(DEFAULT_SEED));
        seed.addListener((obs, old, now) -> {
            if (ownsSource) {
                source.set(new SyntheticQkvSource(now.longValue()));
            }
        });
        n.addListener((obs, old, now) -> recompute());
        d.addListener((obs, old, now) -> recompute());
        kbExponent.addListener((obs, old, now) -> recompute());
        causal.addListener((obs, old, now) -> recompute());
        source.addListener((obs, old, now) -> recompute());
        stepsDone.addListener((obs, old, now) -> updateFrame());
        recompute();
    }

    /** Replaces the synthetic data with another source (for example one head of a real prompt). */
    public void setSource(QkvSource value) {
        ownsSource = value instanceof SyntheticQkvSource;
        source.set(value);
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
        ownsSource = true;
        seed.set(DEFAULT_SEED);
        source.set(new SyntheticQkvSource(DEFAULT_SEED));
        n.set(DEFAULT_N);
        d.set(DEFAULT_D);
        kbExponent.set(DEFAULT_KB_EXPONENT);
        causal.set(true);
    }

    private void recompute() {
        playing.set(false);
        QkvSource from = source.get();
        int length = n.get();
        int width = d.get();
        long bytes = fastMemoryBytes();
        boolean mask = causal.get();
        context.tasks().submitLatest("flash-lab", "Tiling attention",
                progress -> FlashResult.compute(from.load(length, width), bytes, mask),
                this::show,
                error -> context.notifier().error("Could not tile attention", error));
    }

    private void show(FlashResult value) {
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
