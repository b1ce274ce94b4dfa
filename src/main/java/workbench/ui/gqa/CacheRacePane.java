package workbench.ui.gqa;

import javafx.animation.AnimationTimer;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import workbench.core.gqa.CacheRace;
import workbench.ui.common.MemorySizeFormat;


/**
 * The real KV caches of the trained model and its conversions growing while they generate, token
 * by token: a line per model (cache bytes against tokens held) and, for each, its size now, its
 * bytes per token and the text it wrote. Every figure is the cache's own count.
 */
final class CacheRacePane extends VBox {

    static final String STEP_ID = "gqa-cache-step";
    static final String PLAY_ID = "gqa-cache-play";
    static final String RESTART_ID = "gqa-cache-restart";
    static final String STATUS_ID = "gqa-cache-status";
    static final String CHART_ID = "gqa-cache-growth";
    static final String LANES_ID = "gqa-cache-lanes";
    /** Lane cell ids: LANE_PREFIX + lane index + "-bytes" / "-tokens" / "-text". */
    static final String LANE_PREFIX = "gqa-cache-lane-";

    private final CacheRaceViewModel model;
    private final LineChart<Number, Number> chart;
    private final GridPane lanes = new GridPane();
    private final AnimationTimer ticker;

    CacheRacePane(CacheRaceViewModel model) {
        this.model = model;
        setSpacing(8);
        Label title = new Label("The KV cache while the model generates");
        title.getStyleClass().add("section-title");
        Label intro = new Label("Each model continues the prompt greedily (always the most likely next character), "
                + "keeping the keys and values of every token it has read in its own cache: per token 2 (K and V) × "
                + "layers × K/V heads × head size × 4 bytes (float32). Fewer K/V heads, a smaller cache for the same text.");
        intro.setWrapText(true);
        intro.getStyleClass().add("hint");
        Button step = new Button("Step");
        step.setId(STEP_ID);
        step.setOnAction(e -> {
            model.playingProperty().set(false);
            model.step();
        });
        Button play = new Button("Play");
        play.setId(PLAY_ID);
        play.setOnAction(e -> model.playingProperty().set(!model.playingProperty().get()));
        model.playingProperty().addListener((o, a, now) -> play.setText(now ? "Pause" : "Play"));
        Button restart = new Button("Restart");
        restart.setId(RESTART_ID);
        restart.setOnAction(e -> model.clear());
        Label status = new Label();
        status.setId(STATUS_ID);
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        FlowPane actions = new FlowPane(8, 6, step, play, restart);
        actions.setAlignment(Pos.CENTER_LEFT);

        NumberAxis x = new NumberAxis();
        x.setLabel("tokens in the cache");
        x.setAutoRanging(false); // 0 to the context length: how much room is left is part of the story
        x.setLowerBound(0);
        x.setUpperBound(64);
        x.setTickUnit(8);
        NumberAxis y = new NumberAxis();
        y.setLabel("cache size (KB)");
        chart = new LineChart<>(x, y);
        chart.setId(CHART_ID);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setPrefHeight(260);
        chart.setMinHeight(200);

        lanes.setId(LANES_ID);
        lanes.setHgap(16);
        lanes.setVgap(3);
        for (int c = 0; c < 5; c++) {
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setHalignment(c == 0 || c == 4 ? HPos.LEFT : HPos.RIGHT);
            lanes.getColumnConstraints().add(constraints);
        }
        getChildren().addAll(title, intro, actions, status, chart, lanes);

        ticker = new AnimationTimer() {
            @Override
            public void handle(long now) {
                model.tick();
            }
        };
        model.playingProperty().addListener((o, a, now) -> {
            if (now) {
                ticker.start();
            } else {
                ticker.stop();
            }
        });
        model.snapshotProperty().addListener((o, a, s) -> show(s));
    }

    private void show(CacheRace.Snapshot s) {
        chart.getData().clear();
        lanes.getChildren().clear();
        if (s == null) {
            return;
        }
        NumberAxis x = (NumberAxis) chart.getXAxis();
        x.setUpperBound(s.lanes().get(0).capacity());
        x.setTickUnit(Math.max(1, s.lanes().get(0).capacity() / 8));
        String[] header = {"model", "K/V heads", "tokens", "cache now", "text so far (prompt, then its own tokens)"};
        for (int c = 0; c < header.length; c++) {
            Label l = new Label(header[c]);
            l.getStyleClass().add("section-title");
            lanes.add(l, c, 0);
        }
        for (int i = 0; i < s.lanes().size(); i++) {
            CacheRace.Lane lane = s.lanes().get(i);
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(lane.label());
            long[] history = lane.history();
            for (int k = 0; k < history.length; k++) {
                series.getData().add(new XYChart.Data<>(s.startTokens() + k, history[k] / 1024.0));
            }
            chart.getData().add(series);
            int row = i + 1;
            lanes.add(new Label(lane.label()), 0, row);
            lanes.add(cell(i + "-kv", Integer.toString(lane.kvHeads())), 1, row);
            lanes.add(cell(i + "-tokens", lane.tokens() + " / " + lane.capacity()), 2, row);
            lanes.add(cell(i + "-bytes", MemorySizeFormat.bytes(lane.bytes()) + " (" + MemorySizeFormat.bytes(lane.bytesPerToken())
                    + " per token)"), 3, row);
            Label text = cell(i + "-text", visible(lane.text()));
            text.getStyleClass().add("gqa-generated");
            lanes.add(text, 4, row);
        }
    }

    /** Line breaks shown as a symbol, so each model's text stays on one row. */
    static String visible(String text) {
        return text.replace("\n", "⏎");
    }

    private static Label cell(String key, String text) {
        Label l = new Label(text);
        l.setId(LANE_PREFIX + key);
        l.getStyleClass().add("value-readout");
        return l;
    }

    void dispose() {
        ticker.stop();
        model.playingProperty().set(false);
    }
}
