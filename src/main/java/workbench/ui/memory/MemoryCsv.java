package workbench.ui.memory;

import workbench.core.memory.BitPattern;
import workbench.core.memory.ByteSize;
import workbench.core.memory.ComputeOptimal;
import workbench.core.memory.FloatFormat;
import workbench.core.memory.MemoryEstimate;
import workbench.core.memory.MemoryItem;
import workbench.core.memory.MemoryReport;
import workbench.core.memory.MemoryRequest;
import workbench.core.memory.QuantizationReport;
import workbench.core.memory.VariantResult;
import workbench.core.memory.WeightBits;
import workbench.ui.common.CsvTable;

import java.util.List;
import java.util.Locale;

/** The memory lab's figures as one long CSV table: section, item, value, unit, detail. */
final class MemoryCsv {

    private MemoryCsv() {
    }

    static CsvTable of(MemoryViewModel model, QuantizationReport quantized) {
        CsvTable.Builder table = CsvTable.builder("section", "item", "value", "unit", "detail");
        MemoryReport report = model.report();
        if (report != null) {
            MemoryRequest r = report.request();
            table.row("request", "model", r.model().name(), "", r.model().source());
            table.row("request", "parameters", r.model().parameters(), "parameters", "");
            table.row("request", "precision", r.precision().label(), "", "");
            table.row("request", "context", r.context(), "tokens", "");
            table.row("request", "batch", r.batch(), "sequences", "");
            for (MemoryEstimate e : List.of(report.inference(), report.training(), report.ruleOfThumb())) {
                for (MemoryItem item : e.items()) {
                    table.row(e.kind().label(), item.part().label(), item.bytes(), "bytes", item.formula());
                }
                table.row(e.kind().label(), "total", e.total(), "bytes", ByteSize.format(e.total()));
            }
            for (int i = 0; i < report.inferenceFits().size(); i++) {
                var in = report.inferenceFits().get(i);
                var tr = report.trainingFits().get(i);
                table.row("GPUs needed (inference)", in.gpu().name(), in.count(), "GPUs", "usable " + in.usableBytes() + " bytes each");
                table.row("GPUs needed (training)", tr.gpu().name(), tr.count(), "GPUs", "usable " + tr.usableBytes() + " bytes each");
            }
        }
        WeightBits bits = model.weightBits();
        if (bits != null) {
            for (BitPattern p : bits.all()) {
                String section = "weight " + model.weightName() + " in " + p.format().label();
                table.row(section, "bits", p.bitString(), "", p.hex());
                table.row(section, "value", Double.toString(p.value()), "", p.kind().name().toLowerCase(Locale.ROOT));
                table.row(section, "error", p.error().isPresent() ? Double.toString(p.error().getAsDouble()) : "",
                        "", p.error().isPresent() ? "value minus typed" : "undefined: " + BitFieldPane.errorText(p));
            }
        }
        for (FloatFormat f : FloatFormat.values()) {
            table.row("format " + f.label(), "max", Double.toString(f.max()), "", "");
            table.row("format " + f.label(), "min normal", Double.toString(f.minNormal()), "", "");
            table.row("format " + f.label(), "min subnormal", Double.toString(f.minSubnormal()), "", "");
            table.row("format " + f.label(), "epsilon", Double.toString(f.epsilon()), "", "");
        }
        if (quantized != null) {
            table.row("quantization", "sample", quantized.sample().windows(), "windows",
                    QuantizePane.sampleText(quantized));
            for (VariantResult r : quantized.results()) {
                String section = "quantized " + r.variant().key();
                table.row(section, "stored bytes", r.storedBytes(), "bytes", r.scales() + " fp32 scales included");
                table.row(section, "saved", Double.toString(quantized.savedFraction(r)), "fraction", "against fp32");
                table.row(section, "weight relative RMSE", Double.toString(r.matrixError().relativeRmse()), "", "all matrices");
                table.row(section, "validation loss", Double.toString(r.loss()), "nats per token", "");
                table.row(section, "delta loss", Double.toString(quantized.deltaLoss(r)), "nats per token", "against fp32");
                table.row(section, "perplexity", Double.toString(r.perplexity()), "", "e^loss");
            }
        }
        ComputeOptimal optimal = model.optimalForModelProperty().get();
        if (optimal != null) {
            table.row("compute-optimal", "tokens for this model", Double.toString(optimal.tokens()), "tokens", "20 per parameter");
            table.row("compute-optimal", "training compute", Double.toString(optimal.trainingFlops()), "FLOPs", "6·N·D");
        }
        return table.build();
    }
}
