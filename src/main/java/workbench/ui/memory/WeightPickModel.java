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
import workbench.core.memory.ModelWeights;
import workbench.core.memory.PickedWeight;
import workbench.core.memory.WeightPicker;

/**
 * Which real weight of the loaded model the bit fields show: a tensor, a rule (an index, the
 * largest or smallest magnitude, or a seeded random draw) and the rule's inputs as typed text.
 * Picking scans at most the model's 0.8M values in a plain array, well under a frame.
 */
final class WeightPickModel {

    static final String DEFAULT_TENSOR = "h0.attn.wq";
    static final String DEFAULT_SEED = "1";

    private final ObservableList<String> tensors = FXCollections.observableArrayList();
    private final ObjectProperty<String> tensor = new SimpleObjectProperty<>(this, "tensor", DEFAULT_TENSOR);
    private final ObjectProperty<WeightPicker.Rule> rule = new SimpleObjectProperty<>(this, "rule", WeightPicker.Rule.RANDOM);
    private final StringProperty row = new SimpleStringProperty(this, "row", "0");
    private final StringProperty col = new SimpleStringProperty(this, "col", "0");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", DEFAULT_SEED);
    private final ReadOnlyObjectWrapper<PickedWeight> picked = new ReadOnlyObjectWrapper<>(this, "picked");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private ModelWeights weights;

    WeightPickModel() {
        tensor.addListener((obs, old, now) -> repick());
        rule.addListener((obs, old, now) -> repick());
        row.addListener((obs, old, now) -> repick());
        col.addListener((obs, old, now) -> repick());
        seed.addListener((obs, old, now) -> repick());
        message.set("The model has not loaded yet.");
    }

    /** The loaded model's weights, or null when there is none. Keeps the tensor if the new model has it. */
    void setWeights(ModelWeights value) {
        weights = value;
        if (value == null) {
            tensors.clear();
            picked.set(null);
            message.set("The model has not loaded yet.");
            return;
        }
        tensors.setAll(WeightPicker.choices(value));
        if (tensor.get() == null || !tensors.contains(tensor.get())) {
            tensor.set(value.contains(DEFAULT_TENSOR) ? DEFAULT_TENSOR : WeightPicker.ANY_TENSOR);
        }
        repick();
    }

    boolean hasWeights() {
        return weights != null;
    }

    /** A new random draw: the next seed. */
    void nextDraw() {
        long s;
        try {
            s = Long.parseLong(seed.get().strip());
        } catch (NumberFormatException notANumber) {
            s = 0;
        }
        rule.set(WeightPicker.Rule.RANDOM);
        seed.set(Long.toString(s + 1));
    }

    void reset() {
        rule.set(WeightPicker.Rule.RANDOM);
        seed.set(DEFAULT_SEED);
        row.set("0");
        col.set("0");
        if (weights != null) {
            tensor.set(weights.contains(DEFAULT_TENSOR) ? DEFAULT_TENSOR : WeightPicker.ANY_TENSOR);
        }
    }

    private void repick() {
        if (weights == null || tensor.get() == null || rule.get() == null) {
            return;
        }
        try {
            WeightPicker.Rule r = rule.get();
            int rowValue = r == WeightPicker.Rule.AT_INDEX ? MemoryViewModel.whole("row", row.get(), 0, Integer.MAX_VALUE) : 0;
            int colValue = r == WeightPicker.Rule.AT_INDEX ? MemoryViewModel.whole("column", col.get(), 0, Integer.MAX_VALUE) : 0;
            long seedValue = r == WeightPicker.Rule.RANDOM ? seed() : 0;
            picked.set(WeightPicker.pick(weights, tensor.get(), r, rowValue, colValue, seedValue));
            message.set("");
        } catch (IllegalArgumentException bad) {
            message.set(bad.getMessage() + " The bits shown are of the last weight picked.");
        }
    }

    private long seed() {
        String text = seed.get() == null ? "" : seed.get().strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("The seed must be a whole number, not '" + text + "'.");
        }
    }

    ObservableList<String> tensors() {
        return tensors;
    }

    ObjectProperty<String> tensorProperty() {
        return tensor;
    }

    ObjectProperty<WeightPicker.Rule> ruleProperty() {
        return rule;
    }

    StringProperty rowProperty() {
        return row;
    }

    StringProperty colProperty() {
        return col;
    }

    StringProperty seedProperty() {
        return seed;
    }

    ReadOnlyObjectProperty<PickedWeight> pickedProperty() {
        return picked.getReadOnlyProperty();
    }

    PickedWeight picked() {
        return picked.get();
    }

    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
