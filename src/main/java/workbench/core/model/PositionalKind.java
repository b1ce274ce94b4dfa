package workbench.core.model;

/** How a model learns where each token is. */
public enum PositionalKind {
    /** Fixed sines and cosines added to the token embeddings ("Attention Is All You Need"). */
    SINUSOIDAL,
    /** A trained (context, d_model) table added to the token embeddings (GPT-2). */
    LEARNED,
    /** Rotary embedding: queries and keys are rotated by a position-dependent angle (RoFormer). */
    ROPE
}
