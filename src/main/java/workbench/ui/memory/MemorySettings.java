package workbench.ui.memory;

import workbench.core.memory.MemoryRequest;
import workbench.core.memory.ParameterCount;
import workbench.core.memory.Precision;
import workbench.core.memory.QuantizationReport;
import workbench.core.memory.WeightBits;
import workbench.core.memory.WeightPicker;
import workbench.core.memory.WeightVariant;
import workbench.ui.common.LabSettings;

import java.util.Arrays;
import java.util.List;

/**
 * The memory lab's lesson settings: the calculator's inputs, the weight of the bit fields (typed,
 * or picked from the loaded model) and the quantization experiment ("quantize: true" runs it).
 */
final class MemorySettings {

    private MemorySettings() {
    }

    static LabSettings of(MemoryViewModel model, QuantizeViewModel quantize) {
        List<String> names = new java.util.ArrayList<>(model.choices().stream().filter(c -> !c.loaded())
                .map(MemoryViewModel.ModelChoice::label).toList());
        names.add(0, MemoryViewModel.LOADED_MODEL);
        return new LabSettings()
                .choice("model", names, name -> model.modelProperty().set(model.choice(name)))
                .text("parameters", text -> {
                    ParameterCount.parse(text);
                    model.parametersProperty().set(text.strip());
                })
                .choice("precision", Arrays.stream(Precision.values()).map(Precision::label).toList(),
                        p -> model.precisionProperty().set(Precision.parse(p)))
                .integer("context", 1, MemoryRequest.MAX_CONTEXT, v -> model.contextProperty().set(Integer.toString(v)))
                .integer("batch", 1, MemoryRequest.MAX_BATCH, v -> model.batchProperty().set(Integer.toString(v)))
                .text("weight", text -> {
                    WeightBits.parse(text);
                    model.weightProperty().set(text.strip());
                })
                .text("tokens", text -> {
                    ParameterCount.parse(text);
                    model.tokensProperty().set(text.strip());
                })
                .choice("weight-source", List.of("typed", "model"), source -> model.weightSourceProperty().set(
                        source.equals("model") ? MemoryViewModel.WeightSource.MODEL : MemoryViewModel.WeightSource.TYPED))
                .text("pick-tensor", name -> {
                    if (!model.picker().tensors().contains(name.strip())) {
                        throw new IllegalArgumentException("pick-tensor must be one of the loaded model's parameters or "
                                + WeightPicker.ANY_TENSOR + ", not '" + name + "'");
                    }
                    model.picker().tensorProperty().set(name.strip());
                    model.weightSourceProperty().set(MemoryViewModel.WeightSource.MODEL);
                })
                .choice("pick-rule", List.of("index", "largest", "smallest", "random"), rule -> {
                    model.picker().ruleProperty().set(switch (rule) {
                        case "index" -> WeightPicker.Rule.AT_INDEX;
                        case "largest" -> WeightPicker.Rule.LARGEST;
                        case "smallest" -> WeightPicker.Rule.SMALLEST;
                        default -> WeightPicker.Rule.RANDOM;
                    });
                    model.weightSourceProperty().set(MemoryViewModel.WeightSource.MODEL);
                })
                .integer("pick-row", 0, Integer.MAX_VALUE, v -> model.picker().rowProperty().set(Integer.toString(v)))
                .integer("pick-col", 0, Integer.MAX_VALUE, v -> model.picker().colProperty().set(Integer.toString(v)))
                .integer("pick-seed", 0, Integer.MAX_VALUE, v -> model.picker().seedProperty().set(Integer.toString(v)))
                .text("histogram-tensor", name -> {
                    QuantizationReport report = quantize.report();
                    if (report != null && !report.histogramNames().contains(name.strip())) {
                        throw new IllegalArgumentException("histogram-tensor must be '" + QuantizationReport.POOLED
                                + "' or one of the model's matrices, not '" + name + "'");
                    }
                    quantize.tensorProperty().set(name.strip());
                })
                .choice("histogram-variant", Arrays.stream(WeightVariant.values()).map(WeightVariant::key).toList(),
                        key -> quantize.variantProperty().set(WeightVariant.parse(key)))
                .flag("quantize", on -> {
                    if (on) {
                        quantize.run();
                    }
                });
    }
}
