package workbench.lesson;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A lesson file as read from disk or the class path: its name and its text, or why it could not
 * be read.
 *
 * @param name    the file name, e.g. "01-tokens.md"
 * @param text    the content (null when unreadable)
 * @param problem why it could not be read (null when readable)
 */
public record LessonFile(String name, String text, String problem) {

    /** Lesson files larger than this are refused: a lesson is prose, not data. */
    public static final int MAX_BYTES = 512 * 1024;
    /** The class-path folder the lessons ship in. */
    public static final String BUNDLED_FOLDER = "/lessons";

    public static LessonFile of(String name, String text) {
        return new LessonFile(name, text, null);
    }

    /** The Markdown files of a folder, by name; other files are skipped. */
    public static List<LessonFile> folder(Path folder) throws IOException {
        List<LessonFile> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".md") && Files.isRegularFile(p)) {
                    files.add(read(name, Files.size(p) > MAX_BYTES ? null : Files.readAllBytes(p)));
                }
            }
        }
        return files;
    }

    /** The lessons shipped on the class path under /lessons, whether from a folder or a jar. */
    public static List<LessonFile> bundled() throws IOException {
        URL url = LessonFile.class.getResource(BUNDLED_FOLDER);
        if (url == null) {
            return List.of();
        }
        try {
            if (url.getProtocol().equals("jar")) {
                FileSystem fs;
                boolean opened = false;
                try {
                    fs = FileSystems.newFileSystem(url.toURI(), Map.of());
                    opened = true;
                } catch (FileSystemAlreadyExistsException open) {
                    fs = FileSystems.getFileSystem(url.toURI());
                }
                try {
                    return folder(fs.getPath(BUNDLED_FOLDER));
                } finally {
                    if (opened) {
                        fs.close();
                    }
                }
            }
            return folder(Path.of(url.toURI()));
        } catch (URISyntaxException | RuntimeException bad) {
            throw new IOException("the lessons folder " + url + " cannot be listed", bad);
        }
    }

    /** Reads one class-path or disk file's bytes as strict UTF-8. */
    static LessonFile read(String name, byte[] bytes) {
        if (bytes == null || bytes.length > MAX_BYTES) {
            return new LessonFile(name, null, "the file is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return new LessonFile(name, text, null);
        } catch (CharacterCodingException notUtf8) {
            return new LessonFile(name, null, "the file is not UTF-8 text");
        }
    }
}
