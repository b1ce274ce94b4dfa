package workbench.lesson;

/**
 * Why a lesson cannot be used, and where: the file, the 1-based line, and a sentence a lesson
 * author can act on.
 *
 * @param file    the lesson's file name, e.g. "04-attention.md"
 * @param line    1-based line of the problem; 0 when it concerns the whole file
 * @param message what is wrong, in plain words
 */
public record LessonProblem(String file, int line, String message) {

    /** "04-attention.md, line 12: unknown setting 'hed'". */
    public String describe() {
        return file + (line > 0 ? ", line " + line : "") + ": " + message;
    }

    @Override
    public String toString() {
        return describe();
    }
}
