package workbench.ui.memory;

import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import workbench.core.memory.BitPattern;
import workbench.core.memory.FloatFormat;
import workbench.core.memory.NumberText;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** One weight in one format: its bits as coloured cells (sign, exponent, mantissa) and what they mean. */
final class BitFieldPane extends VBox {

    private final FloatFormat format;
    private final List<Label> cells = new ArrayList<>();
    private final Label hex = new Label();
    private final Label fields = new Label();
    private final Label value = new Label();
    private final Label error = new Label();

    BitFieldPane(FloatFormat format) {
        this.format = format;
        getStyleClass().add("bit-field");
        setId(MemoryView.bitsId(format));
        Label name = new Label(format.label() + "  ·  1 sign, " + format.exponentBits() + " exponent, "
                + format.mantissaBits() + " mantissa bits");
        name.getStyleClass().add("bit-field-title");
        hex.setId(MemoryView.bitsId(format) + "-hex");
        hex.getStyleClass().add("value-readout");
        HBox title = new HBox(12, name, hex);

        HBox groups = new HBox(3,
                group("sign", 1, "bit-sign"),
                group("exponent", format.exponentBits(), "bit-exponent"),
                group("mantissa (fraction)", format.mantissaBits(), "bit-mantissa"));
        groups.setId(MemoryView.bitsId(format) + "-cells");

        for (Label l : List.of(fields, value, error)) {
            l.getStyleClass().add("value-readout");
            l.setWrapText(true);
        }
        fields.setId(MemoryView.bitsId(format) + "-fields");
        value.setId(MemoryView.bitsId(format) + "-value");
        error.setId(MemoryView.bitsId(format) + "-error");
        getChildren().addAll(title, groups, fields, value, error);
    }

    private VBox group(String caption, int count, String style) {
        HBox row = new HBox(1);
        for (int i = 0; i < count; i++) {
            Label cell = new Label("0");
            cell.getStyleClass().addAll("bit-cell", style);
            cells.add(cell);
            row.getChildren().add(cell);
        }
        Label label = new Label(caption);
        label.getStyleClass().addAll("bit-caption", style + "-caption");
        label.setMinWidth(0);
        VBox box = new VBox(1, label, row);
        box.setMinWidth(FlowPane.USE_PREF_SIZE);
        return box;
    }

    void show(BitPattern p) {
        String bits = p.bitString();
        for (int i = 0; i < cells.size(); i++) {
            cells.get(i).setText(String.valueOf(bits.charAt(i)));
        }
        hex.setText(p.hex());
        String exponentBits = bits.substring(1, 1 + format.exponentBits());
        String mantissaBits = bits.substring(1 + format.exponentBits());
        fields.setText("sign " + p.sign() + (p.sign() == 0 ? " (+)" : " (−)")
                + "   exponent " + exponentBits + " = " + p.exponentField() + exponentMeaning(p)
                + "   mantissa " + mantissaBits);
        value.setText(valueText(p));
        error.setText(errorText(p));
    }

    private String exponentMeaning(BitPattern p) {
        return switch (p.kind()) {
            case NORMAL -> " → 2^(" + p.exponentField() + " − " + format.bias() + ") = 2^" + p.unbiasedExponent();
            case SUBNORMAL -> " → subnormal: 2^" + p.unbiasedExponent() + ", no leading 1";
            case ZERO -> " → zero";
            case INFINITE -> " → all ones, mantissa 0: infinity";
            case NAN -> " → all ones, mantissa ≠ 0: NaN";
        };
    }

    /** The value the bits represent, as (-1)^s x significand x 2^e and in decimal. */
    static String valueText(BitPattern p) {
        return switch (p.kind()) {
            case NORMAL, SUBNORMAL -> "value = " + (p.sign() == 0 ? "+" : "−") + NumberText.significant(p.significand(), 12)
                    + " × 2^" + p.unbiasedExponent() + " = " + NumberText.significant(p.value(), 12);
            case ZERO -> "value = " + NumberText.significant(p.value(), 12);
            case INFINITE -> "value = " + NumberText.significant(p.value(), 12) + " (infinity)";
            case NAN -> "value = NaN (not a number)";
        };
    }

    /** The rounding error against the typed number, or why there is none. */
    static String errorText(BitPattern p) {
        if (p.overflowed()) {
            return "overflow: " + NumberText.significant(p.reference(), 8) + " is beyond the largest " + p.format().label()
                    + " (" + NumberText.significant(p.format().max(), 8) + ") and rounds to infinity";
        }
        OptionalDouble e = p.error();
        if (e.isEmpty()) {
            return "no rounding error: the input is " + NumberText.significant(p.reference(), 3);
        }
        if (e.getAsDouble() == 0) {
            return "error = 0: the value is stored exactly";
        }
        StringBuilder text = new StringBuilder("error = " + NumberText.signed(e.getAsDouble(), 3));
        OptionalDouble relative = p.relativeError();
        if (relative.isPresent()) {
            text.append(" (relative ").append(NumberText.significant(relative.getAsDouble(), 2)).append(')');
        }
        if (p.underflowed()) {
            text.append("; underflow: below half the smallest subnormal, rounds to 0");
        } else if (p.spacing().isPresent()) {
            text.append("; neighbouring ").append(p.format().label()).append(" values here are ")
                    .append(NumberText.significant(p.spacing().getAsDouble(), 3)).append(" apart");
        }
        return text.toString();
    }
}
