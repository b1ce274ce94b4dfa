package workbench.ui.common;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The honest page of a lab that has not been built yet: it says so and what it will show. */
public final class NotBuiltPage implements LabPage {

    public static final String MESSAGE_ID = "not-built-message";

    private final String id;
    private final String name;
    private final VBox view;
    private final VBox controls;

    public NotBuiltPage(String id, String name, String plan) {
        this.id = id;
        this.name = name;
        Label title = new Label(name);
        title.getStyleClass().add("page-title");
        Label message = new Label("This lab is not built yet.");
        message.setId(MESSAGE_ID);
        message.getStyleClass().add("empty-state");
        Label what = new Label(plan);
        what.setWrapText(true);
        what.setMaxWidth(560);
        view = new VBox(12, title, message, what);
        view.setAlignment(Pos.CENTER);
        view.setPadding(new Insets(24));
        controls = new VBox(new Label("No controls yet."));
        controls.setPadding(new Insets(12));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return name;
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
    }

    @Override
    public void dispose() {
    }
}
