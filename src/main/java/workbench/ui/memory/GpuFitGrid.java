package workbench.ui.memory;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import workbench.core.memory.ByteSize;
import workbench.core.memory.GpuFit;
import workbench.core.memory.MemoryReport;

import java.util.List;
import java.util.Locale;

/** Which GPUs the inference and training figures fit on, and how many of each would be needed otherwise. */
final class GpuFitGrid extends GridPane {

    GpuFitGrid() {
        getStyleClass().add("gpu-grid");
        setHgap(14);
        setVgap(3);
        ColumnConstraints name = new ColumnConstraints();
        name.setHalignment(HPos.LEFT);
        getColumnConstraints().add(name);
        for (int i = 0; i < 3; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setHalignment(HPos.RIGHT);
            getColumnConstraints().add(c);
        }
    }

    void show(MemoryReport report) {
        getChildren().clear();
        add(header("GPU"), 0, 0);
        add(header("usable"), 1, 0);
        add(header("inference"), 2, 0);
        add(header("training"), 3, 0);
        List<GpuFit> inference = report.inferenceFits();
        List<GpuFit> training = report.trainingFits();
        for (int i = 0; i < inference.size(); i++) {
            GpuFit in = inference.get(i);
            Label name = new Label(in.gpu().name().replace("NVIDIA ", ""));
            name.setTooltip(new Tooltip(in.gpu().memoryGb() + " GB " + in.gpu().memoryType() + "; " + in.gpu().source()));
            add(name, 0, i + 1);
            add(new Label(ByteSize.format(in.usableBytes())), 1, i + 1);
            add(cell(in, MemoryView.gpuCellId(i, false)), 2, i + 1);
            add(cell(training.get(i), MemoryView.gpuCellId(i, true)), 3, i + 1);
        }
    }

    /** "✓ fits (62%)" of one GPU's usable memory, or "✗ needs 3" GPUs. */
    static String fitText(GpuFit fit) {
        if (fit.fitsOnOne()) {
            double percent = 100 * fit.share();
            return percent < 0.5 ? "✓ fits (<1%)" : String.format(Locale.ROOT, "✓ fits (%.0f%%)", percent);
        }
        return "✗ needs " + fit.count();
    }

    private static Label cell(GpuFit fit, String id) {
        Label label = new Label(fitText(fit));
        label.setId(id);
        label.getStyleClass().addAll("value-readout", fit.fitsOnOne() ? "fit-yes" : "fit-no");
        return label;
    }

    private static Label header(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("gpu-grid-header");
        return label;
    }
}
