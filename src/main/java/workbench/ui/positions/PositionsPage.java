package workbench.ui.positions;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import workbench.core.embedding.PositionalDemo;
import workbench.core.embedding.PositionalEncodings;
import workbench.core.embedding.Similarity;
import workbench.core.tensor.Rng;
import workbench.core.trace.RopeTrace;
import workbench.core.trace.SinusoidalTrace;
import workbench.ui.common.CsvTable;
import workbench.ui.common.HeatmapCanvas;
import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;
import workbench.ui.common.LabSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Positions lab: sinusoidal encodings (table, waves, similarity of positions) and RoPE (a
 * query/key pair turning with position, and a score that depends only on the offset). Every number
 * comes from {@link PositionalDemo}; recomputing for 64 positions takes well under a frame, so a
 * slider redraws at once on the JavaFX thread (measured by PositionsRedrawBenchmark).
 */
public final class PositionsPage implements LabPage {

    public static final String ID = "positions";
    public static final String TABS_ID = "positions-tabs";
    public static final String POSITIONS_ID = "positions-count";
    public static final String D_MODEL_ID = "positions-d-model";
    public static final String BASE_ID = "positions-base";
    public static final String BASE_LABEL_ID = "positions-base-label";
    public static final String MEASURE_ID = "positions-measure";
    public static final String DIMS_ID = "positions-dims";
    public static final String DIMS_PROBLEM_ID = "positions-dims-problem";
    public static final String ENCODING_ID = "positions-encoding";
    public static final String SIMILARITY_ID = "positions-similarity";
    public static final String WAVES_ID = "positions-waves";
    public static final String ROPE_M_ID = "rope-m";
    public static final String ROPE_N_ID = "rope-n";
    public static final String ROPE_PAIR_ID = "rope-pair";
    public static final String ROPE_DIAL_ID = "rope-dial";
    public static final String ROPE_SCORES_ID = "rope-scores";
    public static final String ROPE_OFFSET_ID = "rope-offset-plot";
    public static final String ROPE_READOUT_ID = "rope-readout";
    public static final String ROPE_SEED_ID = "rope-seed";
    public static final String MODEL_PANEL_ID = "positions-model";
    public static final String LEARNED_TABLE_ID = "positions-learned-table";
    public static final String LEARNED_SIMILARITY_ID = "positions-learned-similarity";
    public static final String LEARNED_SINUSOIDAL_ID = "positions-learned-sinusoidal";
    public static final String OFF_PROMPT_ID = "positions-off-prompt";
    public static final String OFF_WITH_ID = "positions-off-with";
    public static final String OFF_WITHOUT_ID = "positions-off-without";
    public static final String OFF_SUMMARY_ID = "positions-off-summary";

    static final int DEFAULT_POSITIONS = 64;
    static final int DEFAULT_D = 64;
    static final double DEFAULT_LOG_BASE = Math.log10(PositionalEncodings.DEFAULT_BASE);
    static final long DEFAULT_SEED = 7;
    static final List<String> PANELS = List.of("sinusoidal", "rope", "model");

    private final LabContext context;
    private final BorderPane view = new BorderPane();
    private final VBox controls = new VBox();
    private final TabPane tabs = new TabPane();
    final Slider positions = intSlider(8, 128, DEFAULT_POSITIONS, POSITIONS_ID);
    final Slider dModel = intSlider(4, 256, DEFAULT_D, D_MODEL_ID);
    final Slider logBase = new Slider(1, 6, DEFAULT_LOG_BASE);
    final ChoiceBox<Similarity> measure = new ChoiceBox<>();
    final TextField dims = new TextField();
    final Slider ropeM = intSlider(0, DEFAULT_POSITIONS - 1, 9, ROPE_M_ID);
    final Slider ropeN = intSlider(0, DEFAULT_POSITIONS - 1, 4, ROPE_N_ID);
    final Slider ropePair = intSlider(0, DEFAULT_D / 2 - 1, 0, ROPE_PAIR_ID);
    private final Label baseLabel = new Label();
    private final Label dLabel = new Label();
    private final Label positionsLabel = new Label();
    private final Label dimsProblem = new Label();
    private final Label seedLabel = new Label();
    private final Label mLabel = new Label();
    private final Label nLabel = new Label();
    private final Label pairLabel = new Label();
    private final SinusoidalPanel sinusoidalPanel;
    private final RopePanel ropePanel;
    private final ModelPositionsPanel modelPanel;
    private long seed = DEFAULT_SEED;
    private boolean dimsEdited;
    private boolean updating;
    private SinusoidalTrace sinusoidal;
    private RopeTrace rope;
    private SinusoidalKey sinusoidalKey;
    private RopeKey ropeKey;
    private PositionalDemo.RopeScores ropeScoreTable;
    private SinusoidalKey wantedSinusoidal;
    private RopeKey wantedRope;
    private int wantedPair;
    private int wantedM;
    private int wantedN;
    private SinusoidalTrace sinusoidalShown;

    /** What the sinusoidal numbers depend on. */
    private record SinusoidalKey(int positions, int d, double base, Similarity measure, List<Integer> dims) {
    }

    /** What the RoPE vectors and score matrix depend on. */
    private record RopeKey(int positions, int d, double base, long seed) {
    }

    public PositionsPage(LabContext context) {
        this.context = context;
        sinusoidalPanel = new SinusoidalPanel(context.themes());
        ropePanel = new RopePanel(context.themes());
        modelPanel = new ModelPositionsPanel(context);
        view.getStylesheets().add(PositionsPage.class.getResource("/workbench/ui/positions.css").toExternalForm());
        view.getStyleClass().add("positions-lab");
        buildView();
        buildControls();
        dims.setText(defaultDims(DEFAULT_D));
        positions.valueProperty().addListener((o, a, b) -> update());
        dModel.valueProperty().addListener((o, a, b) -> update());
        logBase.valueProperty().addListener((o, a, b) -> update());
        measure.valueProperty().addListener((o, a, b) -> {
            modelPanel.setMeasure(b);
            update();
        });
        dims.textProperty().addListener((o, a, b) -> {
            if (!updating) {
                dimsEdited = true;
                update();
            }
        });
        ropeM.valueProperty().addListener((o, a, b) -> update());
        ropeN.valueProperty().addListener((o, a, b) -> update());
        ropePair.valueProperty().addListener((o, a, b) -> update());
        update();
    }

    private static Slider intSlider(int min, int max, int value, String id) {
        Slider s = new Slider(min, max, value);
        s.setId(id);
        s.setBlockIncrement(1);
        s.setMajorTickUnit(Math.max(1, (max - min) / 4.0));
        // No tick marks or labels: the label above each slider says its value, and the axis that
        // draws ticks costs a tenth of a redraw to lay out again at every step.
        return s;
    }

    private void buildView() {
        modelPanel.setId(MODEL_PANEL_ID);

        tabs.setId(TABS_ID);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> renderVisible());
        tabs.getTabs().setAll(new Tab("Sinusoidal", sinusoidalPanel), new Tab("RoPE", ropePanel),
                new Tab("Learned / positions off", modelPanel));
        Label title = new Label("Positions");
        title.getStyleClass().add("page-title");
        view.setTop(title);
        view.setCenter(tabs);
    }

    private void buildControls() {
        controls.getStyleClass().add("controls-box");
        for (Label l : List.of(positionsLabel, dLabel, baseLabel, mLabel, nLabel, pairLabel, seedLabel)) {
            l.setWrapText(true);
        }
        logBase.setId(BASE_ID);
        logBase.setMajorTickUnit(1);
        baseLabel.setId(BASE_LABEL_ID);
        measure.setId(MEASURE_ID);
        measure.getItems().setAll(Similarity.values());
        measure.setValue(Similarity.COSINE);
        dims.setId(DIMS_ID);
        dimsProblem.setId(DIMS_PROBLEM_ID);
        dimsProblem.setWrapText(true);
        dimsProblem.getStyleClass().add("dims-problem");
        seedLabel.setId(ROPE_SEED_ID);
        Button reseed = new Button("New random q and k");
        reseed.setOnAction(e -> {
            seed++;
            update();
        });
        Label ropeHint = new Label("q and k are random vectors of size d_model, drawn with the seed shown.");
        ropeHint.setWrapText(true);
        ropeHint.getStyleClass().add("hint");
        Label modelHint = new Label("The Learned tab shows the trained model's own table (its context × its width); "
                + "of these controls it follows only the similarity measure.");
        modelHint.setWrapText(true);
        modelHint.getStyleClass().add("hint");
        controls.getChildren().addAll(
                section("Encoding"), positionsLabel, positions, dLabel, dModel, baseLabel, logBase,
                new Label("Similarity of positions"), measure,
                new Label("Dimensions drawn as waves"), dims, dimsProblem,
                section("RoPE"), mLabel, ropeM, nLabel, ropeN, pairLabel, ropePair, seedLabel, reseed, ropeHint,
                section("Learned / positions off"), modelHint);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    /** Sine dimensions at 0, d/8, d/4 and d/2: wavelengths from 2 pi to thousands of positions. */
    static String defaultDims(int d) {
        List<String> out = new ArrayList<>();
        for (int dim : new int[]{0, d / 8, d / 4, d / 2}) {
            int even = dim - dim % 2;
            if (even < d && !out.contains(String.valueOf(even))) {
                out.add(String.valueOf(even));
            }
        }
        return String.join(", ", out);
    }

    int positionCount() {
        return (int) Math.round(positions.getValue());
    }

    /** d_model, rounded to an even number (RoPE turns pairs of dimensions). */
    int dModelValue() {
        int d = (int) Math.round(dModel.getValue());
        return d - d % 2;
    }

    double baseValue() {
        // Rounded to 3 significant digits so the label and the computation agree exactly.
        double raw = Math.pow(10, logBase.getValue());
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)) - 2);
        return Math.round(raw / magnitude) * magnitude;
    }

    /**
     * Recomputes what the controls changed and redraws the visible tab. The sinusoidal numbers
     * depend on (positions, d, base, measure, dims) and the RoPE scores on (positions, d, base,
     * seed), so moving m, n or the pair redraws only the dial, the selection and the read-out.
     */
    void update() {
        if (updating) {
            return;
        }
        updating = true;
        try {
            int t = positionCount();
            int d = dModelValue();
            if (!dimsEdited) {
                setIfChanged(dims, defaultDims(d));
            }
            ropeM.setMax(t - 1);
            ropeN.setMax(t - 1);
            ropePair.setMax(d / 2 - 1);
            double base = baseValue();
            int[] chosen = parseDims(dims.getText(), d);
            wantedSinusoidal = new SinusoidalKey(t, d, base, measure.getValue(), Arrays.stream(chosen).boxed().toList());
            wantedRope = new RopeKey(t, d, base, seed);
            wantedPair = Math.min((int) Math.round(ropePair.getValue()), d / 2 - 1);
            wantedM = Math.min((int) Math.round(ropeM.getValue()), t - 1);
            wantedN = Math.min((int) Math.round(ropeN.getValue()), t - 1);
            renderLabels(base, d, t);
            renderVisible();
        } finally {
            updating = false;
        }
    }

    /** The sinusoidal numbers for the current controls, recomputed only when they changed. */
    private SinusoidalTrace sinusoidalNow() {
        SinusoidalKey k = wantedSinusoidal;
        if (!k.equals(sinusoidalKey)) {
            int[] chosen = k.dims().stream().mapToInt(Integer::intValue).toArray();
            sinusoidal = PositionalDemo.sinusoidal(k.positions(), k.d(), k.base(), k.measure(), chosen, 8);
            sinusoidalKey = k;
        }
        return sinusoidal;
    }

    /** The RoPE trace for the current controls; the score table is recomputed only when q, k, T or the base change. */
    private RopeTrace ropeNow() {
        RopeKey k = wantedRope;
        if (!k.equals(ropeKey)) {
            Rng rng = new Rng(k.seed());
            float[] query = rng.gaussian(1, k.d(), 1)[0];
            float[] key = rng.gaussian(1, k.d(), 1)[0];
            ropeScoreTable = PositionalDemo.ropeScores(query, key, k.positions(), k.base());
            ropeKey = k;
            rope = null;
        }
        if (rope == null || rope.pair() != wantedPair || rope.queryPosition() != wantedM || rope.keyPosition() != wantedN) {
            rope = PositionalDemo.rope(ropeScoreTable, wantedPair, wantedM, wantedN);
        }
        return rope;
    }

    private int[] parseDims(String text, int d) {
        List<Integer> out = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                int v = Integer.parseInt(part.trim());
                if (v >= 0 && v < d && !out.contains(v) && out.size() < LinePlotCanvas.PALETTE.length) {
                    out.add(v);
                } else if (v < 0 || v >= d) {
                    bad.add(part.trim());
                }
            } catch (NumberFormatException notANumber) {
                bad.add(part.trim());
            }
        }
        setIfChanged(dimsProblem, bad.isEmpty() ? "" : "Ignored " + String.join(", ", bad) + ": dimensions are whole "
                + "numbers from 0 to " + (d - 1) + ".");
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private void renderLabels(double base, int d, int t) {
        setIfChanged(positionsLabel, "Positions: " + t);
        setIfChanged(dLabel, "d_model: " + d);
        setIfChanged(baseLabel, String.format(Locale.ROOT, "Base: %,.0f", base));
        setIfChanged(mLabel, "Query position m: " + wantedM);
        setIfChanged(nLabel, "Key position n: " + wantedN);
        setIfChanged(pairLabel, String.format(Locale.ROOT, "Pair shown: %d (dimensions %d, %d)", wantedPair,
                2 * wantedPair, 2 * wantedPair + 1));
        setIfChanged(seedLabel, "Seed: " + seed);
    }

    /** Hands the traces to the canvases of the tab on screen; the other tab catches up when shown. */
    private void renderVisible() {
        if (wantedSinusoidal == null) {
            return;
        }
        int tab = tabs.getSelectionModel().getSelectedIndex();
        if (tab == 0 && sinusoidalNow() != sinusoidalShown) {
            sinusoidalPanel.show(sinusoidal);
            sinusoidalShown = sinusoidal;
        }
        if (tab == 1) {
            ropePanel.show(ropeNow());
        }
        if (tab == 2) {
            modelPanel.shown();
        }
    }

    private static void setIfChanged(Label label, String text) {
        if (!text.equals(label.getText())) {
            label.setText(text);
        }
    }

    private static void setIfChanged(TextField field, String text) {
        if (!text.equals(field.getText())) {
            field.setText(text);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Positions";
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Node controls() {
        return controls;
    }

    @Override
    public void reset() {
        updating = true;
        try {
            positions.setValue(DEFAULT_POSITIONS);
            dModel.setValue(DEFAULT_D);
            logBase.setValue(DEFAULT_LOG_BASE);
            measure.setValue(Similarity.COSINE);
            ropeM.setValue(9);
            ropeN.setValue(4);
            ropePair.setValue(0);
            seed = DEFAULT_SEED;
            dimsEdited = false;
            dims.setText(defaultDims(DEFAULT_D));
        } finally {
            updating = false;
        }
        modelPanel.setPrompt(ModelPositionsPanel.PRESETS.get(0));
        tabs.getSelectionModel().select(0);
        update();
    }

    @Override
    public void dispose() {
        modelPanel.dispose();
    }

    /**
     * On the RoPE tab the score matrix; on the model tab every token's probability with and without
     * positions; otherwise the sinusoidal table (position x dimension).
     */
    @Override
    public CsvTable table() {
        if (tabs.getSelectionModel().getSelectedIndex() == 2) {
            return modelPanel.table();
        }
        if (tabs.getSelectionModel().getSelectedIndex() == 1) {
            RopeTrace r = ropeNow();
            int t = r.positions();
            return CsvTable.matrix("m \\ n", SinusoidalPanel.indexLabels(t), SinusoidalPanel.indexLabels(t), r.scores());
        }
        SinusoidalTrace sinusoidal = sinusoidalNow();
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < sinusoidal.d(); i++) {
            columns.add("dim " + i);
        }
        return CsvTable.matrix("position", SinusoidalPanel.indexLabels(sinusoidal.positions()), columns, sinusoidal.table());
    }

    @Override
    public LabSettings settings() {
        return new LabSettings()
                .integer("positions", 8, 128, positions::setValue)
                .integer("d_model", 4, 256, dModel::setValue)
                .number("base", 10, 1_000_000, b -> logBase.setValue(Math.log10(b)))
                .choice("measure", List.of("cosine", "dot"), v -> measure.setValue(v.equals("dot") ? Similarity.DOT : Similarity.COSINE))
                .text("dims", dims::setText)
                .integer("m", 0, 127, ropeM::setValue)
                .integer("n", 0, 127, ropeN::setValue)
                .integer("pair", 0, 127, ropePair::setValue)
                .integer("seed", 0, Integer.MAX_VALUE, s -> {
                    seed = s;
                    update();
                })
                .text("prompt", modelPanel::setPrompt)
                .choice("panel", PANELS, p -> tabs.getSelectionModel().select(PANELS.indexOf(p)));
    }

    SinusoidalTrace sinusoidalTrace() {
        return sinusoidalNow();
    }

    RopeTrace ropeTrace() {
        return ropeNow();
    }

    long seed() {
        return seed;
    }

    String dimsProblemText() {
        return dimsProblem.getText();
    }

    String ropeReadoutText() {
        return ropePanel.readout.getText();
    }

    HeatmapCanvas encodingCanvas() {
        return sinusoidalPanel.encoding;
    }

    HeatmapCanvas similarityCanvas() {
        return sinusoidalPanel.similarity;
    }

    HeatmapCanvas ropeScoresCanvas() {
        return ropePanel.scores;
    }

    ModelPositionsPanel modelPanel() {
        return modelPanel;
    }

    LinePlotCanvas wavesCanvas() {
        return sinusoidalPanel.waves;
    }
}
