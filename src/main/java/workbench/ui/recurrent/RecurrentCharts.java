package workbench.ui.recurrent;

import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import workbench.core.recurrent.Architecture;
import workbench.core.recurrent.CellKind;
import workbench.core.recurrent.ComparisonResult;
import workbench.core.recurrent.ModelOutcome;
import workbench.core.recurrent.ForwardTiming;
import workbench.core.recurrent.RecurrentComparison;
import workbench.core.recurrent.TrainingLog;
import workbench.core.trace.GradientFlowTrace;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's charts. Series are always added in the order RNN, LSTM, GRU, transformer (then the
 * baseline), so that recurrent.css gives each model the same colour and dash pattern everywhere.
 */
final class RecurrentCharts {

    static final List<CellKind> ORDER = List.of(CellKind.RNN, CellKind.LSTM, CellKind.GRU);
    static final List<Architecture> MODELS = List.of(Architecture.values());
    /** At most this many points per loss curve; longer runs plot every k-th step. */
    static final int MAX_POINTS = 400;

    private RecurrentCharts() {
    }

    private static LineChart<Number, Number> chart(NumberAxis x, NumberAxis y, String id, String styleClass) {
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.getStyleClass().addAll("recurrent-chart", styleClass);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinSize(200, 160);
        return chart;
    }

    /** Training loss curves that grow while training runs; {@link #pull} is called once per frame. */
    static final class LossCurves {
        final LineChart<Number, Number> chart;
        private final Map<Architecture, XYChart.Series<Number, Number>> series = new EnumMap<>(Architecture.class);
        private final Map<Architecture, Integer> pulled = new EnumMap<>(Architecture.class);
        private RecurrentComparison source;
        private int stride = 1;

        LossCurves(String id) {
            NumberAxis x = new NumberAxis();
            x.setLabel("training step");
            x.setForceZeroInRange(true);
            NumberAxis y = new NumberAxis();
            y.setLabel("training loss (nats, smoothed)");
            y.setForceZeroInRange(true);
            chart = chart(x, y, id, "loss-chart");
            for (Architecture model : MODELS) {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName(model.label());
                series.put(model, s);
                chart.getData().add(s);
            }
        }

        /** Appends the steps recorded since the last call; starts over when the comparison changed. */
        void pull(RecurrentComparison comparison) {
            if (comparison != source) {
                source = comparison;
                series.values().forEach(s -> s.getData().clear());
                MODELS.forEach(model -> pulled.put(model, 0));
                stride = comparison == null ? 1 : Math.max(1, (comparison.settings().steps() + MAX_POINTS - 1) / MAX_POINTS);
            }
            if (comparison == null) {
                return;
            }
            NumberAxis x = (NumberAxis) chart.getXAxis();
            if (x.isAutoRanging()) {
                x.setAutoRanging(false);
                x.setMinorTickVisible(false);
            }
            x.setLowerBound(0);
            x.setUpperBound(comparison.settings().steps());
            x.setTickUnit(niceStep(comparison.settings().steps()));
            for (Architecture model : comparison.architectures()) {
                TrainingLog log = comparison.log(model);
                int from = pulled.get(model);
                float[] smoothed = log.smoothedSince(from);
                for (int i = 0; i < smoothed.length; i++) {
                    int step = from + i;
                    if (step % stride == 0 || step == log.capacity() - 1) {
                        series.get(model).getData().add(new XYChart.Data<>(step + 1, smoothed[i]));
                    }
                }
                pulled.put(model, from + smoothed.length);
            }
        }

        boolean isEmpty() {
            return series.values().stream().allMatch(s -> s.getData().isEmpty());
        }

        XYChart.Series<Number, Number> series(Architecture model) {
            return series.get(model);
        }
    }

    /** Test accuracy at each dependency distance, with chance level. */
    static LineChart<Number, Number> accuracyChart(String id) {
        NumberAxis x = new NumberAxis();
        x.setLabel("dependency distance (steps)");
        x.setForceZeroInRange(false);
        // A little room above 1: a model that is always right would otherwise be drawn on the frame.
        NumberAxis y = new NumberAxis(0, 1.04, 0.1);
        y.setLabel("test accuracy");
        y.setAutoRanging(false);
        y.setMinorTickVisible(false);
        y.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number value) {
                return value.doubleValue() > 1.0001 ? "" : String.format(java.util.Locale.ROOT, "%.1f", value.doubleValue());
            }

            @Override
            public Number fromString(String text) {
                return Double.parseDouble(text);
            }
        });
        return chart(x, y, id, "accuracy-chart");
    }

    static void showAccuracy(LineChart<Number, Number> chart, ComparisonResult result) {
        chart.getData().clear();
        if (result == null || !result.settings().task().hasDistances()) {
            return;
        }
        int min = Integer.MAX_VALUE;
        int max = 1;
        for (ModelOutcome o : result.outcomes()) {
            int[] count = o.test().countByDistance();
            for (int d = 1; d < count.length; d++) {
                if (count[d] > 0) {
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            }
        }
        min = Math.min(min, max);
        NumberAxis x = (NumberAxis) chart.getXAxis();
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setLowerBound(min);
        x.setUpperBound(Math.max(min + 1, max));
        x.setTickUnit(niceStep(max - min));
        for (Architecture model : MODELS) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(model.label());
            result.outcome(model).ifPresent(outcome -> {
                for (int d = 1; d <= outcome.test().maxDistance(); d++) {
                    double accuracy = outcome.test().accuracyAt(d);
                    if (!Double.isNaN(accuracy)) {
                        s.getData().add(new XYChart.Data<>(d, accuracy));
                    }
                }
            });
            chart.getData().add(s);
        }
        XYChart.Series<Number, Number> baseline = new XYChart.Series<>();
        baseline.setName(result.settings().task().baselineName());
        double level = result.settings().task().baselineAccuracy();
        baseline.getData().add(new XYChart.Data<>(min, level));
        baseline.getData().add(new XYChart.Data<>(max, level));
        chart.getData().add(baseline);
    }

    /** Held-out accuracy of each model as a bar, for tasks without one dependency distance. */
    static BarChart<String, Number> scoreChart(String id) {
        CategoryAxis x = new CategoryAxis();
        x.setLabel("model");
        NumberAxis y = new NumberAxis(0, 1.0, 0.1);
        y.setLabel("held-out accuracy of the next character");
        y.setAutoRanging(false);
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId(id);
        chart.getStyleClass().addAll("recurrent-chart", "score-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCategoryGap(24);
        chart.setMinSize(200, 160);
        return chart;
    }

    /** One bar per model in the usual order, then the baseline guess. */
    static void showScores(BarChart<String, Number> chart, ComparisonResult result) {
        chart.getData().clear();
        if (result == null || result.settings().task().hasDistances()) {
            return;
        }
        XYChart.Series<String, Number> bars = new XYChart.Series<>();
        bars.setName("held-out accuracy");
        for (Architecture model : MODELS) {
            result.outcome(model).ifPresent(o -> bars.getData().add(new XYChart.Data<>(model.label(),
                    o.test().accuracy())));
        }
        bars.getData().add(new XYChart.Data<>(result.settings().task().baselineName(),
                result.settings().task().baselineAccuracy()));
        chart.getData().add(bars);
    }

    /** Gradient norm w.r.t. the input k steps back, relative to the loss step, on a log scale. */
    static LineChart<Number, Number> gradientChart(String id) {
        NumberAxis x = new NumberAxis();
        x.setLabel("steps back in time from the scored position");
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        NumberAxis y = LogTicks.decades("‖∂loss/∂x‖, relative to the scored step (log scale)", -8, 0);
        LineChart<Number, Number> chart = chart(x, y, id, "gradient-chart");
        chart.setHorizontalZeroLineVisible(false);    // 0 on this axis is 10^0, not a special value
        return chart;
    }

    static void showGradients(LineChart<Number, Number> chart, ComparisonResult result, boolean trained) {
        chart.getData().clear();
        if (result == null) {
            return;
        }
        double lowest = 0;
        double highest = 0;
        int furthest = 1;
        for (CellKind cell : ORDER) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(cell.label());
            ModelOutcome.GradientFlows flows = result.outcome(cell).flatMap(ModelOutcome::gradientFlow).orElse(null);
            if (flows != null) {
                GradientFlowTrace flow = trained ? flows.trained() : flows.atInit();
                double[] relative = flow.relativeInputNorms();
                furthest = Math.max(furthest, relative.length - 1);
                for (int k = 0; k < relative.length; k++) {
                    if (relative[k] > 0) {      // exact zeros (float underflow) have no place on a log axis
                        double v = LogTicks.log10(relative[k]);
                        s.getData().add(new XYChart.Data<>(k, v));
                        lowest = Math.min(lowest, v);
                        highest = Math.max(highest, v);
                    }
                }
            }
            chart.getData().add(s);
        }
        NumberAxis x = (NumberAxis) chart.getXAxis();
        x.setLowerBound(0);
        x.setUpperBound(furthest);
        x.setTickUnit(niceStep(furthest));
        NumberAxis y = (NumberAxis) chart.getYAxis();
        y.setLowerBound(Math.min(-1, Math.floor(lowest)));
        y.setUpperBound(Math.max(0, Math.ceil(highest)));
        y.setTickUnit(Math.max(1, Math.ceil((y.getUpperBound() - y.getLowerBound()) / 12)));
    }

    /** 1, 2, 5, 10, 20, ... whichever gives at most about 12 ticks over {@code range}. */
    static double niceStep(double range) {
        double[] steps = {1, 2, 5};
        double scale = 1;
        while (true) {
            for (double s : steps) {
                if (range / (s * scale) <= 12) {
                    return s * scale;
                }
            }
            scale *= 10;
        }
    }

    /** Time of one forward pass against sequence length, both on log scales. */
    static LineChart<Number, Number> timingChart(String id) {
        NumberAxis x = LogTicks.powersOfTwo("sequence length T (log scale)", 3, 9);
        NumberAxis y = LogTicks.decades("time of one forward pass, ms (log scale)", -2, 3);
        LineChart<Number, Number> chart = chart(x, y, id, "timing-chart");
        chart.setHorizontalZeroLineVisible(false);
        return chart;
    }

    static void showTiming(LineChart<Number, Number> chart, ForwardTiming.Result timing) {
        chart.getData().clear();
        if (timing == null) {
            return;
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (ForwardTiming.Series series : timing.series()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(series.label());
            for (int i = 0; i < timing.lengths().length; i++) {
                double v = LogTicks.log10(series.millis()[i]);
                s.getData().add(new XYChart.Data<>(LogTicks.log2(timing.lengths()[i]), v));
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
            chart.getData().add(s);
        }
        NumberAxis x = (NumberAxis) chart.getXAxis();
        int[] lengths = timing.lengths();
        x.setLowerBound(Math.floor(LogTicks.log2(lengths[0])));
        x.setUpperBound(Math.ceil(LogTicks.log2(lengths[lengths.length - 1])));
        NumberAxis y = (NumberAxis) chart.getYAxis();
        y.setLowerBound(Math.floor(low));
        y.setUpperBound(Math.ceil(high));
    }
}
