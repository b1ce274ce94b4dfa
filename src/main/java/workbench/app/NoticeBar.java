package workbench.app;

import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import workbench.concurrent.ErrorMessages;
import workbench.ui.common.Notifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Messages for the user above the lab: information fades after a few seconds, warnings and
 * errors stay until closed. Errors are written as sentences, never as stack traces.
 */
public final class NoticeBar extends VBox implements Notifier {

    public static final String ID = "notice-bar";
    private static final int MAX_SHOWN = 3;

    private final List<String> history = Collections.synchronizedList(new ArrayList<>());

    public NoticeBar() {
        setId(ID);
        getStyleClass().add("notice-bar");
    }

    @Override
    public void info(String message) {
        HBox row = add("info", message);
        PauseTransition fade = new PauseTransition(Duration.seconds(6));
        fade.setOnFinished(e -> getChildren().remove(row));
        fade.play();
    }

    @Override
    public void warn(String message) {
        add("warning", message);
    }

    @Override
    public void error(String what, Throwable error) {
        add("error", what + ": " + ErrorMessages.describe(error));
    }

    /** Every message shown so far, oldest first (for tests and the log). */
    public List<String> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    private HBox add(String kind, String message) {
        history.add(kind + ": " + message);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button("✕");
        close.getStyleClass().add("notice-close");
        HBox row = new HBox(8, text, close);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().addAll("notice", "notice-" + kind);
        close.setOnAction(e -> getChildren().remove(row));
        getChildren().add(row);
        while (getChildren().size() > MAX_SHOWN) {
            getChildren().remove(0);
        }
        return row;
    }
}
