package workbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.core.memory.OneNd4jThread;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code workbench quantize}: the lab's table, headless. */
class QuantizeCommandTest {

    @Test
    void printsEveryVariantOfTheBundledModel() {
        CommandLineTest.Run run;
        try (OneNd4jThread ignored = new OneNd4jThread()) {
            run = CommandLineTest.run("quantize", "--windows", "2", "--batch", "2", "--threads", "1");
        }
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("kjv-char (804,864 parameters) on 2 of 2,170 validation windows of 64 tokens "
                + "(128 predicted tokens of 138,896), batch 2"), run.out());
        assertTrue(run.out().matches("(?s).*\\nfp32 +3,219,456 +0\\.0% .*"), run.out());
        assertTrue(run.out().matches("(?s).*\\nint8 per channel +830,712 +74\\.2% .*"), run.out());
        assertEquals(1 + 1 + 7 + 1, run.out().strip().split("\n").length, run.out()); // heading, header, 7 rows, time
    }

    @Test
    void aModelThatCannotReadTheCorpusIsAClearError(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("digits.txt");
        Files.writeString(corpus, "0123456789 ".repeat(200));
        Path checkpoint = dir.resolve("digits.ckpt");
        CommandLineTest.Run train = CommandLineTest.run("train", "--out", checkpoint.toString(), "--corpus",
                corpus.toString(), "--steps", "2", "--batch", "2", "--layers", "1", "--heads", "1", "--d-model", "8",
                "--context", "8", "--eval-every", "2", "--eval-batches", "1", "--warmup", "1");
        assertEquals(0, train.exit(), train.err());
        CommandLineTest.Run run = CommandLineTest.run("quantize", "--model", checkpoint.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("cannot read the corpus"), run.err());
    }
}
