package workbench.ui.recurrent;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import workbench.core.train.SyntheticTask;
import workbench.core.train.SyntheticTaskSpec;

/** The Recurrent lab's controls: task and distance, model size and budget, train/cancel, the traced input. */
final class RecurrentControls extends VBox {

    final ProgressBar progress = new ProgressBar(0);

    RecurrentControls(RecurrentViewModel model) {
        ChoiceBox<TaskChoice> task = new ChoiceBox<>();
        task.setId(RecurrentPage.TASK_ID);
        task.getItems().setAll(TaskChoice.ALL);
        task.valueProperty().bindBidirectional(model.task);
        javafx.beans.binding.BooleanBinding corpus = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.task.get().isCorpus(), model.task);
        Slider distance = new Slider(1, SyntheticTaskSpec.MAX_DISTANCE, model.distance.get());
        distance.setId(RecurrentPage.DISTANCE_ID);
        distance.setMajorTickUnit(16);
        distance.setShowTickMarks(true);
        distance.setShowTickLabels(true);
        distance.setSnapToTicks(false);
        distance.setBlockIncrement(1);
        distance.valueProperty().addListener((obs, old, now) -> {
            int d = Math.max(model.task.get().minDistance(), (int) Math.round(now.doubleValue()));
            model.distance.set(d);
        });
        model.distance.addListener((obs, old, now) -> distance.setValue(now.intValue()));
        distance.disableProperty().bind(corpus);
        Label distanceValue = new Label();
        distanceValue.setWrapText(true);
        distanceValue.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.task.get().isCorpus()
                        ? "windows of " + workbench.core.train.CorpusTask.WINDOW + " characters (no single distance)"
                        : "longest distance: " + model.distance.get() + " steps", model.task, model.distance));
        Spinner<Integer> symbols = spinner(RecurrentPage.SYMBOLS_ID, 2, SyntheticTask.MAX_SYMBOLS, 1, model.symbols.get());
        symbols.valueProperty().addListener((obs, old, now) -> model.symbols.set(now));
        symbols.disableProperty().bind(corpus);
        model.symbols.addListener((obs, old, now) -> symbols.getValueFactory().setValue(now.intValue()));

        ChoiceBox<Integer> hidden = new ChoiceBox<>();
        hidden.setId(RecurrentPage.HIDDEN_ID);
        hidden.getItems().setAll(RecurrentPage.HIDDEN_SIZES);
        hidden.setValue(model.hidden.get());
        hidden.valueProperty().addListener((obs, old, now) -> model.hidden.set(now));
        model.hidden.addListener((obs, old, now) -> hidden.setValue(now.intValue()));
        Spinner<Integer> steps = spinner(RecurrentPage.STEPS_ID, 10, 5000, 10, model.steps.get());
        steps.valueProperty().addListener((obs, old, now) -> model.steps.set(now));
        model.steps.addListener((obs, old, now) -> steps.getValueFactory().setValue(now.intValue()));
        Spinner<Integer> seed = spinner(RecurrentPage.SEED_ID, 0, 9999, 1, model.seed.get());
        seed.valueProperty().addListener((obs, old, now) -> model.seed.set(now));
        model.seed.addListener((obs, old, now) -> seed.getValueFactory().setValue(now.intValue()));
        Label budget = new Label();
        budget.getStyleClass().add("hint");
        budget.setWrapText(true);
        budget.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "Same budget and batches for all four: " + model.steps.get() + " AdamW steps of 32 sequences, "
                        + "learning rate 0.01, seed " + model.seed.get() + ". Recurrent models: embedding 16, hidden "
                        + model.hidden.get() + ". Transformer: 2 layers, 2 heads, as wide as makes its parameter "
                        + "count closest to the LSTM's.",
                model.steps, model.hidden, model.seed));

        Button train = new Button("_Train");
        train.setMnemonicParsing(true);
        train.setId(RecurrentPage.TRAIN_ID);
        train.setDefaultButton(true);
        train.setOnAction(e -> model.train());
        train.disableProperty().bind(model.training);
        Button cancel = new Button("Ca_ncel");
        cancel.setMnemonicParsing(true);
        cancel.setId(RecurrentPage.CANCEL_ID);
        cancel.setOnAction(e -> model.cancelTraining());
        cancel.disableProperty().bind(model.training.not());
        progress.setId(RecurrentPage.PROGRESS_ID);
        progress.setMaxWidth(Double.MAX_VALUE);

        Spinner<Integer> example = spinner(RecurrentPage.EXAMPLE_ID, 0, 999, 1, model.example.get());
        example.valueProperty().addListener((obs, old, now) -> model.example.set(now));
        model.example.addListener((obs, old, now) -> example.getValueFactory().setValue(now.intValue()));
        TextField input = new TextField();
        input.setId(RecurrentPage.INPUT_ID);
        input.promptTextProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.task.get().isCorpus() ? "text of the corpus" : "characters from " + SyntheticTask.VOCABULARY,
                model.task));
        input.textProperty().bindBidirectional(model.input);
        input.setOnAction(e -> model.refreshTraces());
        input.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                model.refreshTraces();
            }
        });
        Label problem = new Label();
        problem.setId(RecurrentPage.INPUT_PROBLEM_ID);
        problem.setWrapText(true);
        problem.getStyleClass().add("input-problem");
        problem.textProperty().bind(model.inputProblem);

        getStyleClass().add("controls-box");
        getChildren().addAll(
                section("Task"), task, distanceValue, distance, labelled("Symbols (chance = 1/n)", symbols),
                section("Models"), labelled("Hidden size H", hidden), labelled("Training steps", steps),
                labelled("Seed", seed), budget, new HBox(8, train, cancel), progress,
                section("Input for gates and attention"), labelled("Example", example), input, problem,
                wrapped("Press Enter to trace a typed input (at most " + RecurrentViewModel.MAX_INPUT
                        + " characters)."));
    }

    private static Spinner<Integer> spinner(String id, int min, int max, int step, int value) {
        Spinner<Integer> spinner = new Spinner<>(min, max, Math.max(min, Math.min(max, value)), step);
        spinner.setId(id);
        spinner.setEditable(false);    // arrows only: no text to mistype
        spinner.setPrefWidth(110);
        return spinner;
    }

    private static Label section(String text) {
        Label label = wrapped(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static HBox labelled(String text, Node control) {
        Label label = wrapped(text);
        label.setPrefWidth(140);
        HBox row = new HBox(8, label, control);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }
}
