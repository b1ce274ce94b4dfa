package workbench.core.sampling;

/**
 * One node of a beam-search tree: a token appended to its parent's sequence.
 *
 * @param id             index in {@link BeamTree#nodes()}
 * @param parent         id of the node it extends, -1 for the root (the prompt)
 * @param depth          how many tokens after the prompt (0 for the root)
 * @param token          the appended token id, -1 for the root
 * @param logProbability log p(token | prefix) under the model (natural log; repetition penalty applied)
 * @param score          cumulative log-probability of the whole continuation: the sum along the path
 * @param kept           true if it was one of the best {@code width} at its depth; false for the
 *                       strongest candidates that were pruned (kept in the tree to show the choice)
 */
public record BeamNode(int id, int parent, int depth, int token, double logProbability, double score, boolean kept) {

    /** The continuation's probability, e^score. */
    public double probability() {
        return Math.exp(score);
    }

    public boolean isRoot() {
        return parent < 0;
    }
}
