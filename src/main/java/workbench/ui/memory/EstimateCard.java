package workbench.ui.memory;

import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import workbench.core.memory.ByteSize;
import workbench.core.memory.MemoryEstimate;
import workbench.core.memory.MemoryItem;

/** One estimate written out: its total, each component with the arithmetic behind it, and its assumptions. */
final class EstimateCard extends VBox {

    private final Label title = new Label();
    private final Label total = new Label();
    private final VBox rows = new VBox(4);
    private final Label note = new Label();

    EstimateCard(String id) {
        setId(id);
        getStyleClass().add("estimate-card");
        title.getStyleClass().add("estimate-title");
        total.setId(id + "-total");
        total.getStyleClass().add("estimate-total");
        note.getStyleClass().add("hint");
        note.setWrapText(true);
        title.setWrapText(true);
        getChildren().addAll(title, total, rows, note);
        setSpacing(6);
    }

    void show(MemoryEstimate estimate) {
        title.setText(estimate.kind().label());
        total.setText(ByteSize.format(estimate.total()));
        rows.getChildren().clear();
        for (MemoryItem item : estimate.items()) {
            Region swatch = new Region();
            swatch.getStyleClass().add(MemoryColors.hatched(item.part()) ? "swatch-hatched" : "swatch");
            swatch.setStyle("-fx-background-color: " + MemoryColors.css(item.part()) + ";");
            Label name = new Label(item.part().label());
            name.getStyleClass().add("estimate-part");
            name.setWrapText(true);
            Label size = new Label(ByteSize.format(item.bytes()));
            size.setId(getId() + "-" + item.part().name().toLowerCase(java.util.Locale.ROOT));
            size.getStyleClass().add("value-readout");
            size.setMinWidth(Region.USE_PREF_SIZE);
            Region gap = new Region();
            HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
            HBox line = new HBox(6, swatch, name, gap, size);
            line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            swatch.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
            Label formula = new Label("= " + item.formula());
            formula.getStyleClass().add("formula");
            formula.setWrapText(true);
            rows.getChildren().add(new VBox(0, line, formula));
        }
        note.setText(estimate.note());
    }
}
