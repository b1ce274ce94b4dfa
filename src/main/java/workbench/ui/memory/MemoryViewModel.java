package workbench.ui.memory;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import workbench.core.catalog.PublishedModel;
import workbench.core.catalog.PublishedModels;
import workbench.core.memory.ComputeOptimal;
import workbench.core.memory.Gpu;
import workbench.core.memory.GpuCatalog;
import workbench.core.memory.MemoryCalculator;
import workbench.core.memory.MemoryReport;
import workbench.core.memory.MemoryRequest;
import workbench.core.memory.ModelSpec;
import workbench.core.memory.ParameterCount;
import workbench.core.memory.Precision;
import workbench.core.memory.WeightBits;
import workbench.core.model.TransformerConfig;

import java.util.List;

/**
 * The memory lab's state: typed inputs as text, and what core computed from them. Bad input sets
 * a message and keeps the last good result, so the screen never shows a half-computed figure.
 * Everything here is microseconds of arithmetic, so it runs on the caller's (FX) thread.
 */
public final class MemoryViewModel {

    /**
     * An entry of the model picker; {@code spec} is null for the typed "Custom" entry, and
     * {@code loaded} marks the entry of the model the workbench has loaded.
     */
    public record ModelChoice(String label, ModelSpec spec, int context, boolean loaded) {
        public boolean isCustom() {
            return spec == null;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static final ModelChoice CUSTOM = new ModelChoice("Custom (typed)", null, 0, false);
    /** The lesson setting's name for the loaded model's entry, whatever the model is called. */
    public static final String LOADED_MODEL = "loaded model";
    public static final String DEFAULT_MODEL = "Llama-2-7B";
    public static final String DEFAULT_WEIGHT = "0.1";
    public static final String DEFAULT_TOKENS = "1.4T";

    /** Where the weight of the bit fields comes from. */
    public enum WeightSource {
        TYPED("Typed"),
        MODEL("From the loaded model");

        private final String label;

        WeightSource(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final List<Gpu> gpus;
    private final ObservableList<ModelChoice> choices = FXCollections.observableArrayList();
    private final ObservableList<ModelChoice> readOnlyChoices = FXCollections.unmodifiableObservableList(choices);

    private final ObjectProperty<ModelChoice> model = new SimpleObjectProperty<>(this, "model");
    private final StringProperty parameters = new SimpleStringProperty(this, "parameters", "");
    private final StringProperty layers = new SimpleStringProperty(this, "layers", "");
    private final StringProperty dModel = new SimpleStringProperty(this, "dModel", "");
    private final StringProperty heads = new SimpleStringProperty(this, "heads", "");
    private final StringProperty kvHeads = new SimpleStringProperty(this, "kvHeads", "");
    private final ObjectProperty<Precision> precision = new SimpleObjectProperty<>(this, "precision", Precision.FP16);
    private final StringProperty context = new SimpleStringProperty(this, "context", "");
    private final StringProperty batch = new SimpleStringProperty(this, "batch", "1");
    private final StringProperty weight = new SimpleStringProperty(this, "weight", DEFAULT_WEIGHT);
    private final ObjectProperty<WeightSource> weightSource = new SimpleObjectProperty<>(this, "weightSource", WeightSource.TYPED);
    private final WeightPickModel picker = new WeightPickModel();
    private final StringProperty tokens = new SimpleStringProperty(this, "tokens", DEFAULT_TOKENS);

    private final ReadOnlyObjectWrapper<MemoryReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyStringWrapper calculatorMessage = new ReadOnlyStringWrapper(this, "calculatorMessage", "");
    private final ReadOnlyObjectWrapper<ComputeOptimal> optimalForModel = new ReadOnlyObjectWrapper<>(this, "optimalForModel");
    private final ReadOnlyObjectWrapper<WeightBits> weightBits = new ReadOnlyObjectWrapper<>(this, "weightBits");
    private final ReadOnlyStringWrapper weightMessage = new ReadOnlyStringWrapper(this, "weightMessage", "");
    private final ReadOnlyObjectWrapper<ComputeOptimal> optimalForTokens = new ReadOnlyObjectWrapper<>(this, "optimalForTokens");
    private final ReadOnlyStringWrapper tokensMessage = new ReadOnlyStringWrapper(this, "tokensMessage", "");

    private boolean filling;

    public MemoryViewModel() {
        this(GpuCatalog.all(), PublishedModels.all());
    }

    public MemoryViewModel(List<Gpu> gpus, List<PublishedModel> published) {
        this.gpus = List.copyOf(gpus);
        for (PublishedModel m : published) {
            choices.add(new ModelChoice(m.name(), ModelSpec.from(m), m.context(), false));
        }
        choices.add(CUSTOM); // the loaded model's entry goes first when a model has loaded (setLoadedModel)

        model.addListener((obs, old, now) -> {
            if (now != null && !now.isCustom() && !filling) {
                fill(now);
            }
            recompute();
        });
        for (StringProperty shape : List.of(parameters, layers, dModel, heads, kvHeads)) {
            shape.addListener((obs, old, now) -> {
                if (!filling) {
                    becomeCustom();
                    recompute();
                }
            });
        }
        for (StringProperty setting : List.of(context, batch)) {
            setting.addListener((obs, old, now) -> {
                if (!filling) {
                    recompute();
                }
            });
        }
        precision.addListener((obs, old, now) -> recompute());
        weight.addListener((obs, old, now) -> {
            if (!filling) {
                weightSource.set(WeightSource.TYPED); // typing a weight shows that weight
            }
            recomputeWeight();
        });
        weightSource.addListener((obs, old, now) -> recomputeWeight());
        picker.pickedProperty().addListener((obs, old, now) -> recomputeWeight());
        picker.messageProperty().addListener((obs, old, now) -> recomputeWeight());
        tokens.addListener((obs, old, now) -> recomputeTokens());
        reset();
    }

    /** Llama-2-7B in fp16 at its 4096-token context, batch 1; the weight 0.1; 1.4T tokens. */
    public void reset() {
        filling = true;
        try {
            precision.set(Precision.FP16);
            batch.set("1");
            weight.set(DEFAULT_WEIGHT);
            weightSource.set(WeightSource.TYPED);
            tokens.set(DEFAULT_TOKENS);
            ModelChoice first = choice(DEFAULT_MODEL);
            model.set(first);
            fill(first);
        } finally {
            filling = false;
        }
        picker.reset();
        recompute();
        recomputeWeight();
        recomputeTokens();
    }

    /** The picker's entries: the loaded model (once there is one), the published models, and Custom. */
    public ObservableList<ModelChoice> choices() {
        return readOnlyChoices;
    }

    /**
     * Puts the loaded model at the top of the picker, replacing the previous one; null removes it.
     * If the previous loaded model was selected, the new one is selected (or, with none, its figures
     * stay as Custom).
     */
    public void setLoadedModel(String name, TransformerConfig config) {
        ModelChoice old = loadedChoice();
        ModelChoice now = null;
        if (config != null) {
            ModelSpec spec = ModelSpec.from(name + " (loaded)", config, "the loaded checkpoint " + name + ": "
                    + config.layers() + " layers, d_model " + config.dModel() + ", " + config.heads() + " heads, vocabulary "
                    + config.vocabSize());
            now = new ModelChoice(spec.name(), spec, config.contextLength(), true);
            choices.add(0, now);
        }
        boolean wasSelected = old != null && model.get() == old;
        if (wasSelected) {
            if (now != null) {
                model.set(now);
            } else {
                becomeCustom();
                recompute();
            }
        }
        if (old != null) {
            choices.removeIf(c -> c == old); // after moving the selection, so the picker never shows an empty value
        }
    }

    /** The loaded model's entry, or null before a model has loaded. */
    public ModelChoice loadedChoice() {
        return choices.stream().filter(ModelChoice::loaded).findFirst().orElse(null);
    }

    public List<Gpu> gpus() {
        return gpus;
    }

    /** The picker entry called {@code label} (case-insensitive), or {@link #LOADED_MODEL}. */
    public ModelChoice choice(String label) {
        if (LOADED_MODEL.equalsIgnoreCase(label == null ? "" : label.strip())) {
            ModelChoice loaded = loadedChoice();
            if (loaded == null) {
                throw new IllegalArgumentException("No model has loaded yet.");
            }
            return loaded;
        }
        return choices.stream().filter(c -> c.label().equalsIgnoreCase(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No model called '" + label + "'."));
    }

    private void fill(ModelChoice choice) {
        boolean was = filling;
        filling = true;
        try {
            ModelSpec s = choice.spec();
            parameters.set(ParameterCount.grouped(s.parameters()));
            layers.set(Integer.toString(s.layers()));
            dModel.set(Integer.toString(s.dModel()));
            heads.set(Integer.toString(s.heads()));
            kvHeads.set(Integer.toString(s.kvHeads()));
            context.set(Integer.toString(choice.context()));
        } finally {
            filling = was;
        }
    }

    private void becomeCustom() {
        if (model.get() != CUSTOM) {
            filling = true;
            try {
                model.set(CUSTOM);
            } finally {
                filling = false;
            }
        }
    }

    private void recompute() {
        if (filling) {
            return;
        }
        try {
            ModelSpec spec = spec();
            MemoryRequest request = new MemoryRequest(spec, precision.get(),
                    whole("context", context.get(), 1, MemoryRequest.MAX_CONTEXT),
                    whole("batch", batch.get(), 1, MemoryRequest.MAX_BATCH));
            MemoryReport computed = MemoryCalculator.report(request, gpus);
            optimalForModel.set(ComputeOptimal.forParameters(spec.parameters()));
            report.set(computed);
            calculatorMessage.set("");
        } catch (IllegalArgumentException bad) {
            calculatorMessage.set(bad.getMessage() + " The figures shown are for the last valid input.");
        }
    }

    private ModelSpec spec() {
        ModelChoice choice = model.get();
        if (choice != null && !choice.isCustom()) {
            return choice.spec();
        }
        long n = ParameterCount.parse(parameters.get());
        return ModelSpec.custom(n, whole("layers", layers.get(), 1, ModelSpec.MAX_DIMENSION),
                whole("d_model", dModel.get(), 1, ModelSpec.MAX_DIMENSION),
                whole("heads", heads.get(), 1, ModelSpec.MAX_DIMENSION),
                whole("KV heads", kvHeads.get(), 1, ModelSpec.MAX_DIMENSION));
    }

    private void recomputeWeight() {
        if (weightSource.get() == WeightSource.MODEL) {
            if (picker.picked() != null) {
                weightBits.set(WeightBits.of(picker.picked().value()));
            }
            weightMessage.set(picker.messageProperty().get());
            return;
        }
        try {
            weightBits.set(WeightBits.parse(weight.get()));
            weightMessage.set("");
        } catch (IllegalArgumentException bad) {
            weightMessage.set(bad.getMessage());
        }
    }

    private void recomputeTokens() {
        try {
            optimalForTokens.set(ComputeOptimal.forTokens(ParameterCount.parse(tokens.get())));
            tokensMessage.set("");
        } catch (IllegalArgumentException bad) {
            tokensMessage.set(bad.getMessage());
        }
    }

    /** A whole number typed into a field, with a message naming the field when it is not one. */
    static int whole(String what, String text, int min, int max) {
        String t = text == null ? "" : text.strip().replace(",", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Type the " + what + " (a whole number from " + min + " to " + max + ").");
        }
        long value;
        try {
            value = Long.parseLong(t);
        } catch (NumberFormatException notWhole) {
            throw new IllegalArgumentException("The " + what + " must be a whole number from " + min + " to " + max
                    + ", not '" + text.strip() + "'.");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("The " + what + " must be from " + min + " to " + max + ", not " + value + ".");
        }
        return (int) value;
    }

    public ObjectProperty<ModelChoice> modelProperty() {
        return model;
    }

    public StringProperty parametersProperty() {
        return parameters;
    }

    public StringProperty layersProperty() {
        return layers;
    }

    public StringProperty dModelProperty() {
        return dModel;
    }

    public StringProperty headsProperty() {
        return heads;
    }

    public StringProperty kvHeadsProperty() {
        return kvHeads;
    }

    public ObjectProperty<Precision> precisionProperty() {
        return precision;
    }

    public StringProperty contextProperty() {
        return context;
    }

    public StringProperty batchProperty() {
        return batch;
    }

    public StringProperty weightProperty() {
        return weight;
    }

    public ObjectProperty<WeightSource> weightSourceProperty() {
        return weightSource;
    }

    /** The real weight the bit fields show when the source is the model. */
    WeightPickModel picker() {
        return picker;
    }

    /** What the bit fields show, for a caption: the typed text or the model weight's address. */
    public String weightName() {
        if (weightSource.get() == WeightSource.MODEL && picker.picked() != null) {
            return picker.picked().address();
        }
        return weightBits.get() == null ? "" : weightBits.get().text();
    }

    public StringProperty tokensProperty() {
        return tokens;
    }

    public ReadOnlyObjectProperty<MemoryReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public MemoryReport report() {
        return report.get();
    }

    public ReadOnlyStringProperty calculatorMessageProperty() {
        return calculatorMessage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ComputeOptimal> optimalForModelProperty() {
        return optimalForModel.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<WeightBits> weightBitsProperty() {
        return weightBits.getReadOnlyProperty();
    }

    public WeightBits weightBits() {
        return weightBits.get();
    }

    public ReadOnlyStringProperty weightMessageProperty() {
        return weightMessage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ComputeOptimal> optimalForTokensProperty() {
        return optimalForTokens.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tokensMessageProperty() {
        return tokensMessage.getReadOnlyProperty();
    }
}
