package workbench.lesson.player;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import workbench.lesson.Block;
import workbench.lesson.Lesson;
import workbench.lesson.Step;

import java.util.HashMap;
import java.util.Map;

/**
 * The lesson beside the lab: the lesson's title, the step's text, and Back / Next. It draws what
 * the {@link LessonPlayer} tells it and reports clicks back; it never sets the lab itself.
 * Collapsed, it shrinks to a narrow strip; presenting, it hides its buttons and enlarges its text.
 */
public final class LessonPane extends VBox {

    public static final String ID = "lesson-pane";
    public static final String TITLE_ID = "lesson-title";
    public static final String COUNTER_ID = "lesson-step-counter";
    public static final String STEP_TITLE_ID = "lesson-step-title";
    public static final String BODY_ID = "lesson-body";
    public static final String BACK_ID = "lesson-back";
    public static final String NEXT_ID = "lesson-next";
    public static final String CLOSE_ID = "lesson-close";
    public static final String PRESENT_ID = "lesson-present";
    public static final String COLLAPSE_ID = "lesson-collapse";
    public static final String EXPAND_ID = "lesson-expand";
    public static final String KEYS_ID = "lesson-keys";
    public static final String PREDICT_CLASS = "lesson-predict";
    public static final String ANSWER_CLASS = "lesson-answer";
    /** Id of the Reveal button of the step's prediction number {@code n} (0-based). */
    public static String revealId(int n) {
        return "lesson-reveal-" + n;
    }

    /** Width of the pane beside the lab, in normal mode. */
    static final double WIDTH = 400;
    /** Share of the window's width the pane takes while presenting. */
    static final double PRESENTING_SHARE = 0.38;

    /** What the pane asks its player to do. */
    public interface Actions {
        void back();

        void next();

        void reveal();

        void close();

        void present();
    }

    private final Actions actions;
    private final Label title = new Label();
    private final Label counter = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label stepTitle = new Label();
    private final VBox body = new VBox();
    private final ScrollPane scroll = new ScrollPane(body);
    private final Button back = new Button("◀ Back");
    private final Button next = new Button("Next ▶");
    private final Button present = new Button("Present");
    private final Button collapse = new Button("»");
    private final Button close = new Button("✕");
    private final HBox footer;
    private final HBox tools;
    private final Label keys = new Label("Page Down / → next   ·   Page Up / ← back   ·   B blank   ·   Esc leave");
    private final VBox expanded;
    private final Button expand = new Button("«");
    private final Map<String, String> guesses = new HashMap<>();
    private boolean presenting;
    private boolean collapsed;
    /** The step on screen, drawn again when presenting starts or stops. */
    private Shown shown;

    private record Shown(Lesson lesson, int index, int revealed) {
    }

    public LessonPane(Actions actions) {
        this.actions = actions;
        setId(ID);
        getStyleClass().add("lesson-pane");
        getStylesheets().add(LessonPane.class.getResource("/workbench/ui/lessons.css").toExternalForm());

        title.setId(TITLE_ID);
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        counter.setId(COUNTER_ID);
        counter.getStyleClass().add("lesson-counter");
        progress.getStyleClass().add("lesson-progress");
        progress.setMaxWidth(Double.MAX_VALUE);

        present.setId(PRESENT_ID);
        present.setTooltip(new Tooltip("Present this lesson full screen (F5): Page Up/Down or the arrow keys move, "
                + "B blanks the screen, Esc leaves"));
        present.setOnAction(e -> actions.present());
        collapse.setId(COLLAPSE_ID);
        collapse.setTooltip(new Tooltip("Fold the lesson away to give the lab more room"));
        collapse.setOnAction(e -> setCollapsed(true));
        close.setId(CLOSE_ID);
        close.setTooltip(new Tooltip("Close the lesson (your step is kept)"));
        close.setOnAction(e -> actions.close());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        tools = new HBox(6, counter, grow, present, collapse, close);
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.getStyleClass().add("lesson-tools");

        stepTitle.setId(STEP_TITLE_ID);
        stepTitle.getStyleClass().add("lesson-step-title");
        stepTitle.setWrapText(true);
        body.getStyleClass().add("lesson-body-box");
        scroll.setId(BODY_ID);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("lesson-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        back.setId(BACK_ID);
        back.setOnAction(e -> actions.back());
        next.setId(NEXT_ID);
        next.setDefaultButton(false);
        next.setOnAction(e -> actions.next());
        next.getStyleClass().add("lesson-next");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        footer = new HBox(8, back, gap, next);
        footer.setAlignment(Pos.CENTER);
        footer.getStyleClass().add("lesson-footer");

        keys.setId(KEYS_ID);
        keys.getStyleClass().add("lesson-keys");
        keys.setWrapText(true);
        keys.setVisible(false);
        keys.setManaged(false);

        expanded = new VBox(8, tools, title, progress, scroll, footer, keys);
        VBox.setVgrow(expanded, Priority.ALWAYS);
        expanded.setPadding(new Insets(12));

        expand.setId(EXPAND_ID);
        expand.setTooltip(new Tooltip("Show the lesson again"));
        expand.setOnAction(e -> setCollapsed(false));
        getChildren().setAll(expanded);
        setPrefWidth(WIDTH);
        setMinWidth(Region.USE_PREF_SIZE);
        setMaxWidth(Region.USE_PREF_SIZE);
    }

    /** Shows step {@code index} of {@code lesson} with its first {@code revealed} predictions answered. */
    public void show(Lesson lesson, int index, int revealed) {
        shown = new Shown(lesson, index, revealed);
        Step step = lesson.steps().get(index);
        int total = lesson.steps().size();
        title.setText(lesson.title());
        counter.setText("Step " + (index + 1) + " of " + total);
        progress.setProgress((index + 1) / (double) total);
        stepTitle.setText(step.title());
        int[] seen = {0};
        LessonMarkdown markdown = new LessonMarkdown(p -> prediction(lesson, index, p, seen[0]++, revealed));
        body.getChildren().setAll(stepTitle, markdown.render(step.body()));
        back.setDisable(index == 0);
        next.setText(index == total - 1 ? "Finish ✓" : "Next ▶");
        scroll.setVvalue(0);
    }

    private Node prediction(Lesson lesson, int step, Block.Prediction p, int number, int revealed) {
        LessonMarkdown markdown = new LessonMarkdown(nested -> new Label());
        Label badge = new Label("Predict");
        badge.getStyleClass().add("lesson-badge");
        VBox box = new VBox(6, badge, markdown.render(p.question()));
        box.getStyleClass().add(PREDICT_CLASS);
        String key = lesson.id() + "/" + step + "/" + number;
        if (number < revealed) {
            Label answerBadge = new Label("Answer");
            answerBadge.getStyleClass().add("lesson-badge");
            VBox answer = new VBox(6, answerBadge);
            String guess = guesses.get(key);
            if (guess != null && !guess.isBlank()) {
                Label yours = new Label("You guessed: " + guess);
                yours.getStyleClass().add("lesson-guess");
                yours.setWrapText(true);
                answer.getChildren().add(yours);
            }
            answer.getChildren().add(markdown.render(p.answer()));
            answer.getStyleClass().add(ANSWER_CLASS);
            box.getChildren().add(answer);
        } else if (number == revealed && presenting) {
            Label hint = new Label("The next key shows the answer.");
            hint.getStyleClass().add("hint");
            box.getChildren().add(hint);
        } else if (number == revealed) {
            TextField guess = new TextField(guesses.getOrDefault(key, ""));
            guess.setPromptText("Your guess (optional)");
            guess.textProperty().addListener((obs, old, now) -> guesses.put(key, now));
            HBox.setHgrow(guess, Priority.ALWAYS);
            Button reveal = new Button("Reveal");
            reveal.setId(revealId(number));
            reveal.getStyleClass().add("lesson-reveal-button");
            reveal.setOnAction(e -> actions.reveal());
            guess.setOnAction(e -> actions.reveal());
            HBox row = new HBox(8, guess, reveal);
            row.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().add(row);
        } else {
            Label wait = new Label("(answer the question above first)");
            wait.getStyleClass().add("hint");
            box.getChildren().add(wait);
        }
        return box;
    }

    /** Presenting: larger text, no buttons (the keyboard drives), a line of key help; width follows the window. */
    public void setPresenting(boolean on) {
        presenting = on;
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("presenting"), on);
        for (Node n : new Node[] {present, collapse, close, footer}) {
            n.setVisible(!on);
            n.setManaged(!on);
        }
        keys.setVisible(on);
        keys.setManaged(on);
        if (shown != null) {
            // The question's guess field and Reveal button are for the mouse; presenting, a key reveals.
            double at = scroll.getVvalue();
            show(shown.lesson(), shown.index(), shown.revealed());
            scroll.setVvalue(at);
        }
        if (on) {
            setCollapsed(false);
            prefWidthProperty().bind(Bindings.createDoubleBinding(
                    () -> getScene() == null ? WIDTH : Math.max(WIDTH, getScene().getWidth() * PRESENTING_SHARE),
                    sceneProperty(), sceneProperty().flatMap(s -> s.widthProperty())));
        } else {
            prefWidthProperty().unbind();
            setPrefWidth(WIDTH);
        }
    }

    public boolean isPresenting() {
        return presenting;
    }

    public void setCollapsed(boolean on) {
        collapsed = on;
        getChildren().setAll(on ? expand : expanded);
        if (!presenting) {
            setPrefWidth(on ? Region.USE_COMPUTED_SIZE : WIDTH);
        }
    }

    public boolean isCollapsed() {
        return collapsed;
    }

    /** The text of the step shown, for tests and screen readers. */
    public String stepTitle() {
        return stepTitle.getText();
    }

    public String counterText() {
        return counter.getText();
    }

    /** Forgets the guesses typed for a lesson (when it is started over). */
    public void forgetGuesses(String lessonId) {
        guesses.keySet().removeIf(k -> k.startsWith(lessonId + "/"));
    }
}
