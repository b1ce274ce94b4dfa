package workbench.app;

import javafx.animation.AnimationTimer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import workbench.concurrent.TaskHandle;
import workbench.concurrent.TaskRunner;

import java.util.List;

/**
 * The status bar: the ND4J backend in use, the loaded model, and the running task with its
 * progress and a cancel button. Task progress is read once per frame, never pushed.
 */
public final class StatusLine extends HBox {

    public static final String BACKEND_ID = "status-backend";
    public static final String MODEL_ID = "status-model";
    public static final String TASK_ID = "status-task";
    public static final String CANCEL_ID = "status-cancel";

    private final Label backend = new Label("Starting ND4J…");
    private final Label model = new Label("Model: none");
    private final Label task = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button("Cancel");
    private final AnimationTimer poll;

    public StatusLine(TaskRunner tasks) {
        getStyleClass().add("status-line");
        backend.setId(BACKEND_ID);
        model.setId(MODEL_ID);
        task.setId(TASK_ID);
        cancel.setId(CANCEL_ID);
        progress.setPrefWidth(160);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(14);
        getChildren().addAll(backend, new Label("|"), model, spacer, task, progress, cancel);
        showTask(null, 0);
        poll = new AnimationTimer() {
            @Override
            public void handle(long now) {
                List<TaskHandle> active = tasks.activeTasks();
                showTask(active.isEmpty() ? null : active.get(0), active.size());
            }
        };
        poll.start();
    }

    public void setBackend(String text) {
        backend.setText(text);
    }

    public void setModel(String text) {
        model.setText("Model: " + text);
    }

    public String backendText() {
        return backend.getText();
    }

    private TaskHandle shown;

    private void showTask(TaskHandle handle, int count) {
        boolean visible = handle != null;
        task.setVisible(visible);
        progress.setVisible(visible);
        cancel.setVisible(visible);
        if (!visible) {
            shown = null;
            return;
        }
        if (handle != shown) {
            shown = handle;
            cancel.setOnAction(e -> handle.cancel());
        }
        String more = count > 1 ? "  (+" + (count - 1) + " more)" : "";
        String message = handle.message().isEmpty() ? handle.title() : handle.title() + ": " + handle.message();
        task.setText(message + more);
        progress.setProgress(handle.progress() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : handle.progress());
    }

    public void dispose() {
        poll.stop();
    }
}
