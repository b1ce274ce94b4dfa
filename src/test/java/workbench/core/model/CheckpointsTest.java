package workbench.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.core.tokenizer.CharTokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointsTest {

    @TempDir
    Path dir;

    private static ModelBundle bundle() {
        CharTokenizer tokenizer = CharTokenizer.fromText("abcdefgh ");
        TransformerConfig config = new TransformerConfig(tokenizer.vocabSize(), 8, 16, 2, 2, 1, 32,
                PositionalKind.ROPE, MaskKind.CAUSAL, false, 9);
        TrainingSummary summary = new TrainingSummary("test", 3, 2, 1, 2.0, 2.1, 0.5, "workbench train", "2026-11-23T00:00:00Z");
        return new ModelBundle("tiny", new MiniTransformer(config), tokenizer, Optional.of(summary));
    }

    @Test
    void roundTripIsBitExact() throws IOException {
        ModelBundle original = bundle();
        Path file = dir.resolve("tiny.ckpt");
        Checkpoints.save(original, file);
        ModelBundle loaded = Checkpoints.load(file);
        assertEquals(original.model().config(), loaded.model().config());
        assertEquals(original.training(), loaded.training());
        assertEquals("tiny", loaded.name());
        assertArrayEquals(((CharTokenizer) original.tokenizer()).codePoints(), ((CharTokenizer) loaded.tokenizer()).codePoints());
        for (String name : original.model().parameters().names()) {
            float[] a = original.model().parameters().get(name).dup().data().asFloat();
            float[] b = loaded.model().parameters().get(name).dup().data().asFloat();
            assertTrue(Arrays.equals(a, b), name + " differs");
        }
        int[] prompt = original.tokenizer().encode("bad cafe");
        assertArrayEquals(original.model().nextLogits(prompt), loaded.model().nextLogits(prompt), 0f);
    }

    @Test
    void truncatedFileIsRefusedWithAClearMessage() throws IOException {
        Path file = dir.resolve("tiny.ckpt");
        Checkpoints.save(bundle(), file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.ckpt");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(truncated));
        assertTrue(e.getMessage().contains("truncated.ckpt"), e.getMessage());
    }

    @Test
    void corruptTensorIsRefusedByItsChecksum() throws IOException {
        Path file = dir.resolve("tiny.ckpt");
        Checkpoints.save(bundle(), file);
        Path corrupt = dir.resolve("corrupt.ckpt");
        rewrite(file, corrupt, (name, bytes) -> {
            if (name.equals("tensors/h1.attn.wq.npy")) {
                bytes[bytes.length - 1] ^= 0x40;
            }
            return bytes;
        });
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(corrupt));
        assertEquals("corrupt.ckpt: tensor h1.attn.wq is corrupt (checksum mismatch).", e.getMessage());
    }

    @Test
    void newerVersionIsRefused() throws IOException {
        Path file = dir.resolve("tiny.ckpt");
        Checkpoints.save(bundle(), file);
        Path newer = dir.resolve("newer.ckpt");
        rewrite(file, newer, (name, bytes) -> name.equals(Checkpoints.MANIFEST)
                ? new String(bytes, StandardCharsets.UTF_8).replace("\"version\" : 1", "\"version\" : 2").getBytes(StandardCharsets.UTF_8)
                : bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.load(newer));
        assertTrue(e.getMessage().contains("version 2") && e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void otherFilesAreRefused() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        assertThrows(CheckpointException.class, () -> Checkpoints.load(text));
        CheckpointException missing = assertThrows(CheckpointException.class, () -> Checkpoints.load(dir.resolve("nope.ckpt")));
        assertTrue(missing.getMessage().startsWith("No checkpoint at"));
    }

    interface Edit {
        byte[] apply(String name, byte[] bytes);
    }

    private static void rewrite(Path from, Path to, Edit edit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from)); ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] bytes = edit.apply(entry.getName(), in.readAllBytes());
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        Files.write(to, out.toByteArray());
    }
}
