package workbench.core.tokenizer;

import org.junit.jupiter.api.Test;
import workbench.core.train.Corpus;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerCatalogTest {

    @Test
    void listsTheFiveTokenizersInColumnOrder() {
        assertEquals(List.of("chars", "kjv-bpe", "r50k", "cl100k", "o200k"),
                TokenizerCatalog.entries().stream().map(TokenizerCatalog.Entry::id).toList());
        assertSame(TokenizerCatalog.get("r50k"), TokenizerCatalog.get("r50k"), "loaded once");
        assertThrows(IllegalArgumentException.class, () -> TokenizerCatalog.get("nope"));
    }

    @Test
    void theShippedBpeIsWhatTrainingOnTheCorpusGives() {
        BpeTokenizer shipped = TokenizerCatalog.modelBpe();
        assertEquals(512, shipped.merges().size());
        assertEquals(768, shipped.vocabSize());
        // Retraining the first merges on the training part gives the same merges and counts.
        BpeTokenizer again = BpeTrainer.train(Corpus.bundled().trainText(), 8, "again");
        assertEquals(again.merges(), shipped.merges().subList(0, 8));
        assertEquals(" the", shipped.tokenText(258));
    }

    @Test
    void characterVocabularyIsTheCorpusAlphabet() {
        Tokenizer chars = TokenizerCatalog.get("chars");
        assertEquals(62, chars.vocabSize(), "50 letters (no capital Q or X), 10 punctuation marks, space and newline");
        assertEquals("In the", chars.decode(chars.encode("In the")));
        assertTrue(Tokenization.of(chars, "naïve").problem().contains("U+00EF"));
    }
}
