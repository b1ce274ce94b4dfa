package workbench.ui.attention;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import workbench.core.model.ForwardOptions;
import workbench.core.model.ForwardOptions.HeadRef;
import workbench.core.model.MaskKind;
import workbench.core.model.ModelBundle;
import workbench.core.tokenizer.UnencodableTextException;
import workbench.ui.common.LabContext;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The attention lab's state: the prompt (shared with the other labs), which layer, head, query token
 * and step are chosen, the mask and the interventions, and the latest {@link AttentionAnalysis}.
 * Every change that needs the engine is gathered into one request per pulse and run through
 * {@code submitLatest}, so typing fast only computes the newest prompt. Use on the JavaFX thread.
 */
public final class AttentionViewModel {

    /** The lab's views, in tab order. */
    public enum View {
        HEATMAP("heatmap", "Heatmap"), GRID("grid", "All heads"), LINES("lines", "Lines"),
        STEPS("steps", "Step by step"), INTERVENE("intervene", "Switch off"),
        COMPARE("compare", "Causal vs bidirectional");

        private final String key;
        private final String label;

        View(String key, String label) {
            this.key = key;
            this.label = label;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        public static View parse(String text) {
            for (View view : values()) {
                if (view.key.equalsIgnoreCase(text.trim())) {
                    return view;
                }
            }
            throw new IllegalArgumentException("unknown view '" + text + "'");
        }
    }

    static final String TASK_KEY = "attention-lab";

    private final LabContext context;
    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", "");
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", 0);
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", 0);
    private final IntegerProperty query = new SimpleIntegerProperty(this, "query", -1);
    private final IntegerProperty step = new SimpleIntegerProperty(this, "step", 1);
    private final ObjectProperty<MaskKind> mask = new SimpleObjectProperty<>(this, "mask", MaskKind.CAUSAL);
    private final ObjectProperty<View> view = new SimpleObjectProperty<>(this, "view", View.HEATMAP);
    private final BooleanProperty overlay = new SimpleBooleanProperty(this, "overlay", false);
    private final ObservableSet<HeadRef> disabledHeads = FXCollections.observableSet();
    private final ObservableSet<Integer> maskedKeys = FXCollections.observableSet();
    private final ReadOnlyObjectWrapper<AttentionAnalysis> analysis = new ReadOnlyObjectWrapper<>(this, "analysis");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final javafx.beans.value.ChangeListener<ModelBundle> modelListener = (obs, old, now) -> modelChanged(now);
    private boolean requested;
    private boolean disposed;

    public AttentionViewModel(LabContext context) {
        this.context = context;
        prompt.bindBidirectional(context.models().promptProperty());
        prompt.addListener((obs, old, now) -> {
            maskedKeys.clear();
            request();
        });
        context.models().modelProperty().addListener(modelListener);
        mask.addListener((obs, old, now) -> request());
        disabledHeads.addListener((SetChangeListener<HeadRef>) change -> request());
        maskedKeys.addListener((SetChangeListener<Integer>) change -> request());
        view.addListener((obs, old, now) -> {
            if (now == View.COMPARE && analysis.get() != null && analysis.get().otherMask().isEmpty()) {
                request();
            }
        });
        step.addListener((obs, old, now) -> {
            if (now.intValue() < 1 || now.intValue() > StepKind.count()) {
                step.set(Math.max(1, Math.min(StepKind.count(), now.intValue())));
            }
        });
        modelChanged(context.models().modelProperty().get());
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public IntegerProperty layerProperty() {
        return layer;
    }

    public IntegerProperty headProperty() {
        return head;
    }

    /** The chosen query token's position; -1 follows the last token. */
    public IntegerProperty queryProperty() {
        return query;
    }

    /** The step of the step-by-step view, from 1 to {@link StepKind#count()}. */
    public IntegerProperty stepProperty() {
        return step;
    }

    public ObjectProperty<MaskKind> maskProperty() {
        return mask;
    }

    public ObjectProperty<View> viewProperty() {
        return view;
    }

    /** True: the lines view overlays every head of the layer; false: only the chosen head. */
    public BooleanProperty overlayProperty() {
        return overlay;
    }

    public ObservableSet<HeadRef> disabledHeads() {
        return disabledHeads;
    }

    public ObservableSet<Integer> maskedKeys() {
        return maskedKeys;
    }

    /** The latest result; stays on the last good prompt while the current one cannot be read. */
    public ReadOnlyObjectProperty<AttentionAnalysis> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    public AttentionAnalysis analysis() {
        return analysis.get();
    }

    /** What happened to the prompt on the way in, e.g. "12 characters were cut from the left". */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** Why the prompt on screen is not the one shown (an unknown character, an empty prompt), or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ModelBundle model() {
        return context.models().modelProperty().get();
    }

    /** The query position the views use: the chosen one, or the last token. */
    public int effectiveQuery() {
        AttentionAnalysis a = analysis.get();
        if (a == null) {
            return 0;
        }
        int q = query.get();
        return q < 0 || q >= a.length() ? a.length() - 1 : q;
    }

    /** The options the engine runs with now. */
    public ForwardOptions options() {
        return ForwardOptions.NONE.withMask(mask.get()).withDisabledHeads(Set.copyOf(disabledHeads))
                .withMaskedKeys(Set.copyOf(maskedKeys));
    }

    /** Flips one head on or off. */
    public void toggleHead(int layerIndex, int headIndex) {
        HeadRef ref = new HeadRef(layerIndex, headIndex);
        if (!disabledHeads.remove(ref)) {
            disabledHeads.add(ref);
        }
    }

    public void toggleMaskedKey(int position) {
        if (!maskedKeys.remove(position)) {
            maskedKeys.add(position);
        }
    }

    /** Selects a head after checking it exists in the loaded model (any head while none is loaded). */
    public void selectHead(int layerIndex, int headIndex) {
        ModelBundle bundle = model();
        if (bundle != null) {
            int layers = bundle.model().config().layers();
            int heads = bundle.model().config().heads();
            if (layerIndex < 0 || layerIndex >= layers) {
                throw new IllegalArgumentException("layer must be between 0 and " + (layers - 1) + ", not " + layerIndex);
            }
            if (headIndex < 0 || headIndex >= heads) {
                throw new IllegalArgumentException("head must be between 0 and " + (heads - 1) + ", not " + headIndex);
            }
        }
        layer.set(layerIndex);
        head.set(headIndex);
    }

    /** Puts everything but the shared prompt back to its default. */
    public void reset() {
        layer.set(0);
        head.set(0);
        query.set(-1);
        step.set(1);
        mask.set(MaskKind.CAUSAL);
        overlay.set(false);
        disabledHeads.clear();
        maskedKeys.clear();
        view.set(View.HEATMAP);
    }

    public void dispose() {
        disposed = true;
        prompt.unbindBidirectional(context.models().promptProperty());
        context.models().modelProperty().removeListener(modelListener);
    }

    private void modelChanged(ModelBundle bundle) {
        if (bundle != null) {
            int layers = bundle.model().config().layers();
            int heads = bundle.model().config().heads();
            if (layer.get() >= layers) {
                layer.set(layers - 1);
            }
            if (head.get() >= heads) {
                head.set(heads - 1);
            }
            disabledHeads.removeIf(ref -> ref.layer() >= layers || ref.head() >= heads);
            mask.set(bundle.model().config().mask());
        }
        analysis.set(null);
        request();
    }

    /** Asks for a recomputation; several changes in one pulse give one. */
    void request() {
        if (requested || disposed) {
            return;
        }
        requested = true;
        Platform.runLater(this::computeNow);
    }

    private void computeNow() {
        requested = false;
        ModelBundle bundle = model();
        if (bundle == null || disposed) {
            return;
        }
        String text = prompt.get() == null ? "" : prompt.get();
        if (text.isEmpty()) {
            problem.set("Type a prompt: at least one character.");
            return;
        }
        ModelBundle.Prompt encoded;
        try {
            encoded = bundle.encode(text);
        } catch (UnencodableTextException unknown) {
            problem.set(unknown.getMessage() + ". The model knows only the characters of its training text;"
                    + " the view still shows the last prompt it could read.");
            return;
        }
        problem.set("");
        note.set(encoded.droppedFromLeft() == 0 ? "" : String.format(Locale.ROOT,
                "The prompt is longer than the model's context of %d tokens: the first %d %s cut, the model reads the last %d.",
                bundle.model().config().contextLength(), encoded.droppedFromLeft(),
                encoded.droppedFromLeft() == 1 ? "token was" : "tokens were", encoded.ids().length));
        ForwardOptions options = options();
        boolean otherMask = view.get() == View.COMPARE;
        AttentionAnalysis last = analysis.get();
        List<float[][]> projections = last != null && last.bundle() == bundle ? last.outputProjections() : null;
        busy.set(true);
        context.tasks().submitLatest(TASK_KEY, "Attention for the prompt",
                progress -> AttentionAnalysis.compute(bundle, encoded, options, otherMask, projections, progress),
                result -> {
                    busy.set(false);
                    if (!disposed && result.bundle() == model()) {
                        analysis.set(result);
                    }
                },
                error -> {
                    busy.set(false);
                    problem.set("The model could not read this prompt: " + error.getMessage());
                });
    }

    /** "1.2, 0.3" for the settings and the banner; "none" when every head is on. */
    static String describeHeads(Set<HeadRef> heads) {
        if (heads.isEmpty()) {
            return "none";
        }
        TreeSet<String> names = new TreeSet<>();
        heads.forEach(ref -> names.add("L" + ref.layer() + " H" + ref.head()));
        return String.join(", ", names);
    }
}
