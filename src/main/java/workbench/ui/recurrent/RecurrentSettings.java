package workbench.ui.recurrent;

import workbench.core.recurrent.CellKind;
import workbench.core.recurrent.ComparisonResult;
import workbench.core.recurrent.ModelOutcome;
import workbench.core.recurrent.TransformerSequenceModel;
import workbench.core.train.SyntheticTask;
import workbench.core.train.SyntheticTaskSpec;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The Recurrent lab's named settings (for lessons) and its results as a CSV table. */
final class RecurrentSettings {

    private RecurrentSettings() {
    }

    static LabSettings settings(RecurrentViewModel model, Consumer<String> selectTab) {
        return new LabSettings()
                .choice("task", TaskChoice.keys(), v -> model.task.set(TaskChoice.byKey(v)))
                .integer("distance", 1, SyntheticTaskSpec.MAX_DISTANCE, v -> {
                    if (v < model.task.get().minDistance()) {
                        throw new IllegalArgumentException(model.task.get().label() + " needs a distance of at least "
                                + model.task.get().minDistance());
                    }
                    model.distance.set(v);
                })
                .integer("symbols", 2, SyntheticTask.MAX_SYMBOLS, model.symbols::set)
                .choice("hidden", RecurrentPage.HIDDEN_SIZES.stream().map(String::valueOf).toList(),
                        v -> model.hidden.set(Integer.parseInt(v)))
                .integer("steps", 10, 5000, model.steps::set)
                .integer("seed", 0, 9999, model.seed::set)
                .integer("example", 0, 999, model.example::set)
                .choice("model", List.of("rnn", "lstm", "gru"), v -> model.gateCell.set(CellKind.valueOf(
                        v.toUpperCase(Locale.ROOT))))
                .integer("layer", 0, TransformerSequenceModel.LAYERS - 1, model.attentionLayer::set)
                .integer("head", 0, TransformerSequenceModel.HEADS - 1, model.attentionHead::set)
                .text("input", v -> {
                    model.input.set(v);
                    model.refreshTraces();
                })
                .choice("tab", RecurrentPage.TABS, selectTab);
    }

    /** One row per model: size, losses, accuracy, cost per step and (synthetic tasks) accuracy at each distance. */
    static CsvTable table(ComparisonResult result) {
        if (result == null) {
            return CsvTable.EMPTY;
        }
        int maxD = result.settings().task().hasDistances()
                ? result.outcomes().stream().mapToInt(o -> o.test().maxDistance()).max().orElse(0) : 0;
        List<String> header = new ArrayList<>(List.of("task", "model", "parameters", "train_loss", "test_loss",
                "test_accuracy", "ms_per_step"));
        List<Integer> distances = new ArrayList<>();
        for (int d = 1; d <= maxD; d++) {
            int dd = d;
            if (result.outcomes().stream().anyMatch(o -> !Double.isNaN(o.test().accuracyAt(dd)))) {
                distances.add(d);
                header.add("accuracy_d" + d);
            }
        }
        CsvTable.Builder b = CsvTable.builder(header.toArray(String[]::new));
        for (ModelOutcome o : result.outcomes()) {
            List<Object> row = new ArrayList<>(List.of(result.settings().task().label(), o.architecture().label(),
                    o.parameterCount(), o.finalTrainLoss(), o.test().meanLoss(), o.test().accuracy(),
                    o.millisPerStep()));
            for (int d : distances) {
                row.add(o.test().accuracyAt(d));
            }
            b.row(row.toArray());
        }
        return b.build();
    }
}
