package workbench.core.memory;

/**
 * One real weight of a model, and how it was found.
 *
 * @param tensor the parameter it belongs to
 * @param vector true for a 1-D parameter (a LayerNorm gain or bias)
 * @param row    its row (0 in a 1-D parameter)
 * @param col    its column (its index in a 1-D parameter)
 * @param value  the fp32 value the model holds
 * @param rule   how it was chosen
 * @param seed   the seed of a random pick (0 otherwise)
 */
public record PickedWeight(String tensor, boolean vector, int row, int col, float value, WeightPicker.Rule rule,
                           long seed) {

    /** "h0.attn.wq[12, 37]", or "ln_f.g[5]" for a 1-D parameter. */
    public String address() {
        return vector ? tensor + "[" + col + "]" : tensor + "[" + row + ", " + col + "]";
    }

    /** One line for the screen: where it is, why it was chosen, and its value. */
    public String describe() {
        String why = switch (rule) {
            case AT_INDEX -> "chosen by index";
            case LARGEST -> "the largest |w| there";
            case SMALLEST -> "the smallest |w| there";
            case RANDOM -> "drawn at random, seed " + seed;
        };
        return address() + " = " + value + "  (" + why + ")";
    }
}
