package workbench.lesson.player;

import javafx.beans.value.ChangeListener;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import workbench.ui.common.Theme;

/**
 * Presenting a lesson to a class: full screen, the projector theme, the lesson text enlarged,
 * and only the keyboard (a presentation clicker sends these keys): Page Down, →, ↓ and Space go
 * forward (revealing an answer first if the step asks one), Page Up, ← and ↑ go back, B or "."
 * blanks the screen and brings it back, Esc leaves. The theme and window are put back on leaving.
 */
public final class PresenterMode {

    public static final String BLANK_ID = "presenter-blank";

    /** What the keys do to the lesson. */
    public interface Moves {
        void forward();

        void backward();
    }

    private final LessonHost host;
    private final LessonPane pane;
    private final Moves moves;
    private final Region blank = new Region();
    private final EventHandler<KeyEvent> keys = this::key;
    private final ChangeListener<Boolean> fullScreenLeft = (obs, was, now) -> {
        if (!now) {
            leave();
        }
    };
    private boolean active;
    private Theme themeBefore;
    private KeyCombination exitKeyBefore;
    private String exitHintBefore;

    PresenterMode(LessonHost host, LessonPane pane, Moves moves) {
        this.host = host;
        this.pane = pane;
        this.moves = moves;
        blank.setId(BLANK_ID);
        blank.getStyleClass().add("presenter-blank");
        blank.setMouseTransparent(true);
        blank.setVisible(false);
        blank.setManaged(false);
    }

    public boolean isActive() {
        return active;
    }

    public boolean isBlank() {
        return blank.isVisible();
    }

    public void enter() {
        if (active) {
            return;
        }
        active = true;
        Scene scene = host.scene();
        themeBefore = host.themes().theme();
        host.themes().setTheme(Theme.PROJECTOR);
        host.setChromeVisible(false);
        pane.setPresenting(true);
        if (!host.overlay().getChildren().contains(blank)) {
            host.overlay().getChildren().add(blank);
        }
        blank.resizeRelocate(0, 0, host.overlay().getWidth(), host.overlay().getHeight());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, keys);
        Window window = scene.getWindow();
        if (window instanceof Stage stage) {
            exitKeyBefore = stage.getFullScreenExitKeyCombination();
            exitHintBefore = stage.getFullScreenExitHint();
            // Esc is ours: it leaves presenter mode as a whole, not just full screen.
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            stage.setFullScreenExitHint("");
            stage.setFullScreen(true);
            stage.fullScreenProperty().addListener(fullScreenLeft);
        }
    }

    public void leave() {
        if (!active) {
            return;
        }
        active = false;
        Scene scene = host.scene();
        scene.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
        setBlank(false);
        host.overlay().getChildren().remove(blank);
        pane.setPresenting(false);
        host.setChromeVisible(true);
        host.setControlsVisible(true);
        host.themes().setTheme(themeBefore);
        if (scene.getWindow() instanceof Stage stage) {
            stage.fullScreenProperty().removeListener(fullScreenLeft);
            stage.setFullScreen(false);
            stage.setFullScreenExitKeyCombination(exitKeyBefore);
            stage.setFullScreenExitHint(exitHintBefore);
        }
    }

    public void setBlank(boolean on) {
        if (on) {
            blank.resizeRelocate(0, 0, host.overlay().getWidth(), host.overlay().getHeight());
            blank.toFront();
        }
        blank.setVisible(on);
    }

    private void key(KeyEvent event) {
        switch (event.getCode()) {
            case PAGE_DOWN, RIGHT, DOWN, SPACE -> {
                if (isBlank()) {
                    setBlank(false);
                } else {
                    moves.forward();
                }
            }
            case PAGE_UP, LEFT, UP -> {
                if (isBlank()) {
                    setBlank(false);
                } else {
                    moves.backward();
                }
            }
            case B, PERIOD -> setBlank(!isBlank());
            case ESCAPE -> leave();
            case F5 -> { } // a clicker's "start show" button while already presenting: nothing to do
            default -> {
                return;
            }
        }
        event.consume();
    }
}
