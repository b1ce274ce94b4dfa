package workbench.core.trace;

import java.util.List;

/**
 * How byte-level BPE encoded a text, merge by merge. The text is first split into pieces (a space
 * attaches to the following word) and turned into its UTF-8 bytes, one token per byte; then, as
 * long as some adjacent pair of tokens has a learned merge, the pair with the lowest rank is merged
 * everywhere it occurs. Each such merge is one {@link Step}.
 *
 * @param text        the text that was encoded (lone surrogates already replaced by U+FFFD)
 * @param pieces      the pieces the text was split into; merges never cross them
 * @param byteTokens  (bytes) the starting tokens: token id = byte value
 * @param pieceStarts (pieces) index in {@code byteTokens} where each piece starts
 * @param steps       the merges applied, in order
 */
public record BpeTrace(String text, List<String> pieces, int[] byteTokens, int[] pieceStarts, List<Step> steps) {

    public BpeTrace {
        pieces = List.copyOf(pieces);
        steps = List.copyOf(steps);
    }

    /** The tokens after the last merge (the encoding), or the bytes if no merge applied. */
    public int[] finalTokens() {
        return steps.isEmpty() ? byteTokens.clone() : steps.get(steps.size() - 1).tokensAfter().clone();
    }

    /** The tokens after {@code count} steps: 0 gives the bytes. */
    public int[] tokensAfter(int count) {
        if (count < 0 || count > steps.size()) {
            throw new IllegalArgumentException("step " + count + " is outside 0.." + steps.size());
        }
        return count == 0 ? byteTokens.clone() : steps.get(count - 1).tokensAfter().clone();
    }

    /**
     * One merge applied to the text.
     *
     * @param rank          the merge's rank in the tokenizer's list (lower ranks apply first)
     * @param left          id of the left token of the pair
     * @param right         id of the right token of the pair
     * @param token         id of the merged token
     * @param trainingCount how often the pair occurred in the training text when it was learned
     * @param occurrences   how many times the pair was merged in this text
     * @param tokensAfter   all tokens of the text after this merge
     */
    public record Step(int rank, int left, int right, int token, long trainingCount, int occurrences,
                       int[] tokensAfter) {
    }
}
