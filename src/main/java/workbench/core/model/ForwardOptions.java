package workbench.core.model;

import java.util.Optional;
import java.util.Set;

/**
 * Interventions on a forward pass, for the labs: switch heads off, hide tokens from attention,
 * drop position information, or run a causal model with another mask.
 *
 * @param disabledHeads  heads whose output is zeroed before the output projection
 * @param maskedKeys     token positions no query may attend to
 * @param positionsOff   true to add no positional encoding (and apply no RoPE rotation)
 * @param maskOverride   a mask to use instead of the model's own
 */
public record ForwardOptions(Set<HeadRef> disabledHeads, Set<Integer> maskedKeys, boolean positionsOff,
                             Optional<MaskKind> maskOverride) {

    public static final ForwardOptions NONE = new ForwardOptions(Set.of(), Set.of(), false, Optional.empty());

    public ForwardOptions {
        disabledHeads = Set.copyOf(disabledHeads);
        maskedKeys = Set.copyOf(maskedKeys);
    }

    /** One head of one layer. */
    public record HeadRef(int layer, int head) {
    }

    public ForwardOptions withDisabledHeads(Set<HeadRef> heads) {
        return new ForwardOptions(heads, maskedKeys, positionsOff, maskOverride);
    }

    public ForwardOptions withMaskedKeys(Set<Integer> keys) {
        return new ForwardOptions(disabledHeads, keys, positionsOff, maskOverride);
    }

    public ForwardOptions withPositionsOff(boolean off) {
        return new ForwardOptions(disabledHeads, maskedKeys, off, maskOverride);
    }

    public ForwardOptions withMask(MaskKind mask) {
        return new ForwardOptions(disabledHeads, maskedKeys, positionsOff, Optional.ofNullable(mask));
    }

    /** True when nothing is changed, so the fast path can be used. */
    public boolean isNone() {
        return disabledHeads.isEmpty() && maskedKeys.isEmpty() && !positionsOff && maskOverride.isEmpty();
    }
}
