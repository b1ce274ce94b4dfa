package workbench.lesson;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LessonLibraryTest {

    private final LessonParser parser = new LessonParser(LessonParserTest.LABS);

    @Test
    void brokenFilesAreReportedAndTheOthersStillLoad() {
        String two = LessonParserTest.lesson("## S\n").replace("id: x", "id: two").replace("order: 1", "order: 2");
        String one = LessonParserTest.lesson("## S\n").replace("id: x", "id: one");
        List<LessonFile> files = List.of(
                LessonFile.of("02-two.md", two),
                LessonFile.of("01-one.md", one),
                LessonFile.of("03-bad.md", LessonParserTest.lesson("## S\n\n```lab\nlab: nowhere\n```\n")),
                LessonFile.of("04-copy.md", one),
                LessonFile.of("notes.md", one),
                LessonFile.of("README.md", "# How to write lessons"),
                LessonFile.read("05-latin1.md", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)));
        LessonLibrary library = LessonLibrary.parse(files, parser);
        assertEquals(List.of("one", "two"), library.lessons().stream().map(Lesson::id).toList());
        assertEquals(List.of(
                "03-bad.md, line 11: unknown lab 'nowhere'; the labs are attention, memory, sampling",
                "04-copy.md, line 2: the id 'one' is already used by 01-one.md",
                "notes.md: lesson files are named NN-topic.md (two digits, a dash, lower-case letters, digits and dashes), for example 04-attention.md",
                "05-latin1.md: the file is not UTF-8 text"),
                library.problems().stream().map(LessonProblem::describe).toList());
        assertTrue(library.find("two").isPresent());
    }
}
