package workbench.ui.recurrent;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The place where the transformer trained on the same task will appear. Until the transformer
 * engine is part of the workbench it says so plainly and shows no numbers.
 */
final class TransformerSlot extends VBox {

    static final String STYLE = "transformer-slot";
    static final String NOT_YET = "Not available yet: the transformer engine is not part of the workbench yet. "
            + "No numbers are shown here until a real trained transformer provides them.";

    TransformerSlot(String id, String title, String plan) {
        setId(id);
        getStyleClass().add(STYLE);
        setSpacing(6);
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        heading.setWrapText(true);
        heading.setMinHeight(USE_PREF_SIZE);
        Label what = new Label(plan);
        what.setWrapText(true);
        what.getStyleClass().add("hint");
        what.setMinHeight(USE_PREF_SIZE);
        Label status = new Label(NOT_YET);
        status.setWrapText(true);
        status.getStyleClass().add("transformer-slot-status");
        status.setMinHeight(USE_PREF_SIZE);
        getChildren().addAll(heading, what, status);
    }
}
