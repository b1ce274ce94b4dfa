package workbench.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A lesson read from {@code lessons/NN-topic.md}.
 *
 * @param id      stable id from the front matter (progress is saved under it)
 * @param title   shown in the list and above the steps
 * @param lab     the lab the lesson opens
 * @param order   position in the list of lessons
 * @param file    the file it was read from, for messages
 * @param summary the text before the first step, shown on the lesson's card
 * @param steps   at least one
 */
public record Lesson(String id, String title, String lab, int order, String file, List<Block> summary,
                     List<Step> steps) {

    public Lesson {
        summary = List.copyOf(summary);
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a lesson needs at least one step");
        }
    }

    /** Every lab the lesson shows or sets. */
    public Set<String> labs() {
        Set<String> labs = new LinkedHashSet<>();
        labs.add(lab);
        for (Step s : steps) {
            for (LabDirective d : s.directives()) {
                labs.add(d.lab());
            }
        }
        return labs;
    }

    /**
     * The state on arriving at step {@code index} (0-based): the directives of steps 0..index
     * folded together.
     */
    public StepState stateAt(int index) {
        if (index < 0 || index >= steps.size()) {
            throw new IndexOutOfBoundsException("step " + index + " of " + steps.size());
        }
        String shown = lab;
        LabDirective model = null;
        // Per lab, per key, the latest line; re-inserting moves a key to the end (the order it was last set).
        Map<String, LinkedHashMap<String, LabDirective>> settings = new LinkedHashMap<>();
        for (int i = 0; i <= index; i++) {
            for (LabDirective d : steps.get(i).directives()) {
                switch (d.key()) {
                    case LabDirective.LAB -> shown = d.value();
                    case LabDirective.MODEL -> model = d;
                    case LabDirective.HIGHLIGHT -> { }
                    default -> {
                        LinkedHashMap<String, LabDirective> ofLab = settings.computeIfAbsent(d.lab(), k -> new LinkedHashMap<>());
                        ofLab.remove(d.key());
                        ofLab.put(d.key(), d);
                    }
                }
            }
        }
        List<LabDirective> highlights = new ArrayList<>();
        for (LabDirective d : steps.get(index).directives()) {
            if (d.key().equals(LabDirective.HIGHLIGHT)) {
                highlights.add(d);
            }
        }
        List<LabDirective> shownSettings = new ArrayList<>(settings.getOrDefault(shown, new LinkedHashMap<>()).values());
        return new StepState(shown, Optional.ofNullable(model), shownSettings, highlights);
    }
}
