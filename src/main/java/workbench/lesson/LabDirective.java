package workbench.lesson;

/**
 * One {@code key: value} line of a {@code ```lab} block.
 *
 * @param lab   the lab it applies to: for {@code lab} the lab to show, otherwise the lab shown
 *              when the line is reached (the lesson's lab until a {@code lab:} line changes it)
 * @param key   {@code lab}, {@code model}, {@code highlight}, or a key of that lab's settings
 * @param value the value, unquoted
 * @param line  1-based line in the lesson file
 */
public record LabDirective(String lab, String key, String value, int line) {

    public static final String LAB = "lab";
    public static final String MODEL = "model";
    public static final String HIGHLIGHT = "highlight";

    /** True for a key the lab's own settings must know (not lab, model or highlight). */
    public boolean isSetting() {
        return !key.equals(LAB) && !key.equals(MODEL) && !key.equals(HIGHLIGHT);
    }

    /** The node ids of a highlight line ("a, b" lists two). */
    public java.util.List<String> highlightIds() {
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
