package workbench.core.tokenizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.core.trace.BpeTrace;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BpeTokenizerTest {

    private static final BpeTokenizer HUG = BpeTrainer.train("hug hug hug pug pun", 10, "hand");

    @Test
    void showsEachMergeItAppliesInRankOrder() {
        // " hugs": bytes 32 104 117 103 115; merges ug (rank 0), h+ug (1), " "+hug (3).
        BpeTrace trace = HUG.encodeAndShowWork(" hugs");
        assertArrayEquals(new int[]{32, 104, 117, 103, 115}, trace.byteTokens());
        assertEquals(List.of(" hugs"), trace.pieces());
        assertEquals(List.of(0, 1, 3), trace.steps().stream().map(BpeTrace.Step::rank).toList());
        BpeTrace.Step first = trace.steps().get(0);
        assertEquals(117, first.left());
        assertEquals(103, first.right());
        assertEquals(256, first.token());
        assertEquals(4, first.trainingCount());
        assertEquals(1, first.occurrences());
        assertArrayEquals(new int[]{32, 104, 256, 115}, first.tokensAfter());
        assertArrayEquals(new int[]{32, 257, 115}, trace.steps().get(1).tokensAfter());
        assertArrayEquals(new int[]{259, 115}, trace.finalTokens());
        assertArrayEquals(HUG.encode(" hugs"), trace.finalTokens());
    }

    @Test
    void traceMergesAcrossPiecesButNeverAcrossABoundary() {
        BpeTrace trace = HUG.encodeAndShowWork("hug pug");
        assertEquals(List.of("hug", " pug"), trace.pieces());
        assertArrayEquals(new int[]{0, 3}, trace.pieceStarts());
        // ug merges twice in one step, then hug, " p", " pug".
        assertEquals(2, trace.steps().get(0).occurrences());
        assertArrayEquals(new int[]{257, 261}, trace.finalTokens());
        assertArrayEquals(new int[]{104, 256, 32, 112, 256}, trace.tokensAfter(1));
        assertThrows(IllegalArgumentException.class, () -> HUG.encodeAndShowWork("x".repeat(BpeTokenizer.MAX_TRACE_CHARS + 1)));
    }

    @Test
    void roundTripsAnyUnicode() {
        BpeTokenizer bpe = BpeTrainer.train("the cat sat on the mat; café, naïve 👍 שלום", 40, "mixed");
        for (String text : List.of("", "emoji 👍🏽 and 👨‍👩‍👧 family", "cafe\u0301 and 한국어 e\u0300\u0301",
                "שלום עולם مرحبا بالعالم", "tabs\tand\ttabs\n\r\nlines", "ok \u00a0 ideographic\u3000space", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢")) {
            int[] ids = bpe.encode(text);
            assertEquals(text, bpe.decode(ids), "round trip of " + text);
            List<TokenSpan> spans = bpe.spans(text);
            assertEquals(ids.length, spans.size());
            SpanAssertions.assertCoversExactly(text, spans);
            assertArrayEquals(bpe.encodeAndShowWork(text).finalTokens(), ids);
        }
    }

    @Test
    void bytesOfOneCharacterShareItsRangeAndReadAsHex() {
        BpeTokenizer bytesOnly = new BpeTokenizer("bytes", List.of());
        List<TokenSpan> spans = bytesOnly.spans("a→");
        assertEquals(List.of(new TokenSpan('a', "a", 0, 1), new TokenSpan(0xE2, "<E2>", 1, 2),
                new TokenSpan(0x86, "<86>", 1, 2), new TokenSpan(0x92, "<92>", 1, 2)), spans);
        assertEquals("a\uFFFDb", bytesOnly.decode(bytesOnly.encode("a\uD800b")), "a lone surrogate becomes U+FFFD");
        assertThrows(IllegalArgumentException.class, () -> bytesOnly.tokenText(256));
    }

    @Test
    void savesAndLoadsTheSameMerges(@TempDir Path dir) throws IOException {
        BpeTokenizer bpe = BpeTokenizer.train("the theme of thirty three thieves # and\nnew lines", 25, "round # trip");
        Path file = dir.resolve("bpe.txt");
        bpe.save(file);
        BpeTokenizer back = BpeTokenizer.load(file);
        assertEquals(bpe.merges(), back.merges());
        assertEquals("round - trip", back.name());
        List<String> lines = Files.readAllLines(file);
        assertEquals("workbench-bpe 1", lines.get(0));
        assertEquals("merges " + bpe.merges().size(), lines.get(3));
        assertEquals("116 104 5  # \"th\"", lines.get(4), "first merge: th, 5 times, with its text as a comment");
    }

    @Test
    void refusesBrokenFilesWithTheLine() {
        String good = "workbench-bpe 1\nname x\npieces gpt2\nmerges 2\n104 105 3\n256 33 2\n";
        assertEquals(2, read(good).merges().size());
        assertProblem("workbench-bpe 1\nname x\npieces gpt2\nmerges 3\n104 105 3\n256 33 2\n", "ends early");
        assertProblem("workbench-bpe 2\nname x\n", "version 2");
        assertProblem("hello\n", "not a workbench BPE file");
        assertProblem("workbench-bpe 1\nname x\npieces gpt2\nmerges 1\n104 300 3\n", "line 5");
        assertProblem("workbench-bpe 1\nname x\npieces gpt2\nmerges 1\n104 x 3\n", "'x'");
        assertProblem("workbench-bpe 1\nname x\npieces gpt2\nmerges 2\n104 105 3\n104 105 1\n", "repeats");
    }

    private static BpeTokenizer read(String text) {
        try {
            return BpeFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.txt");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertProblem(String text, String expected) {
        IOException problem = assertThrows(IOException.class,
                () -> BpeFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.txt"));
        assertTrue(problem.getMessage().contains(expected), problem.getMessage());
    }
}
