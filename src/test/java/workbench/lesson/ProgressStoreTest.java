package workbench.lesson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressStoreTest {

    @TempDir
    Path folder;

    @Test
    void roundTripsStepsAndDone() throws Exception {
        ProgressStore store = new ProgressStore(folder);
        assertEquals(LessonProgress.EMPTY, store.load().progress());
        LessonProgress progress = LessonProgress.EMPTY.withStep("tokens", 3).withDone("tokens").withStep("memory", 1);
        store.save(progress);
        ProgressStore.Loaded loaded = new ProgressStore(folder).load();
        assertTrue(loaded.problem().isEmpty());
        assertEquals(progress, loaded.progress());
        assertEquals(new LessonProgress.Entry(3, true), loaded.progress().of("tokens").orElseThrow());
        assertEquals(new LessonProgress.Entry(1, false), loaded.progress().of("memory").orElseThrow());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(ProgressStore.FILE_NAME), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void damagedFilesAreReportedKeptAndReplaced() throws Exception {
        for (String damaged : List.of("{\"format\":\"workbench-lesson-progress\",\"version\":1,\"lessons\":{\"a\":{\"step\":2",
                "", "[1, 2]", "{\"format\":\"other\"}", "{\"format\":\"workbench-lesson-progress\",\"version\":9,\"lessons\":{}}",
                "{\"format\":\"workbench-lesson-progress\",\"version\":1,\"lessons\":{\"a\":{\"step\":-1,\"done\":false}}}",
                "{\"format\":\"workbench-lesson-progress\",\"version\":1,\"lessons\":{\"a\":{\"step\":\"two\",\"done\":false}}}")) {
            Path file = folder.resolve(ProgressStore.FILE_NAME);
            Files.writeString(file, damaged, StandardCharsets.UTF_8);
            ProgressStore.Loaded loaded = new ProgressStore(folder).load();
            assertEquals(LessonProgress.EMPTY, loaded.progress(), damaged);
            String message = loaded.problem().orElseThrow();
            assertTrue(message.contains("was damaged") && message.contains(ProgressStore.FILE_NAME + ".corrupt"), message);
            assertEquals(damaged, Files.readString(folder.resolve(ProgressStore.FILE_NAME + ".corrupt")));
            ProgressStore.Loaded again = new ProgressStore(folder).load();
            assertFalse(again.problem().isPresent(), "the damaged file was replaced by a good one");
        }
    }

    @Test
    void resumeStepStaysInsideTheLesson() throws Exception {
        Lesson lesson = new LessonParser(LessonParserTest.LABS).parse("05-heads.md", LessonParserTest.GOOD);
        assertEquals(0, LessonProgress.EMPTY.resumeStep(lesson));
        assertEquals(1, LessonProgress.EMPTY.withStep("heads", 1).resumeStep(lesson));
        assertEquals(2, LessonProgress.EMPTY.withStep("heads", 40).resumeStep(lesson));
        assertFalse(LessonProgress.EMPTY.withStep("heads", 1).isDone("heads"));
        assertTrue(LessonProgress.EMPTY.withDone("heads").withStep("heads", 0).isDone("heads"));
    }
}
