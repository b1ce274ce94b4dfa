package workbench.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import workbench.core.io.AtomicFiles;
import workbench.core.tensor.Npy;
import workbench.core.tensor.ParameterSet;
import workbench.core.tokenizer.Tokenizer;
import workbench.core.tokenizer.TokenizerCodec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The checkpoint format, version 1: a ZIP archive holding
 * <ul>
 *   <li>{@code checkpoint.json}: {@code format} ("transformer-workbench-checkpoint"), {@code version}
 *       (1), {@code name}, {@code config} (the {@link TransformerConfig} fields), {@code tokenizer},
 *       {@code training} (a {@link TrainingSummary}, optional) and {@code tensors}: for each
 *       parameter its {@code name}, {@code shape}, {@code file} and the {@code sha256} of that file;</li>
 *   <li>{@code tensors/NAME.npy}: each parameter as a little-endian float32 NumPy array.</li>
 * </ul>
 * No Java serialization: anyone can unzip a checkpoint and read it with NumPy. Saving is atomic;
 * loading checks everything and names the first problem it finds.
 */
public final class Checkpoints {

    public static final String FORMAT = "transformer-workbench-checkpoint";
    public static final int VERSION = 1;
    /** The bundled model, on the class path. */
    public static final String BUNDLED = "/assets/models/kjv-char.ckpt";
    static final String MANIFEST = "checkpoint.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoints() {
    }

    public static void save(ModelBundle bundle, Path file) throws IOException {
        MiniTransformer model = bundle.model();
        ParameterSet parameters = model.parameters();
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("version", VERSION);
        manifest.put("name", bundle.name());
        manifest.set("config", JSON.valueToTree(model.config()));
        manifest.set("tokenizer", TokenizerCodec.toJson(bundle.tokenizer()));
        bundle.training().ifPresent(t -> manifest.set("training", JSON.valueToTree(t)));
        ArrayNode index = manifest.putArray("tensors");
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (ParameterSet.Spec spec : parameters.specs()) {
            INDArray value = parameters.get(spec.name()).castTo(DataType.FLOAT);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Npy.write(bytes, spec.shape(), value.dup('c').data().asFloat());
            String path = "tensors/" + spec.name() + ".npy";
            files.put(path, bytes.toByteArray());
            ObjectNode entry = index.addObject();
            entry.put("name", spec.name());
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(spec.shape()).forEach(shape::add);
            entry.put("file", path);
            entry.put("sha256", sha256(bytes.toByteArray()));
        }
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifestBytes);
            zip.closeEntry();
            for (Map.Entry<String, byte[]> entry : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    public static ModelBundle load(Path file) throws CheckpointException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        } catch (NoSuchFileException missing) {
            throw new CheckpointException("No checkpoint at " + file + ".");
        } catch (CheckpointException bad) {
            throw bad;
        } catch (IOException unreadable) {
            throw new CheckpointException("Could not read " + file + ": " + unreadable.getMessage(), unreadable);
        }
    }

    /** The model that ships with the app. */
    public static ModelBundle bundled() throws CheckpointException {
        return loadResource(BUNDLED);
    }

    public static ModelBundle loadResource(String resource) throws CheckpointException {
        try (InputStream in = Checkpoints.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new CheckpointException("The bundled model " + resource + " is missing from the class path.");
            }
            return read(in, resource);
        } catch (CheckpointException bad) {
            throw bad;
        } catch (IOException unreadable) {
            throw new CheckpointException("Could not read " + resource + ": " + unreadable.getMessage(), unreadable);
        }
    }

    /** Reads a checkpoint from a stream; {@code label} names it in error messages. */
    public static ModelBundle read(InputStream in, String label) throws CheckpointException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (ZipException | java.io.EOFException damaged) {
            throw new CheckpointException(label + " is damaged or truncated (" + damaged.getMessage() + ").", damaged);
        } catch (IOException unreadable) {
            throw new CheckpointException(label + " could not be read (" + unreadable.getMessage() + ").", unreadable);
        }
        byte[] manifestBytes = entries.get(MANIFEST);
        if (manifestBytes == null) {
            throw new CheckpointException(label + " is not a workbench checkpoint (it has no " + MANIFEST + ").");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestBytes);
        } catch (IOException badJson) {
            throw new CheckpointException(label + ": " + MANIFEST + " is not valid JSON (" + rootMessage(badJson) + ").");
        }
        if (!FORMAT.equals(manifest.path("format").asText())) {
            throw new CheckpointException(label + " is not a workbench checkpoint (format is '"
                    + manifest.path("format").asText() + "').");
        }
        int version = manifest.path("version").asInt(-1);
        if (version != VERSION) {
            throw new CheckpointException(label + " has checkpoint version " + version + "; this app reads version "
                    + VERSION + (version > VERSION ? " (it was written by a newer app)." : "."));
        }
        TransformerConfig config;
        Tokenizer tokenizer;
        Optional<TrainingSummary> training = Optional.empty();
        try {
            config = JSON.treeToValue(manifest.path("config"), TransformerConfig.class);
            tokenizer = TokenizerCodec.fromJson(manifest.path("tokenizer"));
            if (manifest.has("training")) {
                training = Optional.of(JSON.treeToValue(manifest.get("training"), TrainingSummary.class));
            }
        } catch (IOException | IllegalArgumentException invalid) {
            throw new CheckpointException(label + " has an invalid configuration: " + rootMessage(invalid));
        }
        MiniTransformer model;
        try {
            model = MiniTransformer.blank(config);
        } catch (OutOfMemoryError tooBig) {
            throw new CheckpointException(label + " describes a model too large for this machine's memory.");
        }
        Map<String, JsonNode> index = new HashMap<>();
        manifest.path("tensors").forEach(t -> index.put(t.path("name").asText(), t));
        ParameterSet parameters = model.parameters();
        for (ParameterSet.Spec spec : parameters.specs()) {
            JsonNode entry = index.get(spec.name());
            if (entry == null) {
                throw new CheckpointException(label + " lacks the tensor " + spec.name() + ".");
            }
            byte[] bytes = entries.get(entry.path("file").asText());
            if (bytes == null) {
                throw new CheckpointException(label + " lacks the file " + entry.path("file").asText() + ".");
            }
            if (!sha256(bytes).equals(entry.path("sha256").asText())) {
                throw new CheckpointException(label + ": tensor " + spec.name() + " is corrupt (checksum mismatch).");
            }
            Npy.Array array;
            try {
                array = Npy.read(new ByteArrayInputStream(bytes));
            } catch (IOException bad) {
                throw new CheckpointException(label + ": tensor " + spec.name() + " is unreadable (" + bad.getMessage() + ").");
            }
            if (!Arrays.equals(array.shape(), spec.shape())) {
                throw new CheckpointException(label + ": tensor " + spec.name() + " has shape "
                        + Arrays.toString(array.shape()) + ", the configuration needs " + Arrays.toString(spec.shape()) + ".");
            }
            parameters.get(spec.name()).assign(Nd4j.create(array.data(), spec.shape(), 'c'));
        }
        String name = manifest.path("name").asText(label);
        try {
            return new ModelBundle(name, model, tokenizer, training);
        } catch (IllegalArgumentException mismatch) {
            throw new CheckpointException(label + ": " + mismatch.getMessage() + ".");
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
