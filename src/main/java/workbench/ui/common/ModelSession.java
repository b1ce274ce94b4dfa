package workbench.ui.common;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import workbench.core.model.ModelBundle;

import java.util.Optional;

/**
 * The model the labs are looking at. It starts empty, is filled when the bundled checkpoint has
 * loaded in the background, and changes when the user opens another one. Labs that need the model
 * listen to {@link #modelProperty()} and show a "loading" state while it is empty.
 * Set it on the JavaFX thread only.
 */
public final class ModelSession {

    /** The prompt the labs start from; they share it so that a learner follows one sentence through. */
    public static final String DEFAULT_PROMPT = "And God said, Let there be light: and there was light.";

    private final ReadOnlyObjectWrapper<ModelBundle> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", DEFAULT_PROMPT);

    /** The shared prompt (attention, FlashAttention, GQA and sampling labs read and write it). */
    public StringProperty promptProperty() {
        return prompt;
    }

    public ReadOnlyObjectProperty<ModelBundle> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public Optional<ModelBundle> current() {
        return Optional.ofNullable(model.get());
    }

    public void set(ModelBundle bundle) {
        model.set(bundle);
    }
}
