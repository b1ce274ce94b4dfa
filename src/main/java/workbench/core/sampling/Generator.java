package workbench.core.sampling;

import workbench.concurrent.Progress;
import workbench.core.tensor.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Generates text one token at a time. It is a stepper, not a thread: the caller asks for each
 * token ({@link #next()}), so a view can play, pause and step, and the command line can loop.
 *
 * <p>Determinism: the i-th generated token (counting from 0) is picked by the i-th value of
 * {@code new Rng(settings.seed()).nextDouble()}. Exactly one coin is drawn per token, in greedy
 * mode too, and only after the model has answered, so the same model, prompt and settings give
 * the same text in the GUI, on the command line and in a test.
 *
 * <p>The model reads at most {@link NextTokenModel#contextLength()} tokens, the latest ones; the
 * repetition penalty looks at the whole text (prompt and everything generated), as CTRL does.
 *
 * <p>Methods are synchronized, so a background task may step while the UI thread reads; each
 * token is still computed once.
 */
public final class Generator implements Iterator<SamplingStep> {

    private final NextTokenModel model;
    private final int[] prompt;
    private final SamplingSettings settings;
    private final Rng rng;
    private final List<SamplingStep> steps = new ArrayList<>();
    private int[] sequence;
    private int length;
    private SamplingStep pending;
    private volatile boolean cancelled;

    /**
     * @param model    gives the logits
     * @param prompt   token ids, at least one, each in [0, model.vocabSize())
     * @param settings the knobs; its seed seeds the coins
     */
    public Generator(NextTokenModel model, int[] prompt, SamplingSettings settings) {
        if (model == null) {
            throw new IllegalArgumentException("there is no model to generate with");
        }
        if (settings == null) {
            throw new IllegalArgumentException("sampling settings are missing");
        }
        checkPrompt(prompt, model.vocabSize());
        if (model.contextLength() < 1) {
            throw new IllegalArgumentException("the model's context length must be at least 1, is " + model.contextLength());
        }
        this.model = model;
        this.prompt = prompt.clone();
        this.settings = settings;
        this.rng = new Rng(settings.seed());
        this.sequence = Arrays.copyOf(prompt, prompt.length + Math.min(settings.maxNewTokens(), 1024));
        this.length = prompt.length;
    }

    /** Checks that {@code prompt} is a usable prompt for a vocabulary of {@code vocabSize}. */
    public static void checkPrompt(int[] prompt, int vocabSize) {
        if (vocabSize < 1) {
            throw new IllegalArgumentException("the vocabulary is empty: there is no token to choose from");
        }
        if (prompt == null || prompt.length == 0) {
            throw new IllegalArgumentException("the prompt is empty: give it at least one token to continue");
        }
        for (int id : prompt) {
            if (id < 0 || id >= vocabSize) {
                throw new IllegalArgumentException("prompt token id " + id + " is outside the vocabulary of " + vocabSize);
            }
        }
    }

    /** True until {@code maxNewTokens} tokens were generated or the generator was cancelled. */
    @Override
    public synchronized boolean hasNext() {
        return !cancelled && steps.size() < settings.maxNewTokens();
    }

    /**
     * The next token without taking it: computed (and its coin drawn) once, then returned again by
     * {@link #next()}. A view shows it as "the next draw".
     */
    public synchronized SamplingStep peek() {
        if (!hasNext()) {
            throw new NoSuchElementException(cancelled ? "generation was cancelled"
                    : "all " + settings.maxNewTokens() + " new tokens are generated");
        }
        if (pending == null) {
            int[] context = window(Arrays.copyOf(sequence, length), model.contextLength()); // (T <= ctx)
            float[] logits = model.nextLogits(context);                                    // (V)
            if (logits == null || logits.length != model.vocabSize()) {
                throw new IllegalArgumentException("the model returned " + (logits == null ? 0 : logits.length)
                        + " logits for a vocabulary of " + model.vocabSize());
            }
            double coin = rng.nextDouble();
            pending = Sampler.step(logits, Arrays.copyOf(sequence, length), settings, coin, steps.size());
        }
        return pending;
    }

    /** Generates one token and returns its trace. */
    @Override
    public synchronized SamplingStep next() {
        SamplingStep step = peek();
        pending = null;
        steps.add(step);
        if (length == sequence.length) {
            sequence = Arrays.copyOf(sequence, sequence.length * 2);
        }
        sequence[length++] = step.token();
        return step;
    }

    /**
     * Generates until the end, reporting each token to {@code progress}.
     *
     * @return the trace of every token generated so far, including those before this call
     * @throws java.util.concurrent.CancellationException if {@code progress} is cancelled
     */
    public List<SamplingStep> generateAll(Progress progress) {
        while (hasNext()) {
            progress.checkCancelled();
            next();
            int done = size();
            progress.update((double) done / settings.maxNewTokens(), "token " + done + " of " + settings.maxNewTokens());
        }
        return steps();
    }

    /** Stops the generation: {@link #hasNext()} is false from now on. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** How many tokens were generated. */
    public synchronized int size() {
        return steps.size();
    }

    /** The trace of every generated token, in order. */
    public synchronized List<SamplingStep> steps() {
        return List.copyOf(steps);
    }

    /** The prompt followed by the generated tokens. */
    public synchronized int[] tokens() {
        return Arrays.copyOf(sequence, length);
    }

    /** Only the generated tokens. */
    public synchronized int[] generated() {
        return Arrays.copyOfRange(sequence, prompt.length, length);
    }

    public int[] prompt() {
        return prompt.clone();
    }

    public SamplingSettings settings() {
        return settings;
    }

    /** The last {@code contextLength} tokens of {@code tokens} (all of them when shorter). */
    public static int[] window(int[] tokens, int contextLength) {
        return tokens.length <= contextLength ? tokens.clone()
                : Arrays.copyOfRange(tokens, tokens.length - contextLength, tokens.length);
    }
}
