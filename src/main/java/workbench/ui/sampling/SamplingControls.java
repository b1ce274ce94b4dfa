package workbench.ui.sampling;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import workbench.core.sampling.SamplingSettings;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The knobs of the sampling lab, on the right. Every control writes one field of the
 * {@link SamplingSettings} record and shows the value and what it means; settings set elsewhere
 * (a lesson, reset) move the controls back.
 */
final class SamplingControls extends VBox {

    private final SamplingViewModel vm;
    final RadioButton greedy = new RadioButton("Greedy: the top token");
    final RadioButton random = new RadioButton("Random: draw with a coin");
    final Slider temperature = new Slider(0, SamplingSettings.MAX_TEMPERATURE, 1);
    final Slider topK = new Slider(0, 100, 0);
    final Slider topP = new Slider(0, 1, 1);
    final Slider penalty = new Slider(1, 3, 1);
    final Spinner<Integer> maxTokens = new Spinner<>(1, 2000, 200, 10);
    final TextField seed = new TextField();
    final Button nextSeed = new Button("Next seed");
    final Button play = new Button("Play");
    final Button step = new Button("Step");
    final Button clear = new Button("Clear");
    final Label progress = new Label();
    final Spinner<Integer> beamWidth = new Spinner<>(1, 8, SamplingViewModel.DEFAULT_BEAM_WIDTH);
    final Spinner<Integer> beamLength = new Spinner<>(1, 12, SamplingViewModel.DEFAULT_BEAM_LENGTH);
    final Button runBeam = new Button("Run beam search");
    final Spinner<Integer> rolloutCount = new Spinner<>(10, 1000, SamplingViewModel.DEFAULT_ROLLOUTS, 10);
    final Spinner<Integer> rolloutLength = new Spinner<>(1, 100, SamplingViewModel.DEFAULT_ROLLOUT_LENGTH);
    final Button runRollouts = new Button("Run rollouts");
    final TextArea settingsLine = new TextArea();
    private final Label temperatureValue = valueLabel();
    private final Label topKValue = valueLabel();
    private final Label topPValue = valueLabel();
    private final Label penaltyValue = valueLabel();
    private boolean updating;

    SamplingControls(SamplingViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("controls-box", "sampling-controls");
        ids();
        ToggleGroup mode = new ToggleGroup();
        greedy.setToggleGroup(mode);
        random.setToggleGroup(mode);
        configure(temperature, 1, 0.05);
        configure(topK, 10, 1);
        configure(topP, 0.25, 0.01);
        configure(penalty, 0.5, 0.05);
        for (Spinner<Integer> spinner : java.util.List.of(maxTokens, beamWidth, beamLength, rolloutCount, rolloutLength)) {
            spinner.getEditor().setPrefColumnCount(5);
        }
        seed.setPrefColumnCount(8);
        maxTokens.setEditable(true);
        beamWidth.setEditable(true);
        beamLength.setEditable(true);
        rolloutCount.setEditable(true);
        rolloutLength.setEditable(true);
        settingsLine.setEditable(false);
        settingsLine.setWrapText(true);
        settingsLine.setPrefRowCount(5);
        settingsLine.getStyleClass().add("value-readout");
        settingsLine.setTooltip(new Tooltip("The generate command with this prompt and these settings prints the same text "
                + "(workbench = java -cp target/classes:$(cat target/cp.txt) workbench.app.Main, see the README)"));
        ProgressIndicator beamBusy = busy(vm.beamRunningProperty());
        ProgressIndicator rolloutBusy = busy(vm.rolloutsRunningProperty());
        getChildren().addAll(
                section("Decoding"), greedy, random,
                row("Temperature", temperatureValue), temperature,
                hint("0 = always the top token, 1 = the model as it is, above 1 flatter."),
                row("Top-k", topKValue), topK,
                hint("Keep only the k most likely tokens. 0 or k \u2265 vocabulary = off; 1 = greedy."),
                row("Top-p (nucleus)", topPValue), topP,
                hint("Keep the fewest most likely tokens whose probability reaches p. 1 = off; 0 = the top token. "
                        + "Ties at the cut keep the lower token id."),
                row("Repetition penalty", penaltyValue), penalty,
                hint("CTRL: a token already in the text has its logit divided by this (if positive) or multiplied (if negative). 1 = off."),
                row("Max new tokens", maxTokens),
                row("Seed", seed, nextSeed),
                hint("The seed fixes every coin: the same seed gives the same text, here and on the command line."),
                section("Generate"), new HBox(6, play, step, clear), progress,
                section("Beam search"), row("Width", beamWidth), row("Length", beamLength), new HBox(6, runBeam, beamBusy),
                hint("Keeps the width best continuations by total log-probability. Width 1 = greedy."),
                section("Rollouts"), row("Rollouts", rolloutCount), row("Tokens each", rolloutLength),
                new HBox(6, runRollouts, rolloutBusy),
                hint("The same prompt many times with these settings; rollout i uses seed + i."),
                section("On the command line"), settingsLine,
                hint("The same prompt, settings and seed print the same text there."));
        wire();
        show(vm.settings());
    }

    private void ids() {
        greedy.setId(SamplingPage.GREEDY_ID);
        random.setId(SamplingPage.RANDOM_ID);
        temperature.setId(SamplingPage.TEMPERATURE_ID);
        topK.setId(SamplingPage.TOP_K_ID);
        topP.setId(SamplingPage.TOP_P_ID);
        penalty.setId(SamplingPage.PENALTY_ID);
        maxTokens.setId(SamplingPage.MAX_TOKENS_ID);
        seed.setId(SamplingPage.SEED_ID);
        nextSeed.setId(SamplingPage.NEXT_SEED_ID);
        play.setId(SamplingPage.PLAY_ID);
        step.setId(SamplingPage.STEP_ID);
        clear.setId(SamplingPage.CLEAR_ID);
        beamWidth.setId(SamplingPage.BEAM_WIDTH_ID);
        beamLength.setId(SamplingPage.BEAM_LENGTH_ID);
        runBeam.setId(SamplingPage.RUN_BEAM_ID);
        rolloutCount.setId(SamplingPage.ROLLOUT_COUNT_ID);
        rolloutLength.setId(SamplingPage.ROLLOUT_LENGTH_ID);
        runRollouts.setId(SamplingPage.RUN_ROLLOUTS_ID);
        settingsLine.setId(SamplingPage.SETTINGS_LINE_ID);
    }

    private void wire() {
        greedy.selectedProperty().addListener((o, a, on) -> edit(s -> s.withMode(on ? SamplingSettings.Mode.GREEDY : SamplingSettings.Mode.RANDOM)));
        temperature.valueProperty().addListener((o, a, v) -> edit(s -> s.withTemperature(round(v.doubleValue(), 100))));
        topK.valueProperty().addListener((o, a, v) -> edit(s -> s.withTopK((int) Math.round(v.doubleValue()))));
        topP.valueProperty().addListener((o, a, v) -> edit(s -> s.withTopP(round(v.doubleValue(), 100))));
        penalty.valueProperty().addListener((o, a, v) -> edit(s -> s.withRepetitionPenalty(round(v.doubleValue(), 100))));
        maxTokens.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                edit(s -> s.withMaxNewTokens(v));
            }
        });
        seed.setOnAction(e -> commitSeed());
        seed.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commitSeed();
            }
        });
        nextSeed.setOnAction(e -> edit(s -> s.withSeed(s.seed() + 1)));
        vm.settingsProperty().addListener((o, a, now) -> show(now));
        vm.modelProperty().addListener((o, a, now) -> show(vm.settings()));
        vm.promptProperty().addListener((o, a, now) -> settingsLine.setText(vm.commandLine()));

        play.setOnAction(e -> {
            if (vm.playingProperty().get()) {
                vm.pause();
            } else {
                vm.play();
            }
        });
        step.setOnAction(e -> {
            vm.pause();
            vm.step();
        });
        clear.setOnAction(e -> vm.clearGeneration());
        vm.playingProperty().addListener((o, a, now) -> play.setText(now ? "Pause" : "Play"));
        Runnable generationState = () -> {
            boolean usable = vm.hasModel() && vm.promptTokens().length > 0;
            play.setDisable(!usable || vm.finishedProperty().get());
            step.setDisable(!usable || vm.finishedProperty().get());
            clear.setDisable(!usable);
            runBeam.setDisable(!usable);
            runRollouts.setDisable(!usable);
            progress.setText(usable ? vm.steps().size() + " of " + vm.settings().maxNewTokens() + " tokens" : "");
        };
        vm.steps().addListener((javafx.collections.ListChangeListener<Object>) c -> generationState.run());
        vm.finishedProperty().addListener((o, a, b) -> generationState.run());
        vm.messageProperty().addListener((o, a, b) -> generationState.run());
        vm.previewProperty().addListener((o, a, b) -> generationState.run());
        vm.modelProperty().addListener((o, a, b) -> generationState.run());
        generationState.run();

        beamWidth.valueProperty().addListener((o, a, v) -> vm.beamWidthProperty().set(v));
        beamLength.valueProperty().addListener((o, a, v) -> vm.beamLengthProperty().set(v));
        vm.beamWidthProperty().addListener((o, a, v) -> beamWidth.getValueFactory().setValue(v.intValue()));
        vm.beamLengthProperty().addListener((o, a, v) -> beamLength.getValueFactory().setValue(v.intValue()));
        runBeam.setOnAction(e -> vm.runBeamSearch());
        rolloutCount.valueProperty().addListener((o, a, v) -> vm.rolloutCountProperty().set(v));
        rolloutLength.valueProperty().addListener((o, a, v) -> vm.rolloutLengthProperty().set(v));
        vm.rolloutCountProperty().addListener((o, a, v) -> rolloutCount.getValueFactory().setValue(v.intValue()));
        vm.rolloutLengthProperty().addListener((o, a, v) -> rolloutLength.getValueFactory().setValue(v.intValue()));
        runRollouts.setOnAction(e -> vm.runRollouts());
    }

    private void edit(UnaryOperator<SamplingSettings> change) {
        if (!updating) {
            vm.setSettings(change.apply(vm.settings()));
        }
    }

    private void commitSeed() {
        try {
            long value = Long.parseLong(seed.getText().trim());
            edit(s -> s.withSeed(value));
        } catch (NumberFormatException bad) {
            vm.messageProperty().set("The seed must be a whole number, not '" + seed.getText().trim() + "'.");
            seed.setText(Long.toString(vm.settings().seed()));
        }
    }

    /** Moves every control to {@code s} without writing back. */
    private void show(SamplingSettings s) {
        updating = true;
        try {
            greedy.setSelected(s.greedy());
            random.setSelected(!s.greedy());
            temperature.setValue(s.temperature());
            int v = vm.vocabSize();
            topK.setMax(Math.max(v > 0 ? v : 100, s.topK()));
            topK.setValue(s.topK());
            topP.setValue(s.topP());
            penalty.setMax(Math.max(3, s.repetitionPenalty()));
            penalty.setValue(s.repetitionPenalty());
            maxTokens.getValueFactory().setValue(Math.min(2000, s.maxNewTokens()));
            seed.setText(Long.toString(s.seed()));
            temperatureValue.setText(s.temperature() == 0 ? "0 (argmax)" : String.format(Locale.ROOT, "%.2f", s.temperature()));
            topKValue.setText(s.topK() == 0 || v > 0 && s.topK() >= v ? "off" + (s.topK() > 0 ? " (k = " + s.topK() + " \u2265 vocabulary)" : "")
                    : "k = " + s.topK());
            topPValue.setText(s.topP() >= 1 ? "1.00 (off)" : s.topP() == 0 ? "0 (top token only)" : String.format(Locale.ROOT, "%.2f", s.topP()));
            penaltyValue.setText(s.repetitionPenalty() == 1 ? "1 (off)" : String.format(Locale.ROOT, "%.2f", s.repetitionPenalty()));
            settingsLine.setText(vm.commandLine());
        } finally {
            updating = false;
        }
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }

    private static void configure(Slider slider, double major, double block) {
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setMajorTickUnit(major);
        slider.setMinorTickCount(0);
        slider.setBlockIncrement(block);
    }

    private static ProgressIndicator busy(javafx.beans.value.ObservableBooleanValue running) {
        ProgressIndicator indicator = new ProgressIndicator();
        indicator.setPrefSize(22, 22);
        indicator.visibleProperty().bind(running);
        return indicator;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static Label hint(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("hint");
        label.setWrapText(true);
        return label;
    }

    private static Label valueLabel() {
        Label label = new Label();
        label.getStyleClass().add("value-readout");
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }

    private static HBox row(String name, javafx.scene.Node... nodes) {
        Label label = new Label(name);
        // The name may wrap on a narrow panel (projector text); the value never hides.
        label.setWrapText(true);
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(6, label, spacer);
        box.getChildren().addAll(nodes);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }
}
