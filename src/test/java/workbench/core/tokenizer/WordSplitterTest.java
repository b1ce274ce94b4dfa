package workbench.core.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordSplitterTest {

    @Test
    void spaceAttachesToTheFollowingWord() {
        assertEquals(List.of("In", " the", " beginning", " God", " created", "."),
                WordSplitter.split("In the beginning God created."));
    }

    @Test
    void splitsContractionsNumbersAndWhitespaceLikeGpt2() {
        assertEquals(List.of("I", "'ll", " pay", " 42", "$", " now", " ", " ok", "\t", "!", "\n"),
                WordSplitter.split("I'll pay 42$ now  ok\t!\n"));
    }

    @Test
    void keepsCombiningMarksWithTheirLetterAndCoversAnyText() {
        assertEquals(List.of(" cafe\u0301", " 👍🏽"), WordSplitter.split(" cafe\u0301 👍🏽"));
        String odd = "שלום, world\u00a0x 1\u0301 \uD83D";
        assertEquals(odd, String.join("", WordSplitter.split(odd)));
    }
}
