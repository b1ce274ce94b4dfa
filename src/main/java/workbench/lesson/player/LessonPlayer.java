package workbench.lesson.player;

import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import workbench.lesson.LabDirective;
import workbench.lesson.Lesson;
import workbench.lesson.LessonLibrary;
import workbench.lesson.LessonProblem;
import workbench.lesson.LessonProgress;
import workbench.lesson.ProgressStore;
import workbench.lesson.StepState;
import workbench.ui.common.LabPage;
import workbench.ui.common.LabSettings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Plays lessons: opens one beside its lab, moves through its steps, applies each step's state to
 * the lab through the page contract ({@link LessonHost#showLab}, {@link LabSettings#apply},
 * node ids), rings the nodes a step points at, and saves where the learner is. A directive the
 * lab refuses is reported with its file and line and the rest of the step still applies.
 * Use on the JavaFX thread.
 */
public final class LessonPlayer {

    /** The lessons list, which opens lessons through this player. */
    public static final String LESSONS_LAB = "lessons";

    private final Supplier<LessonLibrary> librarySource;
    private final ProgressStore store;
    private final Map<String, String> labNames;
    private LessonLibrary library;
    private final ObjectProperty<LessonProgress> progress = new SimpleObjectProperty<>(this, "progress");
    private final ObservableMap<String, List<LessonProblem>> stepProblems = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<Lesson> lesson = new ReadOnlyObjectWrapper<>(this, "lesson");
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(this, "step", 0);
    private final ReadOnlyIntegerWrapper revealed = new ReadOnlyIntegerWrapper(this, "revealed", 0);
    private final LessonPane pane;
    private String progressProblem;
    private boolean saveFailureShown;
    private LessonHost host;
    private HighlightRing ring;
    private PresenterMode presenter;

    /**
     * @param library  read on first use, so that start-up does not wait for the lessons
     * @param store    where progress is kept
     * @param labNames the labs' names by id, for the lessons list
     */
    public LessonPlayer(Supplier<LessonLibrary> library, ProgressStore store, Map<String, String> labNames) {
        this.librarySource = library;
        this.store = store;
        this.labNames = Map.copyOf(labNames);
        this.pane = new LessonPane(new LessonPane.Actions() {
            @Override
            public void back() {
                LessonPlayer.this.back();
            }

            @Override
            public void next() {
                LessonPlayer.this.next();
            }

            @Override
            public void reveal() {
                LessonPlayer.this.reveal();
            }

            @Override
            public void close() {
                LessonPlayer.this.close();
            }

            @Override
            public void present() {
                togglePresenter();
            }
        });
    }

    /** Connects the player to the window; F5 then presents the open lesson. */
    public void attach(LessonHost host) {
        this.host = host;
        this.ring = new HighlightRing(host.overlay());
        host.overlay().getStylesheets().add(LessonPane.class.getResource("/workbench/ui/lessons.css").toExternalForm());
        this.presenter = new PresenterMode(host, pane, new PresenterMode.Moves() {
            @Override
            public void forward() {
                advance();
            }

            @Override
            public void backward() {
                back();
            }
        });
        host.scene().getAccelerators().put(new KeyCodeCombination(KeyCode.F5), this::togglePresenter);
        // Labs put some settings back to the model's own when a model arrives (its mask, its layer
        // count); once they have, the open step is applied again so the screen is what the step says.
        host.models().modelProperty().addListener((obs, old, now) -> {
            if (now != null && lesson.get() != null) {
                Platform.runLater(() -> {
                    if (lesson.get() != null) {
                        apply(lesson.get(), step.get());
                    }
                });
            }
        });
        progress();
        if (progressProblem != null) {
            host.notifier().warn(progressProblem);
            progressProblem = null;
        }
    }

    /** The name of a lab as the navigation shows it ("FlashAttention"), or its id. */
    public String labName(String labId) {
        return labNames.getOrDefault(labId, labId);
    }

    public boolean isAttached() {
        return host != null;
    }

    public LessonLibrary library() {
        if (library == null) {
            library = librarySource.get();
        }
        return library;
    }

    /** Progress, read from disk on first use. */
    public LessonProgress progress() {
        if (progress.get() == null) {
            ProgressStore.Loaded loaded = store.load();
            progress.set(loaded.progress());
            loaded.problem().ifPresent(problem -> {
                if (host != null) {
                    host.notifier().warn(problem);
                } else {
                    progressProblem = problem;
                }
            });
        }
        return progress.get();
    }

    public ReadOnlyObjectProperty<LessonProgress> progressProperty() {
        progress();
        return progress;
    }

    /** Problems found while applying steps, by lesson id (shown on the lesson's card). */
    public ObservableMap<String, List<LessonProblem>> stepProblems() {
        return stepProblems;
    }

    public ReadOnlyObjectProperty<Lesson> lessonProperty() {
        return lesson.getReadOnlyProperty();
    }

    public Optional<Lesson> lesson() {
        return Optional.ofNullable(lesson.get());
    }

    /** The 0-based step shown. */
    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public int step() {
        return step.get();
    }

    /** How many of the step's predictions have been revealed. */
    public int revealed() {
        return revealed.get();
    }

    public LessonPane pane() {
        return pane;
    }

    public Optional<HighlightRing> ring() {
        return Optional.ofNullable(ring);
    }

    public boolean isPresenting() {
        return presenter != null && presenter.isActive();
    }

    public Optional<PresenterMode> presenter() {
        return Optional.ofNullable(presenter);
    }

    /** Opens a lesson at the step the learner was on. */
    public List<LessonProblem> open(Lesson chosen) {
        return openAt(chosen, progress().resumeStep(chosen));
    }

    /** Opens a lesson from its first step, forgetting the step the learner was on and their guesses. */
    public List<LessonProblem> restart(Lesson chosen) {
        save(progress().withStep(chosen.id(), 0)); // a finished lesson stays marked done
        pane.forgetGuesses(chosen.id());
        return openAt(chosen, 0);
    }

    /**
     * Opens {@code chosen} at step {@code index} and applies the step's state. The labs are not
     * reset: what a learner computed there (a trained model, a measurement) stays, and every
     * setting a lesson relies on is set by its own steps.
     */
    public List<LessonProblem> openAt(Lesson chosen, int index) {
        requireHost();
        lesson.set(chosen);
        stepProblems.remove(chosen.id());
        host.dock(pane);
        return goTo(index);
    }

    /** Shows step {@code index} (0-based) and applies its state to the lab. */
    public List<LessonProblem> goTo(int index) {
        requireHost();
        Lesson current = lesson.get();
        if (current == null) {
            return List.of();
        }
        int clamped = Math.max(0, Math.min(index, current.steps().size() - 1));
        step.set(clamped);
        revealed.set(0);
        pane.show(current, clamped, 0);
        save(progress().withStep(current.id(), clamped));
        return apply(current, clamped);
    }

    public List<LessonProblem> next() {
        Lesson current = lesson.get();
        if (current == null) {
            return List.of();
        }
        if (step.get() < current.steps().size() - 1) {
            return goTo(step.get() + 1);
        }
        finish();
        return List.of();
    }

    public List<LessonProblem> back() {
        if (lesson.get() == null || step.get() == 0) {
            return List.of();
        }
        return goTo(step.get() - 1);
    }

    /** Forward as a clicker means it: first reveal the answer the step is waiting for, then the next step. */
    public void advance() {
        Lesson current = lesson.get();
        if (current == null) {
            return;
        }
        if (revealed.get() < current.steps().get(step.get()).predictions()) {
            reveal();
        } else if (step.get() < current.steps().size() - 1) {
            goTo(step.get() + 1);
        } else {
            save(progress().withDone(current.id()));
        }
    }

    /** Reveals the answer of the step's next prediction. */
    public void reveal() {
        Lesson current = lesson.get();
        if (current == null || revealed.get() >= current.steps().get(step.get()).predictions()) {
            return;
        }
        revealed.set(revealed.get() + 1);
        pane.show(current, step.get(), revealed.get());
    }

    /** The last step's Finish: marks the lesson done and goes back to the list of lessons. */
    public void finish() {
        Lesson current = lesson.get();
        if (current == null) {
            return;
        }
        save(progress().withDone(current.id()));
        if (!isPresenting()) {
            close();
            host.showLab(LESSONS_LAB);
        }
    }

    /** Closes the lesson pane; the step reached stays saved. */
    public void close() {
        if (presenter != null) {
            presenter.leave();
        }
        if (ring != null) {
            ring.clear();
        }
        if (host != null) {
            host.dock(null);
        }
        lesson.set(null);
    }

    public void togglePresenter() {
        requireHost();
        if (presenter.isActive()) {
            presenter.leave();
        } else if (lesson.get() != null) {
            presenter.enter();
            // The projector theme changes sizes; ring the step's nodes again once that is laid out.
            apply(lesson.get(), step.get());
        } else {
            host.notifier().info("Open a lesson from the Lessons lab first; F5 then presents it full screen.");
        }
    }

    /**
     * Applies the state of step {@code index}: shows its lab, selects its model, sets its
     * settings, and rings its highlights. Returns the directives the lab refused, each named by
     * file and line; they are also reported to the user and shown on the lesson's card.
     */
    List<LessonProblem> apply(Lesson current, int index) {
        StepState state = current.stateAt(index);
        List<LessonProblem> problems = new ArrayList<>();
        host.showLab(state.lab());
        LabPage page = host.page(state.lab());
        LabSettings settings = page.settings();
        // A lab with a setting of its own called "model" (the Memory lab's published models) takes
        // the line; otherwise it picks the workbench's model. Either way it goes first, as
        // choosing a model may fill in other settings.
        state.model().ifPresent(d -> {
            if (!settings.keys().contains(LabDirective.MODEL)) {
                attempt(current, d, problems, () -> host.selectModel(d.value()));
            } else if (d.lab().equals(state.lab())) {
                attempt(current, d, problems, () -> settings.apply(d.key(), d.value()));
            }
        });
        for (LabDirective d : state.settings()) {
            attempt(current, d, problems, () -> settings.apply(d.key(), d.value()));
        }
        // Skins create the nodes inside controls; CSS and layout now, so the ids can be found.
        host.scene().getRoot().applyCss();
        host.scene().getRoot().layout();
        List<Node> targets = new ArrayList<>();
        for (LabDirective d : state.highlights()) {
            for (String id : d.highlightIds()) {
                Optional<Node> node = HighlightRing.find(page.view(), id).or(() -> HighlightRing.find(page.controls(), id));
                if (node.isPresent()) {
                    targets.add(node.get());
                } else {
                    problems.add(problem(current, d, "there is no node with id '" + id + "' in the " + state.lab() + " lab"));
                }
            }
        }
        if (isPresenting()) {
            // The lesson drives the lab, so its controls only take room when the step points into them.
            boolean intoControls = targets.stream().anyMatch(n -> isInside(n, page.controls()));
            host.setControlsVisible(intoControls);
            host.scene().getRoot().applyCss();
            host.scene().getRoot().layout();
        }
        ring.show(targets);
        if (!problems.isEmpty()) {
            List<LessonProblem> all = new ArrayList<>(stepProblems.getOrDefault(current.id(), List.of()));
            problems.stream().filter(p -> !all.contains(p)).forEach(all::add);
            stepProblems.put(current.id(), List.copyOf(all));
            for (LessonProblem p : problems) {
                host.notifier().warn("This lesson step could not set the lab: " + p.describe());
            }
        }
        return problems;
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static void attempt(Lesson current, LabDirective d, List<LessonProblem> problems, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException refused) {
            problems.add(problem(current, d, d.key() + ": " + refused.getMessage()));
        }
    }

    private static LessonProblem problem(Lesson current, LabDirective d, String message) {
        return new LessonProblem(current.file(), d.line(), message);
    }

    private void save(LessonProgress next) {
        progress.set(next);
        try {
            store.save(next);
        } catch (IOException | RuntimeException failure) {
            if (!saveFailureShown && host != null) {
                saveFailureShown = true;
                host.notifier().error("Lesson progress could not be saved to " + store.file(), failure);
            }
        }
    }

    private void requireHost() {
        if (host == null) {
            throw new IllegalStateException("the lesson player is not attached to a window");
        }
    }
}
