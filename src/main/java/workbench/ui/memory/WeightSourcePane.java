package workbench.ui.memory;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import workbench.core.memory.PickedWeight;
import workbench.core.memory.WeightPicker;

/**
 * Where the bit fields' weight comes from: a typed number, or a real weight of the loaded model
 * picked by tensor and rule (at an index, largest or smallest magnitude, or random with a seed).
 */
final class WeightSourcePane extends VBox {

    private final MemoryViewModel model;
    private final WeightPickModel picker;
    private final RadioButton typed = new RadioButton(MemoryViewModel.WeightSource.TYPED.toString());
    private final RadioButton fromModel = new RadioButton(MemoryViewModel.WeightSource.MODEL.toString());
    private final Label picked = new Label();

    WeightSourcePane(MemoryViewModel model, Label message) {
        this.model = model;
        this.picker = model.picker();
        setSpacing(6);
        ToggleGroup group = new ToggleGroup();
        typed.setToggleGroup(group);
        fromModel.setToggleGroup(group);
        typed.setId(MemoryView.WEIGHT_TYPED_ID);
        fromModel.setId(MemoryView.WEIGHT_FROM_MODEL_ID);
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.weightSourceProperty().set(now == fromModel ? MemoryViewModel.WeightSource.MODEL
                        : MemoryViewModel.WeightSource.TYPED);
            }
        });
        model.weightSourceProperty().addListener((obs, old, now) -> selectSource());
        selectSource();

        TextField weight = new TextField();
        weight.setId(MemoryView.WEIGHT_INPUT_ID);
        weight.setPrefColumnCount(14);
        weight.textProperty().bindBidirectional(model.weightProperty());
        HBox typedRow = new HBox(8, typed, weight);
        typedRow.setAlignment(Pos.CENTER_LEFT);

        ComboBox<String> tensor = new ComboBox<>(picker.tensors());
        tensor.setId(MemoryView.PICK_TENSOR_ID);
        tensor.valueProperty().bindBidirectional(picker.tensorProperty());
        tensor.setVisibleRowCount(14);
        ComboBox<WeightPicker.Rule> rule = new ComboBox<>();
        rule.setId(MemoryView.PICK_RULE_ID);
        rule.getItems().setAll(WeightPicker.Rule.values());
        rule.valueProperty().bindBidirectional(picker.ruleProperty());
        TextField row = small(MemoryView.PICK_ROW_ID, picker.rowProperty());
        TextField col = small(MemoryView.PICK_COL_ID, picker.colProperty());
        HBox index = new HBox(6, new Label("row"), row, new Label("column"), col);
        index.setAlignment(Pos.CENTER_LEFT);
        TextField seed = small(MemoryView.PICK_SEED_ID, picker.seedProperty());
        Button draw = new Button("Draw again");
        draw.setId(MemoryView.PICK_DRAW_ID);
        draw.setOnAction(e -> {
            picker.nextDraw();
            model.weightSourceProperty().set(MemoryViewModel.WeightSource.MODEL);
        });
        HBox random = new HBox(6, new Label("seed"), seed, draw);
        random.setAlignment(Pos.CENTER_LEFT);
        showFor(index, random, picker.ruleProperty().get());
        picker.ruleProperty().addListener((obs, old, now) -> showFor(index, random, now));
        picker.pickedProperty().addListener((obs, old, now) -> showPicked(now));
        // Turning to a pick control means: show the model's weight.
        for (javafx.scene.Node n : new javafx.scene.Node[]{tensor, rule, row, col, seed}) {
            n.focusedProperty().addListener((obs, was, now) -> {
                if (now) {
                    model.weightSourceProperty().set(MemoryViewModel.WeightSource.MODEL);
                }
            });
        }
        FlowPane modelRow = new FlowPane(8, 6, fromModel, tensor, rule, index, random);
        modelRow.setAlignment(Pos.CENTER_LEFT);
        picked.setId(MemoryView.PICK_DESCRIPTION_ID);
        picked.getStyleClass().add("value-readout");
        picked.setWrapText(true);
        showPicked(picker.picked());

        fromModel.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(picker.tensors()));
        tensor.disableProperty().bind(fromModel.disableProperty());
        rule.disableProperty().bind(fromModel.disableProperty());
        getChildren().addAll(typedRow, modelRow, picked, message);
    }

    private void selectSource() {
        boolean fromTheModel = model.weightSourceProperty().get() == MemoryViewModel.WeightSource.MODEL;
        (fromTheModel ? fromModel : typed).setSelected(true);
    }

    private void showPicked(PickedWeight weight) {
        picked.setText(weight == null ? "The weights of the model appear here once it has loaded."
                : "Model weight: " + weight.describe());
    }

    private static void showFor(HBox index, HBox random, WeightPicker.Rule rule) {
        index.setVisible(rule == WeightPicker.Rule.AT_INDEX);
        index.setManaged(index.isVisible());
        random.setVisible(rule == WeightPicker.Rule.RANDOM);
        random.setManaged(random.isVisible());
    }

    private static TextField small(String id, javafx.beans.property.StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(4);
        field.textProperty().bindBidirectional(property);
        return field;
    }
}
