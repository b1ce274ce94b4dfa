package workbench.ui.recurrent;

import workbench.core.train.CorpusTask;
import workbench.core.train.SyntheticTask;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An entry of the task picker: one of the synthetic long-range tasks, or next-character
 * prediction on the bundled corpus.
 *
 * @param key       the name lessons use ("brackets", "first-token", "corpus")
 * @param synthetic the synthetic task, or null for the corpus
 */
record TaskChoice(String key, SyntheticTask synthetic) {

    static final TaskChoice CORPUS = new TaskChoice("corpus", null);
    static final List<TaskChoice> ALL = all();

    static TaskChoice of(SyntheticTask task) {
        return new TaskChoice(task.name().toLowerCase(Locale.ROOT).replace('_', '-'), task);
    }

    /** The choice named {@code key}; IllegalArgumentException listing the names otherwise. */
    static TaskChoice byKey(String key) {
        return ALL.stream().filter(c -> c.key.equals(key)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no task '" + key + "'; choose one of " + keys()));
    }

    static List<String> keys() {
        return ALL.stream().map(TaskChoice::key).toList();
    }

    boolean isCorpus() {
        return synthetic == null;
    }

    String label() {
        return isCorpus() ? "Next character (King James text)" : synthetic.label();
    }

    String description() {
        return isCorpus()
                ? "Read " + CorpusTask.WINDOW + " characters of the bundled King James text and predict each next "
                        + "character. Each character may depend on everything before it, so there is no single "
                        + "distance to plot: the lab shows held-out loss and accuracy instead."
                : synthetic.description();
    }

    /** The shortest distance the slider may be set to. */
    int minDistance() {
        return isCorpus() ? 1 : synthetic.minDistance();
    }

    @Override
    public String toString() {
        return label();
    }

    private static List<TaskChoice> all() {
        List<TaskChoice> out = new ArrayList<>();
        for (SyntheticTask t : SyntheticTask.values()) {
            out.add(of(t));
        }
        out.add(CORPUS);
        return List.copyOf(out);
    }
}
