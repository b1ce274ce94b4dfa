package workbench.lesson.player;

import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import workbench.lesson.Lesson;
import workbench.lesson.LessonProblem;
import workbench.lesson.LessonProgress;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.LabSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * The "Lessons" lab: every lesson as a card with its progress and a button that opens it beside
 * its lab, and an error card, naming file and line, for each lesson file that could not be read.
 */
public final class LessonsPage implements LabPage {

    public static final String ID = LessonPlayer.LESSONS_LAB;
    public static final String VIEW_ID = "lessons-view";
    public static final String LIST_ID = "lessons-list";
    public static final String CARD_CLASS = "lesson-card";
    public static final String ERROR_CARD_CLASS = "lesson-error-card";

    public static String cardId(String lessonId) {
        return "lesson-card-" + lessonId;
    }

    public static String openId(String lessonId) {
        return "lesson-open-" + lessonId;
    }

    public static String restartId(String lessonId) {
        return "lesson-restart-" + lessonId;
    }

    private final LabContext context;
    private final LessonPlayer player;
    private final VBox list = new VBox(12);
    private final ScrollPane view = new ScrollPane();
    private final VBox controls = new VBox(8);
    private final MapChangeListener<String, List<LessonProblem>> problemsChanged = change -> refresh();
    private final javafx.beans.value.ChangeListener<LessonProgress> progressChanged = (obs, old, now) -> refresh();

    public LessonsPage(LabContext context, LessonPlayer player) {
        this.context = context;
        this.player = player;
        Label title = new Label("Lessons");
        title.getStyleClass().add("page-title");
        Label intro = new Label("Each lesson opens its lab with a guide beside it. The guide sets the lab up step by step, "
                + "points at what to look at, and now and then asks you to predict before it shows the answer. "
                + "Your place in every lesson is kept between runs.");
        intro.setWrapText(true);
        intro.getStyleClass().add("hint");
        list.setId(LIST_ID);
        VBox content = new VBox(12, title, intro, list);
        content.setPadding(new Insets(12));
        content.setMaxWidth(900);
        view.setContent(content);
        view.setFitToWidth(true);
        view.setId(VIEW_ID);
        view.getStyleClass().add("lessons-view");
        view.getStylesheets().add(LessonsPage.class.getResource("/workbench/ui/lessons.css").toExternalForm());
        buildControls();
        player.stepProblems().addListener(problemsChanged);
        player.progressProperty().addListener(progressChanged);
        refresh();
    }

    private void buildControls() {
        Label presenting = new Label("Presenting to a class");
        presenting.getStyleClass().add("section-title");
        Label keys = new Label("In a lesson, press F5 (or Present) for full screen with the projector theme and large "
                + "text. Then only the keyboard is needed, so a presentation clicker works:\n\n"
                + "Page Down, → or ↓: next (reveals an answer first)\nPage Up, ← or ↑: back\nB or .: blank the screen\n"
                + "Esc: leave presenter mode");
        keys.setWrapText(true);
        Label writing = new Label("Writing lessons");
        writing.getStyleClass().add("section-title");
        Label how = new Label("Lessons are Markdown files in the lessons/ folder; lessons/README.md describes the format. "
                + "A lesson that cannot be read shows here as an error card naming the file and line.");
        how.setWrapText(true);
        how.getStyleClass().add("hint");
        controls.getChildren().addAll(presenting, keys, writing, how);
        controls.getStyleClass().add("controls-box");
    }

    /** Rebuilds the cards from the library, the progress and the problems found so far. */
    public void refresh() {
        List<Node> cards = new ArrayList<>();
        LessonProgress progress = player.progress();
        for (Lesson lesson : player.library().lessons()) {
            cards.add(card(lesson, progress));
        }
        for (LessonProblem problem : player.library().problems()) {
            cards.add(errorCard(problem));
        }
        if (cards.isEmpty()) {
            Label none = new Label("No lessons were found on the class path (lessons/).");
            none.getStyleClass().add("empty-state");
            cards.add(none);
        }
        list.getChildren().setAll(cards);
    }

    private Node card(Lesson lesson, LessonProgress progress) {
        Label number = new Label(Integer.toString(lesson.order()));
        number.getStyleClass().add("lesson-card-number");
        number.setMinWidth(Region.USE_PREF_SIZE);
        Label title = new Label(lesson.title());
        title.getStyleClass().add("lesson-card-title");
        title.setWrapText(true);
        HBox heading = new HBox(10, number, title);
        heading.setAlignment(Pos.CENTER_LEFT);

        LessonMarkdown markdown = new LessonMarkdown(p -> new Label());
        Node summary = markdown.render(lesson.summary());
        int steps = lesson.steps().size();
        Label meta = new Label(player.labName(lesson.lab()) + " lab   ·   " + steps + (steps == 1 ? " step" : " steps"));
        meta.getStyleClass().add("hint");

        boolean started = progress.of(lesson.id()).isPresent();
        boolean done = progress.isDone(lesson.id());
        int at = progress.resumeStep(lesson);
        ProgressBar bar = new ProgressBar(done ? 1 : started ? (at + 1) / (double) steps : 0);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.getStyleClass().add("lesson-card-progress");
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label state = new Label(done ? "Done ✓" : started ? "At step " + (at + 1) + " of " + steps : "Not started");
        state.getStyleClass().add(done ? "lesson-done" : "lesson-state");
        state.setMinWidth(Region.USE_PREF_SIZE);

        Button open = new Button(done ? "Review" : started ? "Continue" : "Start");
        open.setId(openId(lesson.id()));
        open.getStyleClass().add("lesson-open");
        open.setOnAction(e -> open(lesson, false));
        Button restart = new Button("Start over");
        restart.setId(restartId(lesson.id()));
        restart.setVisible(started);
        restart.setManaged(started);
        restart.setOnAction(e -> open(lesson, true));
        HBox row = new HBox(10, bar, state, restart, open);
        row.setAlignment(Pos.CENTER_LEFT);

        VBox card = new VBox(6, heading, summary, meta, row);
        List<LessonProblem> problems = player.stepProblems().getOrDefault(lesson.id(), List.of());
        for (LessonProblem p : problems) {
            Label warning = new Label("⚠ " + p.describe());
            warning.setWrapText(true);
            warning.getStyleClass().add("lesson-card-problem");
            card.getChildren().add(warning);
        }
        card.setId(cardId(lesson.id()));
        card.getStyleClass().add(CARD_CLASS);
        return card;
    }

    private static Node errorCard(LessonProblem problem) {
        Label title = new Label("This lesson could not be loaded: " + problem.file());
        title.getStyleClass().add("lesson-card-title");
        title.setWrapText(true);
        Label where = new Label(problem.describe());
        where.setWrapText(true);
        where.getStyleClass().add("lesson-error-text");
        VBox card = new VBox(6, title, where);
        card.getStyleClass().addAll(CARD_CLASS, ERROR_CARD_CLASS);
        return card;
    }

    private void open(Lesson lesson, boolean fromStart) {
        if (!player.isAttached()) {
            context.notifier().warn("Lessons open beside their lab in the workbench window.");
            return;
        }
        if (fromStart) {
            player.restart(lesson);
        } else {
            player.open(lesson);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Lessons";
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Node controls() {
        return controls;
    }

    @Override
    public void reset() {
        refresh();
    }

    @Override
    public void dispose() {
        player.stepProblems().removeListener(problemsChanged);
        player.progressProperty().removeListener(progressChanged);
    }

    /** Each lesson and its progress, for CSV export. */
    @Override
    public CsvTable table() {
        List<List<String>> rows = new ArrayList<>();
        LessonProgress progress = player.progress();
        for (Lesson lesson : player.library().lessons()) {
            rows.add(List.of(Integer.toString(lesson.order()), lesson.id(), lesson.title(), lesson.lab(),
                    Integer.toString(lesson.steps().size()),
                    progress.of(lesson.id()).map(e -> Integer.toString(Math.min(e.step(), lesson.steps().size() - 1) + 1)).orElse(""),
                    Boolean.toString(progress.isDone(lesson.id()))));
        }
        return rows.isEmpty() ? CsvTable.EMPTY
                : new CsvTable(List.of("order", "id", "title", "lab", "steps", "step_reached", "done"), rows);
    }

    @Override
    public LabSettings settings() {
        return new LabSettings();
    }
}
