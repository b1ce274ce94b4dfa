package workbench.core.tokenizer;

import java.util.List;
import java.util.Optional;

/**
 * One text under one tokenizer: its tokens with their character ranges and the counts, or the
 * reason it could not be encoded (a character-level vocabulary missing a character).
 *
 * @param tokenizer the tokenizer's name
 * @param spans     the tokens in order (empty when {@code problem} is set)
 * @param stats     characters, words, tokens
 * @param problem   why the text could not be encoded, or null
 */
public record Tokenization(String tokenizer, int vocabSize, List<TokenSpan> spans, TokenStats stats, String problem) {

    public Tokenization {
        spans = List.copyOf(spans);
    }

    /** Tokenizes {@code text}; characters the tokenizer cannot encode become {@link #problem()}. */
    public static Tokenization of(Tokenizer tokenizer, String text) {
        try {
            List<TokenSpan> spans = tokenizer.spans(text);
            return new Tokenization(tokenizer.name(), tokenizer.vocabSize(), spans, TokenStats.of(text, spans.size()), null);
        } catch (UnencodableTextException unencodable) {
            return new Tokenization(tokenizer.name(), tokenizer.vocabSize(), List.of(), TokenStats.of(text, 0),
                    unencodable.getMessage());
        }
    }

    public Optional<String> problemText() {
        return Optional.ofNullable(problem);
    }

    public int tokenCount() {
        return spans.size();
    }
}
