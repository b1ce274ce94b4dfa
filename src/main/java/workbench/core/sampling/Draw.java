package workbench.core.sampling;

/**
 * One inverse-CDF draw: the tokens are laid end to end on [0, total) in the order walked, each as a
 * segment as long as its probability, and the coin picks the segment it lands in.
 *
 * @param token       the chosen index (token id)
 * @param rank        its position in the order walked (0 = first segment)
 * @param probability its probability as given
 * @param start       where its segment starts on the cumulative axis
 * @param end         where its segment ends ({@code start + probability})
 * @param point       where the coin landed: coin x total, in [start, end) (at {@code end} only for a coin of 1)
 */
public record Draw(int token, int rank, double probability, double start, double end, double point) {
}
