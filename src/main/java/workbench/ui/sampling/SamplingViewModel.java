package workbench.ui.sampling;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import workbench.concurrent.ErrorMessages;
import workbench.concurrent.TaskHandle;
import workbench.concurrent.TaskRunner;
import workbench.core.sampling.BeamSearch;
import workbench.core.sampling.BeamTree;
import workbench.core.sampling.CachedModel;
import workbench.core.sampling.Generator;
import workbench.core.sampling.PromptDecoding;
import workbench.core.sampling.RolloutResult;
import workbench.core.sampling.Rollouts;
import workbench.core.sampling.SamplingSettings;
import workbench.core.sampling.SamplingStep;

import java.util.List;

/**
 * The state of the sampling lab, on the JavaFX thread: prompt, settings, the next-token step on
 * show, the generated tokens, beam search and rollouts. All model work goes through the
 * {@link TaskRunner}; results from a prompt or settings that have since changed are dropped.
 *
 * <p>The generation is one {@link Generator}: its {@link Generator#peek()} is the "next draw" shown
 * before anything is generated, so the first token generated is exactly the one previewed. Any
 * change of prompt, settings or model starts a fresh generator (same seed, same coins).
 */
public final class SamplingViewModel {

    public static final String DEFAULT_PROMPT = "And God said";
    public static final int DEFAULT_BEAM_WIDTH = 3;
    public static final int DEFAULT_BEAM_LENGTH = 6;
    public static final int DEFAULT_ROLLOUTS = 100;
    public static final int DEFAULT_ROLLOUT_LENGTH = 10;
    /** Time between two generated tokens while playing, so that a class can follow the stream. */
    public static final long STEP_INTERVAL_NANOS = 80_000_000L;
    public static final String NEEDS_MODEL = "This lab needs the trained model.";
    public static final String CLEARED = "The generated text was cleared: it was made with other settings. Same seed, same coins.";

    private static final String PREVIEW_KEY = "sampling-preview";
    private static final String BEAM_KEY = "sampling-beam";
    private static final String ROLLOUTS_KEY = "sampling-rollouts";
    private static final int CACHE_CONTEXTS = 4096;
    /** KV caches kept per prompt: one per beam of the widest beam search the controls allow. */
    private static final int DECODERS = 8;

    private final TaskRunner tasks;
    private final ObjectProperty<SamplingModel> model = new SimpleObjectProperty<>(this, "model");
    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", DEFAULT_PROMPT);
    private final ObjectProperty<SamplingSettings> settings =
            new SimpleObjectProperty<>(this, "settings", SamplingSettings.DEFAULTS);
    private final ObjectProperty<SamplingStep> preview = new SimpleObjectProperty<>(this, "preview");
    private final ObservableList<SamplingStep> steps = FXCollections.observableArrayList();
    private final IntegerProperty selected = new SimpleIntegerProperty(this, "selected", -1);
    private final ReadOnlyObjectWrapper<SamplingStep> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing");
    private final BooleanProperty finished = new SimpleBooleanProperty(this, "finished");
    private final StringProperty message = new SimpleStringProperty(this, "message", NEEDS_MODEL);
    private final IntegerProperty beamWidth = new SimpleIntegerProperty(this, "beamWidth", DEFAULT_BEAM_WIDTH);
    private final IntegerProperty beamLength = new SimpleIntegerProperty(this, "beamLength", DEFAULT_BEAM_LENGTH);
    private final ObjectProperty<BeamTree> beam = new SimpleObjectProperty<>(this, "beam");
    private final BooleanProperty beamRunning = new SimpleBooleanProperty(this, "beamRunning");
    private final IntegerProperty rolloutCount = new SimpleIntegerProperty(this, "rolloutCount", DEFAULT_ROLLOUTS);
    private final IntegerProperty rolloutLength = new SimpleIntegerProperty(this, "rolloutLength", DEFAULT_ROLLOUT_LENGTH);
    private final ObjectProperty<RolloutResult> rollouts = new SimpleObjectProperty<>(this, "rollouts");
    private final ObjectProperty<RolloutResult> previousRollouts = new SimpleObjectProperty<>(this, "previousRollouts");
    private final BooleanProperty rolloutsRunning = new SimpleBooleanProperty(this, "rolloutsRunning");

    /** Every logit the lab shows: continuations of the prompt, decoded as the generate command decodes. */
    private CachedModel cached;
    private int[] cachedPrompt;
    private Generator generator;
    private int[] promptTokens;
    private int version;
    private int inputVersion;
    private boolean stepInFlight;
    private long lastStepNanos;
    private TaskHandle beamTask;
    private TaskHandle rolloutTask;

    public SamplingViewModel(TaskRunner tasks) {
        this.tasks = tasks;
        model.addListener((obs, old, now) -> {
            cached = null;
            cachedPrompt = null;
            clearResults();
            refresh();
        });
        prompt.addListener((obs, old, now) -> {
            clearResults();
            refresh();
        });
        settings.addListener((obs, old, now) -> refresh());
        selected.addListener((obs, old, now) -> updateShown());
    }

    /** Starts over with the current model, prompt and settings: a fresh generator and its preview. */
    public void refresh() {
        version++;
        if (generator != null) {
            generator.cancel();
        }
        boolean hadText = !steps.isEmpty();
        generator = null;
        promptTokens = null;
        stepInFlight = false;
        playing.set(false);
        steps.clear();
        selected.set(-1);
        preview.set(null);
        finished.set(false);
        SamplingModel m = model.get();
        if (m == null) {
            message.set(NEEDS_MODEL);
            updateShown();
            return;
        }
        int dropped;
        try {
            int[] all = m.tokenizer().encode(prompt.get() == null ? "" : prompt.get());
            // Like the generate command: the prompt is what the model reads, its last contextLength tokens.
            promptTokens = Generator.window(all, m.model().contextLength());
            dropped = all.length - promptTokens.length;
            generator = new Generator(decoding(m, promptTokens), promptTokens, settings.get());
        } catch (IllegalArgumentException bad) {
            promptTokens = null;
            message.set("The prompt cannot be used: " + ErrorMessages.describe(bad) + ".");
            updateShown();
            return;
        }
        message.set(hadText ? CLEARED : dropped > 0 ? "The prompt has " + (promptTokens.length + dropped)
                + " tokens; the model reads " + promptTokens.length + ", so the first " + dropped + " are left out." : "");
        int v = version;
        Generator g = generator;
        tasks.submitLatest(PREVIEW_KEY, "Next-token distribution", progress -> g.peek(), step -> {
            if (v == version) {
                preview.set(step);
                updateShown();
            }
        }, error -> fail(v, error));
        updateShown();
    }

    /**
     * The logits for continuations of {@code tokens}, for generation, beam search and rollouts alike:
     * kept while the prompt stays, so that moving a slider asks the model nothing and rollouts and
     * beams share their first tokens. A fresh decoder per prompt: a search still running for the
     * old prompt keeps its own.
     */
    private CachedModel decoding(SamplingModel m, int[] tokens) {
        if (cached == null || !java.util.Arrays.equals(cachedPrompt, tokens)) {
            cached = new CachedModel(new PromptDecoding(m.decoders(), tokens, DECODERS), CACHE_CONTEXTS);
            cachedPrompt = tokens.clone();
        }
        return cached;
    }

    /** Generates one token (ignored while one is being generated or when the generation is complete). */
    public boolean step() {
        if (generator == null || stepInFlight || !generator.hasNext()) {
            return false;
        }
        stepInFlight = true;
        int v = version;
        Generator g = generator;
        tasks.submit("Generating a token", progress -> {
            g.next();
            return g.steps();
        }, (List<SamplingStep> all) -> {
            if (v != version) {
                return;
            }
            stepInFlight = false;
            if (CLEARED.equals(message.get())) {
                message.set("");
            }
            if (all.size() > steps.size()) {
                steps.addAll(all.subList(steps.size(), all.size()));
            }
            if (!g.hasNext()) {
                finished.set(true);
                playing.set(false);
            }
            updateShown();
        }, error -> fail(v, error));
        return true;
    }

    /** Streams tokens, one per {@link #STEP_INTERVAL_NANOS}, driven by {@link #tick(long)}. */
    public void play() {
        if (generator != null && generator.hasNext()) {
            selected.set(-1);
            playing.set(true);
        }
    }

    public void pause() {
        playing.set(false);
    }

    /**
     * Called once per frame by the view while something runs: generates the next token when it is
     * time, and notices a beam search or rollouts that ended without a result (cancelled from the
     * status bar), so their busy marks go away.
     */
    public void tick(long nowNanos) {
        if (beamRunning.get() && beamTask != null && beamTask.isDone() && beamTask.isCancelled()) {
            beamRunning.set(false);
        }
        if (rolloutsRunning.get() && rolloutTask != null && rolloutTask.isDone() && rolloutTask.isCancelled()) {
            rolloutsRunning.set(false);
        }
        if (playing.get() && !stepInFlight && nowNanos - lastStepNanos >= STEP_INTERVAL_NANOS) {
            lastStepNanos = nowNanos;
            if (!step()) {
                playing.set(false);
            }
        }
    }

    /** Throws away the generated text; the next generation repeats it exactly (same seed). */
    public void clearGeneration() {
        refresh();
    }

    /** Shows the distribution generated token {@code index} was drawn from; -1 follows the latest. */
    public void select(int index) {
        selected.set(index >= 0 && index < steps.size() ? index : -1);
    }

    public void runBeamSearch() {
        if (cached == null || promptTokens == null) {
            return;
        }
        if (beamTask != null) {
            beamTask.cancel();
        }
        int v = inputVersion;
        int[] tokens = promptTokens.clone();
        int width = beamWidth.get();
        int length = beamLength.get();
        double penalty = settings.get().repetitionPenalty();
        CachedModel m = cached;
        beamRunning.set(true);
        beamTask = tasks.submitLatest(BEAM_KEY, "Beam search", progress -> BeamSearch.run(m, tokens, width, length, penalty, progress),
                tree -> {
                    if (v == inputVersion) {
                        beamRunning.set(false);
                        beam.set(tree);
                    }
                }, error -> {
                    if (v == inputVersion) {
                        beamRunning.set(false);
                        message.set("Beam search failed: " + ErrorMessages.describe(error));
                    }
                });
    }

    public void runRollouts() {
        if (cached == null || promptTokens == null) {
            return;
        }
        if (rolloutTask != null) {
            rolloutTask.cancel();
        }
        int v = inputVersion;
        int[] tokens = promptTokens.clone();
        SamplingSettings s = settings.get();
        int count = rolloutCount.get();
        int length = rolloutLength.get();
        CachedModel m = cached;
        rolloutsRunning.set(true);
        rolloutTask = tasks.submitLatest(ROLLOUTS_KEY, "Rollouts", progress -> Rollouts.run(m, tokens, s, count, length, progress),
                result -> {
                    if (v == inputVersion) {
                        rolloutsRunning.set(false);
                        previousRollouts.set(rollouts.get());
                        rollouts.set(result);
                    }
                }, error -> {
                    if (v == inputVersion) {
                        rolloutsRunning.set(false);
                        message.set("The rollouts failed: " + ErrorMessages.describe(error));
                    }
                });
    }

    /** Stops beam search and rollouts in progress. */
    public void cancelSearches() {
        if (beamTask != null) {
            beamTask.cancel();
        }
        if (rolloutTask != null) {
            rolloutTask.cancel();
        }
        beamRunning.set(false);
        rolloutsRunning.set(false);
    }

    public void dispose() {
        version++;
        inputVersion++;
        playing.set(false);
        if (generator != null) {
            generator.cancel();
        }
        cancelSearches();
    }

    private void clearResults() {
        inputVersion++;
        cancelSearches();
        beam.set(null);
        rollouts.set(null);
        previousRollouts.set(null);
    }

    private void fail(int v, Throwable error) {
        if (v != version) {
            return;
        }
        stepInFlight = false;
        playing.set(false);
        message.set("The model could not continue: " + ErrorMessages.describe(error));
    }

    private void updateShown() {
        int i = selected.get();
        if (i >= 0 && i < steps.size()) {
            shown.set(steps.get(i));
        } else if (!steps.isEmpty()) {
            shown.set(steps.get(steps.size() - 1));
        } else {
            shown.set(preview.get());
        }
    }

    /** The {@code generate} command's arguments that print the text this lab generates. */
    public List<String> generateArguments() {
        SamplingModel m = model.get();
        return SamplingTexts.generateArguments(prompt.get(), settings.get(), m != null && m.bundled());
    }

    /** {@link #generateArguments()} as a line to paste into a shell. */
    public String commandLine() {
        return SamplingTexts.commandLine(generateArguments());
    }

    /** The text of a token, with invisible characters made visible. */
    public String tokenLabel(int id) {
        SamplingModel m = model.get();
        if (m == null || id < 0 || id >= m.tokenizer().vocabSize()) {
            return "?";
        }
        return TokenLabels.visible(m.tokenizer().tokenText(id));
    }

    /** The raw text of a token ("" without a model). */
    public String tokenText(int id) {
        SamplingModel m = model.get();
        return m == null || id < 0 || id >= m.tokenizer().vocabSize() ? "" : m.tokenizer().tokenText(id);
    }

    /** Vocabulary size of the model, 0 without one. */
    public int vocabSize() {
        return model.get() == null ? 0 : model.get().model().vocabSize();
    }

    /** The prompt's token ids, or an empty array when there is no usable prompt. */
    public int[] promptTokens() {
        return promptTokens == null ? new int[0] : promptTokens.clone();
    }

    public boolean hasModel() {
        return model.get() != null;
    }

    public ObjectProperty<SamplingModel> modelProperty() {
        return model;
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public ObjectProperty<SamplingSettings> settingsProperty() {
        return settings;
    }

    public SamplingSettings settings() {
        return settings.get();
    }

    public void setSettings(SamplingSettings value) {
        settings.set(value);
    }

    public ObjectProperty<SamplingStep> previewProperty() {
        return preview;
    }

    public ObservableList<SamplingStep> steps() {
        return steps;
    }

    public IntegerProperty selectedProperty() {
        return selected;
    }

    /** The step whose distribution is on show: the selected token, else the latest, else the next draw. */
    public ReadOnlyObjectProperty<SamplingStep> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public BooleanProperty finishedProperty() {
        return finished;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public IntegerProperty beamWidthProperty() {
        return beamWidth;
    }

    public IntegerProperty beamLengthProperty() {
        return beamLength;
    }

    public ObjectProperty<BeamTree> beamProperty() {
        return beam;
    }

    public BooleanProperty beamRunningProperty() {
        return beamRunning;
    }

    public IntegerProperty rolloutCountProperty() {
        return rolloutCount;
    }

    public IntegerProperty rolloutLengthProperty() {
        return rolloutLength;
    }

    public ObjectProperty<RolloutResult> rolloutsProperty() {
        return rollouts;
    }

    public ObjectProperty<RolloutResult> previousRolloutsProperty() {
        return previousRollouts;
    }

    public BooleanProperty rolloutsRunningProperty() {
        return rolloutsRunning;
    }
}
