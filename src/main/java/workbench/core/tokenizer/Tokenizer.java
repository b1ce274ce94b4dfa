package workbench.core.tokenizer;

import java.util.List;

/**
 * Text to token ids and back. Implementations: {@link CharTokenizer} (one token per character, the
 * bundled model's), the trainable byte-level BPE, and the real GPT encodings through jtokkit.
 */
public interface Tokenizer {

    /** Short name for a table column, for example "Characters" or "GPT-2 (r50k)". */
    String name();

    int vocabSize();

    /**
     * Encodes text.
     *
     * @throws UnencodableTextException if some characters have no token, naming them
     */
    int[] encode(String text);

    /** Decodes ids back to text. */
    String decode(int[] ids);

    /** How one token reads on its own, for chips and axis labels. */
    String tokenText(int id);

    /**
     * The tokens of {@code text} with the character range each covers. Tokens that cover part of a
     * character (a byte of a multi-byte UTF-8 sequence) share that character's range.
     */
    List<TokenSpan> spans(String text);
}
