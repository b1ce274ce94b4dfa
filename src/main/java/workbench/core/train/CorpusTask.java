package workbench.core.train;

import workbench.core.tensor.Rng;
import workbench.core.tokenizer.CharTokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Next-character prediction on a text: every position of a window of T characters predicts the
 * character after it. Training windows start anywhere in the corpus's training part; the test
 * windows tile the start of its validation part, so every model is scored on the same text.
 * There is no single dependency distance here (each character may depend on everything before
 * it), so every scored position carries distance 1 and the lab shows loss and accuracy instead.
 */
public final class CorpusTask implements SequenceTask {

    /** Window length T the lab trains on. */
    public static final int WINDOW = 64;
    /** Test windows: this many batches of {@link #TEST_BATCH} windows. */
    public static final int TEST_BATCHES = 8;
    public static final int TEST_BATCH = 32;

    private final Corpus corpus;
    private final CharTokenizer tokenizer;
    private final int window;
    private final TokenWindows windows;
    private final int[] validation;
    private final int mostFrequent;
    private final double baseline;

    /**
     * @param corpus the text, with its train/validation split
     * @param window T, the length of every window
     */
    public CorpusTask(Corpus corpus, int window) {
        if (window < 2) {
            throw new IllegalArgumentException("a window needs at least 2 characters, not " + window);
        }
        this.corpus = corpus;
        this.window = window;
        this.tokenizer = CharTokenizer.fromText(corpus.text());
        int[] train = tokenizer.encode(corpus.trainText());
        this.validation = tokenizer.encode(corpus.validationText());
        this.windows = new TokenWindows(train, validation, window);
        int[] counts = new int[tokenizer.vocabSize()];
        for (int id : train) {
            counts[id]++;
        }
        int best = 0;
        for (int id = 1; id < counts.length; id++) {
            best = counts[id] > counts[best] ? id : best;
        }
        this.mostFrequent = best;
        this.baseline = shareOf(best);
    }

    /** The bundled King James text in windows of {@link #WINDOW} characters (built once). */
    public static CorpusTask bundled() {
        return Bundled.TASK;
    }

    public Corpus corpus() {
        return corpus;
    }

    @Override
    public String label() {
        return "Next character (corpus)";
    }

    @Override
    public String description() {
        return "Read " + window + " characters of " + corpus.name() + " and predict each next character.";
    }

    @Override
    public CharTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int maxLength() {
        return window;
    }

    @Override
    public SequenceBatch trainingBatch(int size, Rng rng) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + size);
        }
        return toSequences(windows.trainingBatch(rng, size));
    }

    /** The first {@link #TEST_BATCHES} x {@link #TEST_BATCH} windows of the validation text; {@code rng} is not used. */
    @Override
    public List<SequenceBatch> testBatches(Rng rng) {
        List<SequenceBatch> out = new ArrayList<>();
        for (Batch b : windows.validationBatches(TEST_BATCH, TEST_BATCHES)) {
            out.add(toSequences(b));
        }
        return out;
    }

    /** Validation window number {@code index} (wrapping around at the end); the seed is not needed. */
    @Override
    public SequenceExample example(int index, long seed) {
        int count = (validation.length - 1) / window;
        int start = Math.floorMod(index, count) * window;
        return SequenceExample.nextToken(Arrays.copyOfRange(validation, start, start + window + 1));
    }

    /** A validation window at a random place. */
    @Override
    public SequenceExample probe(Rng rng) {
        int start = rng.nextInt(validation.length - window);
        return SequenceExample.nextToken(Arrays.copyOfRange(validation, start, start + window + 1));
    }

    @Override
    public boolean hasDistances() {
        return false;
    }

    /** How often the test windows' next character is the training text's most frequent character. */
    @Override
    public double baselineAccuracy() {
        return baseline;
    }

    private double shareOf(int token) {
        int hits = 0;
        int count = 0;
        for (SequenceBatch b : testBatches(null)) {
            for (int[] row : b.targets()) {
                for (int id : row) {
                    hits += id == token ? 1 : 0;
                    count++;
                }
            }
        }
        return (double) hits / count;
    }

    @Override
    public String baselineName() {
        String c = tokenizer.tokenText(mostFrequent);
        return switch (c) {
            case " " -> "always a space";
            case "\n" -> "always a line break";
            default -> "always '" + c + "'";
        };
    }

    private static SequenceBatch toSequences(Batch batch) {
        int b = batch.size();
        int t = batch.length();
        boolean[][] scored = new boolean[b][t];
        int[][] distance = new int[b][t];
        for (int i = 0; i < b; i++) {
            Arrays.fill(scored[i], true);
            Arrays.fill(distance[i], 1);
        }
        return new SequenceBatch(batch.inputs(), batch.targets(), scored, distance);
    }

    private static final class Bundled {
        static final CorpusTask TASK = new CorpusTask(Corpus.bundled(), WINDOW);
    }
}
