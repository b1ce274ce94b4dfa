package workbench.ui.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;

/**
 * The named settings a lab accepts from a lesson ("layer: 0", "temperature: 0.7"). Each setting
 * parses and checks its text and then sets the control, so the screen shows what the lesson set.
 */
public final class LabSettings {

    private final Map<String, Consumer<String>> setters = new LinkedHashMap<>();

    public LabSettings text(String key, Consumer<String> setter) {
        setters.put(key, setter);
        return this;
    }

    public LabSettings integer(String key, int min, int max, IntConsumer setter) {
        setters.put(key, value -> {
            int parsed;
            try {
                parsed = Integer.parseInt(value.trim());
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
            }
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", not " + parsed);
            }
            setter.accept(parsed);
        });
        return this;
    }

    public LabSettings number(String key, double min, double max, DoubleConsumer setter) {
        setters.put(key, value -> {
            double parsed;
            try {
                parsed = Double.parseDouble(value.trim());
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException(key + " must be a number, not '" + value + "'");
            }
            if (!(parsed >= min && parsed <= max)) {
                throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", not " + value);
            }
            setter.accept(parsed);
        });
        return this;
    }

    public LabSettings choice(String key, List<String> values, Consumer<String> setter) {
        setters.put(key, value -> {
            String wanted = value.trim();
            String match = values.stream().filter(v -> v.equalsIgnoreCase(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            key + " must be one of " + String.join(", ", values) + ", not '" + value + "'"));
            setter.accept(match);
        });
        return this;
    }

    public LabSettings flag(String key, Consumer<Boolean> setter) {
        setters.put(key, value -> {
            String v = value.trim().toLowerCase(Locale.ROOT);
            switch (v) {
                case "true", "yes", "on" -> setter.accept(true);
                case "false", "no", "off" -> setter.accept(false);
                default -> throw new IllegalArgumentException(key + " must be true or false, not '" + value + "'");
            }
        });
        return this;
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(setters.keySet());
    }

    /** Applies one setting; an unknown key or a bad value is an {@link IllegalArgumentException}. */
    public void apply(String key, String value) {
        Consumer<String> setter = setters.get(key);
        if (setter == null) {
            throw new IllegalArgumentException("unknown setting '" + key + "'"
                    + (setters.isEmpty() ? " (this lab has no settings)" : "; known: " + String.join(", ", setters.keySet())));
        }
        setter.accept(value);
    }
}
