package workbench.core.model;

/** Which keys a query may attend to. */
public enum MaskKind {
    /** A decoder: position i sees positions 0..i only. */
    CAUSAL,
    /** An encoder: every position sees every position. */
    BIDIRECTIONAL
}
