package workbench.lesson;

/** A lesson file that cannot be read as a lesson; {@link #problem()} names the file and line. */
public final class LessonFormatException extends Exception {

    private final transient LessonProblem problem;

    public LessonFormatException(LessonProblem problem) {
        super(problem.describe());
        this.problem = problem;
    }

    public LessonFormatException(String file, int line, String message) {
        this(new LessonProblem(file, line, message));
    }

    public LessonProblem problem() {
        return problem;
    }
}
