package workbench.core.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GptEncodingTest {

    private static final GptEncoding R50K = GptEncoding.of(GptEncoding.Kind.R50K);
    private static final GptEncoding CL100K = GptEncoding.of(GptEncoding.Kind.CL100K);
    private static final GptEncoding O200K = GptEncoding.of(GptEncoding.Kind.O200K);

    @Test
    void encodesKnownIds() {
        // Reference ids as published by OpenAI's tiktoken for these encodings.
        assertArrayEquals(new int[]{31373, 995}, R50K.encode("hello world"));
        assertArrayEquals(new int[]{15339, 1917}, CL100K.encode("hello world"));
        assertArrayEquals(new int[]{24912, 2375}, O200K.encode("hello world"));
        String fox = "The quick brown fox jumps over the lazy dog.";
        assertArrayEquals(new int[]{464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13}, R50K.encode(fox));
        assertEquals(10, CL100K.encode(fox).length);
        assertEquals(10, O200K.encode(fox).length);
        assertEquals(" world", R50K.tokenText(995));
    }

    @Test
    void knowsItsVocabularySize() {
        assertEquals(50_257, R50K.vocabSize());
        assertEquals("<|endoftext|>", R50K.tokenText(50_256));
        assertEquals(100_277, CL100K.vocabSize());
        assertEquals(200_019, O200K.vocabSize());
        assertThrows(IllegalArgumentException.class, () -> R50K.tokenText(50_257));
        assertThrows(IllegalArgumentException.class, () -> R50K.decode(new int[]{-1}));
    }

    @Test
    void treatsSpecialTokenTextAsOrdinaryText() {
        int[] ids = R50K.encode("<|endoftext|>");
        assertEquals("<|endoftext|>", R50K.decode(ids));
        assertEquals(false, ids.length == 1 && ids[0] == 50_256);
    }

    @Test
    void spansCoverTheTextAndMapPartialBytesToTheirCharacter() {
        for (GptEncoding enc : List.of(R50K, CL100K, O200K)) {
            for (String text : List.of("Hi 👍🏽 café naïve\tשלום", "cafe\u0301 👨‍👩‍👧 \u3000終わり", "a\n\n\tb  ", "")) {
                List<TokenSpan> spans = enc.spans(text);
                SpanAssertions.assertCoversExactly(text, spans);
                assertEquals(text, enc.decode(spans.stream().mapToInt(TokenSpan::id).toArray()), enc.name());
            }
        }
        // GPT-2 splits the thumbs-up emoji (F0 9F 91 8D) after its third byte: both tokens cover it.
        List<TokenSpan> spans = R50K.spans(" 👍");
        assertEquals(List.of(new TokenSpan(50169, " <F0><9F><91>", 0, 3), new TokenSpan(235, "<8D>", 1, 3)), spans);
    }
}
