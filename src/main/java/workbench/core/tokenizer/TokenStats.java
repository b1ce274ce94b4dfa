package workbench.core.tokenizer;

/**
 * The counts the Tokenization lab shows for one text under one tokenizer.
 *
 * @param characters Unicode code points (an emoji is one, "e" + a combining accent is two)
 * @param words      runs of non-whitespace characters
 * @param tokens     tokens the tokenizer produced
 */
public record TokenStats(int characters, int words, int tokens) {

    /** Counts characters and words of {@code text} and takes the token count as given. */
    public static TokenStats of(String text, int tokens) {
        int characters = 0;
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            characters++;
            boolean space = Character.isWhitespace(cp) || Character.isSpaceChar(cp);
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return new TokenStats(characters, words, tokens);
    }

    /** Tokens per word; 0 when the text has no words. */
    public double tokensPerWord() {
        return words == 0 ? 0 : (double) tokens / words;
    }

    /** Characters per token; 0 when there are no tokens. */
    public double charactersPerToken() {
        return tokens == 0 ? 0 : (double) characters / tokens;
    }
}
