package workbench.ui.flash;

import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import workbench.concurrent.ErrorMessages;
import workbench.concurrent.TaskHandle;
import workbench.core.attention.AttentionScaling;
import workbench.core.attention.AttentionScaling.Measurement;
import workbench.core.attention.AttentionScaling.Point;
import workbench.ui.common.CsvTable;
import workbench.ui.common.LabContext;
import workbench.ui.common.MemorySizeFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Naive against tiled attention on this machine, from N = 64 up to 16k: time and extra memory,
 * measured in the background one length at a time and plotted on log scales as they arrive.
 */
final class ScalingPane extends VBox {

    static final String MEASURE_ID = "flash-scaling-measure";
    static final String PROGRESS_ID = "flash-scaling-progress";
    static final String CANCEL_ID = "flash-scaling-cancel";
    static final String MAX_N_ID = "flash-scaling-max";
    static final String STATUS_ID = "flash-scaling-status";
    static final String TABLE_ID = "flash-scaling-table";
    static final String TIME_CHART_ID = "flash-scaling-time";
    static final String MEMORY_CHART_ID = "flash-scaling-memory";
    static final int D = 64;
    static final long SEED = 42;
    static final int MIN_N = 64;
    static final List<Integer> MAX_CHOICES = List.of(256, 1024, 4096, 16384);

    private final LabContext context;
    private final ChoiceBox<Integer> maxN = new ChoiceBox<>();
    private final Button measure = new Button("Measure");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label("Not measured yet.");
    private final ObservableList<Point> points = FXCollections.observableArrayList();
    private final TableView<Point> table = new TableView<>(points);
    private final LogChart time = new LogChart("Time per call", "ms", 10, v -> String.format(Locale.ROOT, "%s ms", trim(v)));
    private final LogChart memory = new LogChart("Peak extra memory", "bytes", 2, v -> MemorySizeFormat.bytes(Math.round(v)));
    private final ConcurrentLinkedQueue<Point> incoming = new ConcurrentLinkedQueue<>();
    private final AnimationTimer poll;
    private TaskHandle running;

    ScalingPane(LabContext context) {
        this.context = context;
        getStyleClass().add("flash-scaling");
        maxN.setId(MAX_N_ID);
        maxN.getItems().setAll(MAX_CHOICES);
        maxN.setValue(16384);
        measure.setId(MEASURE_ID);
        progress.setId(PROGRESS_ID);
        cancel.setId(CANCEL_ID);
        status.setId(STATUS_ID);
        status.setWrapText(true);
        cancel.setDisable(true);
        measure.setOnAction(e -> measure());
        cancel.setOnAction(e -> cancel());
        progress.setPrefWidth(180);
        HBox bar = new HBox(10, new Label("N from 64 up to"), maxN, measure, cancel, progress);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label about = new Label(String.format(Locale.ROOT, "Synthetic Q, K, V ~ N(0, 1), seed %d, d = %d, no mask, "
                + "ND4J on this machine. Naive: the whole N × N score matrix (gemm, softmax in place, gemm). Tiled: "
                + "%d × %d blocks of scores with an online softmax, never N × N. Extra memory is what each allocates "
                + "beyond Q, K, V, O; the table also shows the growth of the process's peak resident memory.",
                SEED, D, AttentionScaling.CPU_BLOCKS.queryRows(), AttentionScaling.CPU_BLOCKS.keyColumns()));
        about.setWrapText(true);
        about.getStyleClass().add("hint");
        time.chart().setId(TIME_CHART_ID);
        memory.chart().setId(MEMORY_CHART_ID);
        HBox charts = new HBox(8, time.chart(), memory.chart());
        HBox.setHgrow(time.chart(), Priority.ALWAYS);
        HBox.setHgrow(memory.chart(), Priority.ALWAYS);
        buildTable(context.themes().theme().fontScale());
        context.themes().themeProperty().addListener((obs, old, now) -> buildTable(now.fontScale()));
        setSpacing(8);
        VBox.setVgrow(charts, Priority.ALWAYS);
        table.setPrefHeight(200);
        getChildren().addAll(bar, status, about, charts, table);
        poll = new AnimationTimer() {
            @Override
            public void handle(long now) {
                drain();
                TaskHandle handle = running;
                if (handle != null && handle.isCancelled()) {
                    if (handle.isDone()) {
                        finish("Cancelled. The lengths measured so far are kept.");
                    }
                } else if (handle != null) {
                    progress.setProgress(Math.max(0, handle.progress()));
                    if (!handle.message().isEmpty()) {
                        status.setText(handle.message());
                    }
                }
            }
        };
    }

    /** The lengths measured for a given maximum: powers of two from 64. */
    static List<Integer> lengths(int max) {
        List<Integer> out = new ArrayList<>();
        for (int n = MIN_N; n <= max; n *= 2) {
            out.add(n);
        }
        return out;
    }

    void measure() {
        if (running != null && !running.isDone()) {
            return;
        }
        points.clear();
        incoming.clear();
        time.clear();
        memory.clear();
        List<Integer> sizes = lengths(maxN.getValue());
        measure.setDisable(true);
        cancel.setDisable(false);
        maxN.setDisable(true);
        status.setText("Measuring…");
        progress.setProgress(0);
        poll.start();
        running = context.tasks().submit("Measuring naive and tiled attention", work -> {
            for (int i = 0; i < sizes.size(); i++) {
                int n = sizes.get(i);
                work.checkCancelled();
                work.update((double) i / sizes.size(), "Measuring N = " + n + " (" + (i + 1) + " of " + sizes.size() + ")…");
                incoming.add(AttentionScaling.measure(n, D, SEED, work::isCancelled));
            }
            work.update(1, "");
            return sizes.size();
        }, count -> {
            drain();
            progress.setProgress(1);
            finish("Measured " + points.size() + " lengths.");
        }, this::failed);
    }

    /** Asks the measurement to stop; it stops after the call in progress, and Measure is enabled again then. */
    void cancel() {
        if (running != null && !running.isDone()) {
            running.cancel();
            cancel.setDisable(true);
            status.setText("Cancelling after the current call…");
        }
    }

    void dispose() {
        if (running != null) {
            running.cancel();
        }
        poll.stop();
    }

    List<Point> points() {
        return List.copyOf(points);
    }

    String status() {
        return status.getText();
    }

    CsvTable table() {
        CsvTable.Builder csv = CsvTable.builder("n", "d", "naive_ms", "tiled_ms", "naive_extra_bytes",
                "tiled_extra_bytes", "naive_peak_rss_growth_bytes", "tiled_peak_rss_growth_bytes", "max_abs_diff",
                "note");
        for (Point p : points) {
            csv.row(p.n(), p.d(), p.naive().ran() ? p.naive().millis() : "", p.tiled().ran() ? p.tiled().millis() : "",
                    p.naive().ran() ? p.naive().allocatedBytes() : "", p.tiled().ran() ? p.tiled().allocatedBytes() : "",
                    p.naive().peakRssGrowth(), p.tiled().peakRssGrowth(), Double.isNaN(p.maxAbsDiff()) ? "" : p.maxAbsDiff(),
                    (p.naive().problem() + " " + p.tiled().problem()).trim());
        }
        return csv.build();
    }

    private void failed(Throwable error) {
        drain();
        String at = points.isEmpty() ? "" : " after N = " + points.get(points.size() - 1).n();
        String text = error instanceof OutOfMemoryError
                ? "Out of memory" + at + ": this machine cannot hold the next length. The lengths measured so far are kept."
                : "Measuring stopped" + at + ": " + ErrorMessages.describe(error);
        finish(text);
        context.notifier().warn(text);
    }

    private void finish(String text) {
        drain();
        poll.stop();
        running = null;
        measure.setDisable(false);
        cancel.setDisable(true);
        maxN.setDisable(false);
        status.setText(text);
    }

    private void drain() {
        Point p;
        while ((p = incoming.poll()) != null) {
            points.add(p);
            add(time, p, Measurement::millis);
            add(memory, p, m -> m.allocatedBytes());
        }
    }

    private static void add(LogChart chart, Point p, ToDoubleFunction<Measurement> value) {
        if (p.naive().ran()) {
            chart.add(0, p.n(), value.applyAsDouble(p.naive()));
        }
        if (p.tiled().ran()) {
            chart.add(1, p.n(), value.applyAsDouble(p.tiled()));
        }
    }

    /** Columns wide enough for their numbers at the theme's text size; the table scrolls sideways if needed. */
    private void buildTable(double scale) {
        table.setId(TABLE_ID);
        table.setPlaceholder(new Label("Press Measure."));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        TableColumn<Point, String> times = new TableColumn<>("time per call");
        times.getColumns().setAll(List.of(column("naive", p -> millis(p.naive())), column("tiled", p -> millis(p.tiled())),
                column("tiled / naive", ScalingPane::timeRatio)));
        TableColumn<Point, String> extra = new TableColumn<>("extra memory allocated");
        extra.getColumns().setAll(List.of(
                column("naive", p -> p.naive().ran() ? MemorySizeFormat.bytes(p.naive().allocatedBytes()) : "—"),
                column("tiled", p -> p.tiled().ran() ? MemorySizeFormat.bytes(p.tiled().allocatedBytes()) : "—"),
                column("naive / tiled", ScalingPane::ratio)));
        TableColumn<Point, String> rss = new TableColumn<>("peak resident growth");
        rss.getColumns().setAll(List.of(column("naive", p -> MemorySizeFormat.bytes(p.naive().peakRssGrowth())),
                column("tiled", p -> MemorySizeFormat.bytes(p.tiled().peakRssGrowth()))));
        table.getColumns().setAll(List.of(column("N", p -> MemorySizeFormat.count(p.n())), times, extra, rss,
                column("max |naive − tiled|", p -> Double.isNaN(p.maxAbsDiff()) ? "—"
                        : String.format(Locale.ROOT, "%.1e", p.maxAbsDiff())),
                column("note", p -> (p.naive().problem() + " " + p.tiled().problem()).trim())));
        widen(table.getColumns(), 92 * scale);
        table.getColumns().get(0).setPrefWidth(70 * scale);
        table.getColumns().get(table.getColumns().size() - 1).setPrefWidth(420 * scale);
    }

    private static void widen(List<TableColumn<Point, ?>> columns, double width) {
        for (TableColumn<Point, ?> c : columns) {
            if (c.getColumns().isEmpty()) {
                c.setPrefWidth(width);
            } else {
                widen(c.getColumns(), width);
            }
        }
    }

    private static String millis(Measurement m) {
        return m.ran() ? String.format(Locale.ROOT, "%.2f ms", m.millis()) : "—";
    }

    private static String ratio(Point p) {
        if (!p.naive().ran() || !p.tiled().ran()) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.1f×", (double) p.naive().allocatedBytes() / p.tiled().allocatedBytes());
    }

    private static String timeRatio(Point p) {
        if (!p.naive().ran() || !p.tiled().ran()) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f×", p.tiled().millis() / p.naive().millis());
    }

    private static String trim(double v) {
        return v >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2g", v);
    }

    private static TableColumn<Point, String> column(String title, Function<Point, String> value) {
        TableColumn<Point, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }

    /** A line chart with log2 N across and the log of the value up (base 10 or 2), labelled in the original units. */
    static final class LogChart {
        private final NumberAxis x = new NumberAxis();
        private final NumberAxis y = new NumberAxis();
        private final LineChart<Number, Number> chart = new LineChart<>(x, y);
        private final List<XYChart.Series<Number, Number>> series = List.of(new XYChart.Series<>(), new XYChart.Series<>());
        private final double base;
        private double lowest = Double.POSITIVE_INFINITY;
        private double highest = Double.NEGATIVE_INFINITY;

        LogChart(String title, String unit, double base, Function<Double, String> label) {
            this.base = base;
            chart.setTitle(title + " (log scale)");
            chart.setHorizontalZeroLineVisible(false); // log 1 = 0 is not a special value here
            chart.setVerticalZeroLineVisible(false);
            chart.setAnimated(false);
            chart.setCreateSymbols(true);
            series.get(0).setName("naive (N × N)");
            series.get(1).setName("tiled");
            chart.getData().setAll(series);
            x.setLabel("sequence length N (log scale)");
            x.setAutoRanging(false);
            x.setLowerBound(6);
            x.setUpperBound(14);
            x.setTickUnit(1);
            x.setMinorTickVisible(false);
            x.setTickLabelFormatter(converter(v -> {
                long n = Math.round(Math.pow(2, v));
                return n >= 1024 ? (n / 1024) + "k" : Long.toString(n);
            }));
            y.setLabel(unit + " (log scale)");
            y.setAutoRanging(false);
            y.setTickUnit(1);
            y.setMinorTickVisible(false);
            y.setTickLabelFormatter(converter(v -> label.apply(Math.pow(base, v))));
            clear();
        }

        LineChart<Number, Number> chart() {
            return chart;
        }

        void clear() {
            series.forEach(s -> s.getData().clear());
            lowest = Double.POSITIVE_INFINITY;
            highest = Double.NEGATIVE_INFINITY;
            y.setLowerBound(0);
            y.setUpperBound(1);
        }

        void add(int which, int n, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                return;
            }
            double logValue = Math.log(value) / Math.log(base);
            series.get(which).getData().add(new XYChart.Data<>(Math.log(n) / Math.log(2), logValue));
            lowest = Math.min(lowest, logValue);
            highest = Math.max(highest, logValue);
            // At most about eight ticks, each a whole power of the base.
            double unit = Math.max(1, Math.ceil((Math.ceil(highest) - Math.floor(lowest)) / 8));
            double lower = Math.floor(Math.floor(lowest) / unit) * unit;
            y.setTickUnit(unit);
            y.setLowerBound(lower);
            y.setUpperBound(Math.max(Math.ceil(highest / unit) * unit, lower + unit));
            x.setUpperBound(Math.max(x.getUpperBound(), Math.ceil(Math.log(n) / Math.log(2))));
        }

        List<XYChart.Series<Number, Number>> series() {
            return series;
        }

        private static StringConverter<Number> converter(Function<Double, String> format) {
            return new StringConverter<>() {
                @Override
                public String toString(Number value) {
                    return format.apply(value.doubleValue());
                }

                @Override
                public Number fromString(String text) {
                    throw new UnsupportedOperationException("read-only axis");
                }
            };
        }
    }
}
