package workbench.ui.memory;

import javafx.scene.paint.Color;
import workbench.core.memory.MemoryPart;

/**
 * One colour per memory component, from the Okabe-Ito palette (distinguishable with the common
 * colour-vision deficiencies). The rule-of-thumb segments are drawn hatched besides.
 */
final class MemoryColors {

    private MemoryColors() {
    }

    static Color of(MemoryPart part) {
        return switch (part) {
            case WEIGHTS, RULE_WEIGHTS -> Color.web("#0072B2");
            case MASTER_WEIGHTS -> Color.web("#56B4E9");
            case GRADIENTS -> Color.web("#009E73");
            case ADAM_M -> Color.web("#CC79A7");
            case ADAM_V -> Color.web("#D55E00");
            case ACTIVATIONS -> Color.web("#E69F00");
            case KV_CACHE -> Color.web("#F0E442");
            case RULE_TRAINING -> Color.web("#999999");
        };
    }

    static boolean hatched(MemoryPart part) {
        return part == MemoryPart.RULE_WEIGHTS || part == MemoryPart.RULE_TRAINING;
    }

    /** CSS colour text for a swatch. */
    static String css(MemoryPart part) {
        Color c = of(part);
        return String.format(java.util.Locale.ROOT, "rgb(%d,%d,%d)", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }
}
