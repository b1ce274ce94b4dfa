package workbench.core.tokenizer;

/**
 * One learned BPE merge: the adjacent pair (left, right) becomes {@code token}. Merges are applied
 * in the order they were learned; the rank of a merge is {@code token - 256}.
 *
 * @param left  id of the left token
 * @param right id of the right token
 * @param token id of the new token (256 + rank)
 * @param count how often the pair occurred in the training text when it was chosen
 */
public record BpeMerge(int left, int right, int token, long count) {

    public BpeMerge {
        if (left < 0 || right < 0 || left >= token || right >= token || token < BpeTokenizer.BYTE_TOKENS || count < 0) {
            throw new IllegalArgumentException("bad merge " + left + " + " + right + " -> " + token + " (count " + count + ")");
        }
    }

    /** Position in the merge list: 0 for the first merge learned. */
    public int rank() {
        return token - BpeTokenizer.BYTE_TOKENS;
    }
}
