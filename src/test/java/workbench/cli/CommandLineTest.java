package workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.core.model.Checkpoints;
import workbench.core.model.ForwardOptions;
import workbench.core.model.ModelBundle;
import workbench.core.tensor.Npy;
import workbench.core.trace.ForwardTrace;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The headless commands, run in-process: what they print, write and exit with. */
class CommandLineTest {

    @TempDir
    static Path dir;
    private static Path checkpoint;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            WorkbenchCommand root = new WorkbenchCommand();
            var cli = WorkbenchCommand.commandLine(root);
            cli.setOut(new java.io.PrintWriter(System.out, true));
            cli.setErr(new java.io.PrintWriter(System.err, true));
            int exit = cli.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void trainATinyModel() throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, "the cat sat on the mat. the dog sat on the log. ".repeat(40));
        checkpoint = dir.resolve("tiny.ckpt");
        Run train = run("train", "--out", checkpoint.toString(), "--corpus", corpus.toString(), "--steps", "30",
                "--batch", "4", "--layers", "1", "--heads", "2", "--d-model", "16", "--context", "16",
                "--eval-every", "10", "--eval-batches", "2", "--warmup", "5", "--lr", "1e-2");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("saved " + checkpoint), train.out());
    }

    @Test
    void trainWritesALoadableCheckpointWithItsRecipe() throws Exception {
        ModelBundle bundle = Checkpoints.load(checkpoint);
        assertEquals(16, bundle.model().config().dModel());
        assertEquals(30, bundle.training().orElseThrow().steps());
        assertTrue(bundle.training().orElseThrow().command().startsWith("workbench train --out"));
    }

    @Test
    void generateIsReproducibleForASeed() {
        Run a = run("generate", "--model", checkpoint.toString(), "--prompt", "the ", "--max-tokens", "20", "--seed", "7");
        Run b = run("generate", "--model", checkpoint.toString(), "--prompt", "the ", "--max-tokens", "20", "--seed", "7");
        assertEquals(0, a.exit(), a.err());
        assertEquals(a.out(), b.out());
        assertTrue(a.out().startsWith("the "));
        assertEquals(4 + 20 + 1, a.out().length(), "prompt, 20 characters and a newline");
    }

    @Test
    void exportWritesTheTraceAsNumpyFiles() throws Exception {
        Path out = dir.resolve("export");
        Run run = run("export", "--model", checkpoint.toString(), "--prompt", "the cat", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("trace.json").toFile());
        assertEquals("transformer-workbench-trace", json.path("format").asText());
        assertEquals(7, json.path("tokens").size());
        ModelBundle bundle = Checkpoints.load(checkpoint);
        ForwardTrace trace = bundle.trace(bundle.encode("the cat").ids(), ForwardOptions.NONE);
        try (InputStream in = Files.newInputStream(out.resolve("layers.0.weights.npy"))) {
            Npy.Array weights = Npy.read(in);
            assertArrayEquals(new long[]{2, 7, 7}, weights.shape());
            assertEquals(trace.layers().get(0).weights()[1][6][3], weights.data()[(7 + 6) * 7 + 3], 0f);
        }
        for (JsonNode tensor : json.path("tensors")) {
            assertTrue(Files.exists(out.resolve(tensor.path("file").asText())), tensor.toString());
        }
    }

    @Test
    void badInputGivesOneLineAndANonZeroExit() {
        Run empty = run("generate", "--model", checkpoint.toString(), "--prompt", "");
        assertEquals(1, empty.exit());
        assertEquals("error: the prompt is empty: give some text with --prompt", empty.err().strip());

        Run unknownChars = run("generate", "--model", checkpoint.toString(), "--prompt", "the Zebra ☃");
        assertEquals(1, unknownChars.exit());
        assertTrue(unknownChars.err().strip().startsWith("error: Characters cannot encode the characters 'Z' (U+005A)"),
                unknownChars.err());
        assertEquals(1, unknownChars.err().strip().lines().count(), "one line, no stack trace");

        Run missing = run("generate", "--model", dir.resolve("nope.ckpt").toString(), "--prompt", "the");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().startsWith("error: No checkpoint at"), missing.err());

        Run longPrompt = run("generate", "--model", checkpoint.toString(), "--prompt", "the cat ".repeat(10),
                "--max-tokens", "3");
        assertEquals(0, longPrompt.exit());
        assertTrue(longPrompt.err().contains("the first 64 were dropped"), longPrompt.err());

        Run badOption = run("train", "--out", "x.ckpt", "--positional", "nonsense");
        assertEquals(2, badOption.exit());
        assertTrue(badOption.err().startsWith("Invalid value for option '--positional'"), badOption.err());
    }
}
