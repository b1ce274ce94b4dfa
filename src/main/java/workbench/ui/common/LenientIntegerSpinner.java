package workbench.ui.common;

import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextFormatter;
import javafx.util.StringConverter;

/**
 * An editable integer spinner that never throws on what is typed: text that is not a whole number
 * puts the last good value back, and numbers outside [min, max] are clamped. Digit grouping
 * ("32,768" or "32 768") is accepted.
 */
public class LenientIntegerSpinner extends Spinner<Integer> {

    public LenientIntegerSpinner(int min, int max, int initial, int step) {
        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, initial, step);
        factory.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : value.toString();
            }

            @Override
            public Integer fromString(String text) {
                Integer current = factory.getValue();
                String digits = text == null ? "" : text.strip().replaceAll("[,_\\s]", "");
                if (digits.isEmpty() || !digits.matches("-?\\d{1,18}")) {
                    return current;
                }
                long parsed = Long.parseLong(digits);
                return (int) Math.max(min, Math.min(max, parsed));
            }
        });
        setValueFactory(factory);
        setEditable(true);
        // Typing commits on Enter or when focus leaves; anything unusable falls back to the old value.
        getEditor().setTextFormatter(new TextFormatter<>(change -> change.getControlNewText().length() > 24 ? null : change));
        focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                commit();
            }
        });
    }

    /** Applies the text in the editor now, as Enter would. */
    public void commit() {
        String text = getEditor().getText();
        Integer value = getValueFactory().getConverter().fromString(text);
        getValueFactory().setValue(value);
        getEditor().setText(getValueFactory().getConverter().toString(getValueFactory().getValue()));
    }
}
