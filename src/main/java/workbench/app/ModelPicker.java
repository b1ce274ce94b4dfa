package workbench.app;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import workbench.core.backend.Backends;
import workbench.core.model.ModelCatalog;

import java.io.File;
import java.util.List;

/** The toolbar's model controls: the bundled checkpoints, and "Open…" for one made with the train command. */
final class ModelPicker {

    public static final String CHOICE_ID = "model-choice";
    public static final String OPEN_ID = "open-model";

    private final ChoiceBox<ModelCatalog.Entry> choice = new ChoiceBox<>();
    private final Button open = new Button("Open…");

    ModelPicker(ModelLoader loader, Window owner) {
        choice.setId(CHOICE_ID);
        choice.setMinWidth(140);
        choice.getItems().setAll(ModelCatalog.bundled());
        choice.setValue(ModelCatalog.defaultEntry());
        choice.setTooltip(new Tooltip("The trained model the labs look at"));
        choice.setOnAction(e -> {
            if (choice.getValue() != null && Backends.current().isPresent()) {
                loader.load(choice.getValue());
            }
        });
        open.setId(OPEN_ID);
        open.setTooltip(new Tooltip("Open a checkpoint made with the train command"));
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open a checkpoint");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Checkpoints", "*.ckpt"));
            File file = chooser.showOpenDialog(owner);
            if (file != null) {
                loader.open(file.toPath());
            }
        });
    }

    List<Node> nodes() {
        return List.of(new Label("Model"), choice, open);
    }
}
