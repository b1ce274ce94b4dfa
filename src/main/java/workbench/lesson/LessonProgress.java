package workbench.lesson;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a learner is in each lesson: the step they were on, and whether they finished it.
 * Immutable; every change returns a new value. Lessons that no longer exist keep their entry,
 * so that a lesson renamed back finds its progress again.
 *
 * @param lessons by lesson id
 */
public record LessonProgress(Map<String, Entry> lessons) {

    public static final LessonProgress EMPTY = new LessonProgress(Map.of());

    /**
     * @param step 0-based step the learner was on
     * @param done whether they reached the end of the lesson at least once
     */
    public record Entry(int step, boolean done) {
        public Entry {
            if (step < 0) {
                throw new IllegalArgumentException("step must be 0 or more, not " + step);
            }
        }
    }

    public LessonProgress {
        lessons = Collections.unmodifiableMap(new LinkedHashMap<>(lessons));
    }

    public Optional<Entry> of(String lessonId) {
        return Optional.ofNullable(lessons.get(lessonId));
    }

    /** The step to resume {@code lesson} at, within its steps. */
    public int resumeStep(Lesson lesson) {
        return of(lesson.id()).map(e -> Math.min(e.step(), lesson.steps().size() - 1)).orElse(0);
    }

    public boolean isDone(String lessonId) {
        return of(lessonId).map(Entry::done).orElse(false);
    }

    public LessonProgress withStep(String lessonId, int step) {
        Map<String, Entry> next = new LinkedHashMap<>(lessons);
        next.put(lessonId, new Entry(step, isDone(lessonId)));
        return new LessonProgress(next);
    }

    public LessonProgress withDone(String lessonId) {
        Map<String, Entry> next = new LinkedHashMap<>(lessons);
        next.put(lessonId, new Entry(of(lessonId).map(Entry::step).orElse(0), true));
        return new LessonProgress(next);
    }

    /** Forgets a lesson's progress (start again). */
    public LessonProgress without(String lessonId) {
        Map<String, Entry> next = new LinkedHashMap<>(lessons);
        next.remove(lessonId);
        return new LessonProgress(next);
    }
}
