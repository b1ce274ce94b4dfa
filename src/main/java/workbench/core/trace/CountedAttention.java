package workbench.core.trace;

/**
 * The output of an attention computation together with what it cost.
 *
 * @param output (Tq, dv)
 * @param counts slow-memory traffic, extra memory and FLOPs, counted while running
 */
public record CountedAttention(float[][] output, IoCounts counts) {
}
