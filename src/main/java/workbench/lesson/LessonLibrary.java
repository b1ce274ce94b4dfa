package workbench.lesson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * All lessons that loaded, in order, and a problem for each file that did not. One broken file
 * never stops the others from loading.
 *
 * @param lessons  sorted by order, then file name
 * @param problems one per file that could not be used
 */
public record LessonLibrary(List<Lesson> lessons, List<LessonProblem> problems) {

    /** Lesson files are named NN-topic.md: two digits, a dash, a lower-case topic. */
    public static final Pattern FILE_NAME = Pattern.compile("\\d{2}-[a-z0-9][a-z0-9-]*\\.md");

    public LessonLibrary {
        lessons = List.copyOf(lessons);
        problems = List.copyOf(problems);
    }

    /** Parses every file; README.md is documentation and skipped. */
    public static LessonLibrary parse(List<LessonFile> files, LessonParser parser) {
        List<Lesson> lessons = new ArrayList<>();
        List<LessonProblem> problems = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        for (LessonFile f : files) {
            if (f.name().equalsIgnoreCase("README.md")) {
                continue;
            }
            if (!FILE_NAME.matcher(f.name()).matches()) {
                problems.add(new LessonProblem(f.name(), 0, "lesson files are named NN-topic.md (two digits, a dash, "
                        + "lower-case letters, digits and dashes), for example 04-attention.md"));
                continue;
            }
            if (f.text() == null) {
                problems.add(new LessonProblem(f.name(), 0, f.problem()));
                continue;
            }
            try {
                Lesson lesson = parser.parse(f.name(), f.text());
                String other = ids.putIfAbsent(lesson.id(), f.name());
                if (other != null) {
                    problems.add(new LessonProblem(f.name(), lineOfId(f.text()), "the id '" + lesson.id()
                            + "' is already used by " + other));
                    continue;
                }
                lessons.add(lesson);
            } catch (LessonFormatException broken) {
                problems.add(broken.problem());
            } catch (RuntimeException unexpected) {
                // A parser bug must not take the other lessons down; it is reported like a broken file.
                problems.add(new LessonProblem(f.name(), 0, "could not be read: " + unexpected));
            }
        }
        lessons.sort(Comparator.comparingInt(Lesson::order).thenComparing(Lesson::file));
        return new LessonLibrary(lessons, problems);
    }

    /** The lessons shipped on the class path. A class path that cannot be listed is one problem. */
    public static LessonLibrary bundled(LessonParser parser) {
        try {
            return parse(LessonFile.bundled(), parser);
        } catch (IOException unreadable) {
            return new LessonLibrary(List.of(), List.of(new LessonProblem(LessonFile.BUNDLED_FOLDER, 0,
                    "the lessons could not be listed: " + unreadable.getMessage())));
        }
    }

    public Optional<Lesson> find(String id) {
        return lessons.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    private static int lineOfId(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith("id:")) {
                return i + 1;
            }
        }
        return 0;
    }
}
