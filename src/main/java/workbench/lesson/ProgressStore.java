package workbench.lesson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import workbench.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps {@link LessonProgress} in {@code lesson-progress.json} in the config folder. Saving
 * writes a temporary file and moves it into place ({@link AtomicFiles}), so a crash leaves
 * either the old file or the new one. A damaged file is never fatal: it is kept beside as
 * {@code lesson-progress.json.corrupt}, replaced by an empty one, and reported.
 */
public final class ProgressStore {

    public static final String FILE_NAME = "lesson-progress.json";
    static final String FORMAT = "workbench-lesson-progress";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public ProgressStore(Path folder) {
        this.file = folder.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The progress read, and a message for the user if the file had to be replaced. */
    public record Loaded(LessonProgress progress, Optional<String> problem) {
    }

    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(LessonProgress.EMPTY, Optional.empty());
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return new Loaded(parse(text), Optional.empty());
        } catch (IOException | IllegalArgumentException damaged) {
            return new Loaded(LessonProgress.EMPTY, Optional.of(replaceDamaged(reason(damaged))));
        }
    }

    public void save(LessonProgress progress) throws IOException {
        AtomicFiles.writeString(file, format(progress));
    }

    static String format(LessonProgress progress) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ObjectNode lessons = root.putObject("lessons");
        progress.lessons().forEach((id, e) -> {
            ObjectNode entry = lessons.putObject(id);
            entry.put("step", e.step());
            entry.put("done", e.done());
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Reads the JSON; anything not exactly as {@link #format} writes it is an IllegalArgumentException. */
    static LessonProgress parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            throw new IllegalArgumentException("it is not valid JSON (" + notJson.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("it holds no JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new IllegalArgumentException("it is not a lesson progress file");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("its version is " + root.path("version") + ", not " + VERSION);
        }
        JsonNode lessons = root.path("lessons");
        if (!lessons.isObject()) {
            throw new IllegalArgumentException("it has no 'lessons' object");
        }
        Map<String, LessonProgress.Entry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = lessons.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode step = field.getValue().path("step");
            JsonNode done = field.getValue().path("done");
            if (!step.isInt() || step.intValue() < 0 || !done.isBoolean()) {
                throw new IllegalArgumentException("the entry of lesson '" + field.getKey() + "' is not {step, done}");
            }
            entries.put(field.getKey(), new LessonProgress.Entry(step.intValue(), done.booleanValue()));
        }
        return new LessonProgress(entries);
    }

    private String replaceDamaged(String reason) {
        Path kept = file.resolveSibling(FILE_NAME + ".corrupt");
        try {
            Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException cannotKeep) {
            kept = null;
        }
        String replaced;
        try {
            save(LessonProgress.EMPTY);
            replaced = "it was replaced by an empty one";
        } catch (IOException cannotWrite) {
            replaced = "it could not be replaced (" + cannotWrite.getMessage() + ")";
        }
        return "The lesson progress file " + file + " was damaged: " + reason + ". Progress starts afresh; " + replaced
                + (kept != null ? ", and the old file is kept as " + kept.getFileName() : "") + ".";
    }

    private static String reason(Exception damaged) {
        if (damaged instanceof IllegalArgumentException) {
            return damaged.getMessage();
        }
        return "it could not be read (" + damaged.getClass().getSimpleName() + ")";
    }
}
