package workbench.core.train;

import workbench.core.tensor.Rng;
import workbench.core.tokenizer.CharTokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic task with its settings: training examples draw their distance uniformly from
 * [task.minDistance(), maxDistance], so a model meets short and long dependencies alike and its
 * accuracy can be read off distance by distance.
 *
 * @param task        which task
 * @param maxDistance the longest dependency distance (the distance slider)
 * @param symbols     how many letters the data uses (2..8); chance accuracy is 1/symbols
 */
public record SyntheticTaskSpec(SyntheticTask task, int maxDistance, int symbols) implements SequenceTask {

    /** Longest distance the lab offers; sequences stay under ~130 tokens. */
    public static final int MAX_DISTANCE = 64;
    /** Test examples per distance. */
    public static final int TEST_PER_DISTANCE = 32;

    public SyntheticTaskSpec {
        if (task == null) {
            throw new IllegalArgumentException("choose a task");
        }
        if (maxDistance < task.minDistance() || maxDistance > MAX_DISTANCE) {
            throw new IllegalArgumentException(task.label() + ": the distance must be between " + task.minDistance()
                    + " and " + MAX_DISTANCE + ", not " + maxDistance);
        }
        if (symbols < 2 || symbols > SyntheticTask.MAX_SYMBOLS) {
            throw new IllegalArgumentException("the number of symbols must be between 2 and "
                    + SyntheticTask.MAX_SYMBOLS + ", not " + symbols);
        }
    }

    @Override
    public String label() {
        return task.label();
    }

    @Override
    public String description() {
        return task.description();
    }

    @Override
    public CharTokenizer tokenizer() {
        return SyntheticTask.tokenizer();
    }

    @Override
    public int vocabSize() {
        return SyntheticTask.VOCABULARY.length();
    }

    /** Accuracy of guessing uniformly among the possible answers: 1/2 for brackets, 1/symbols otherwise. */
    public double chanceAccuracy() {
        return task == SyntheticTask.BRACKETS ? 0.5 : 1.0 / symbols;
    }

    @Override
    public double baselineAccuracy() {
        return chanceAccuracy();
    }

    @Override
    public String baselineName() {
        return "chance";
    }

    @Override
    public boolean hasDistances() {
        return true;
    }

    /** The longest input any example of this spec has. */
    @Override
    public int maxLength() {
        return task.length(maxDistance);
    }

    /** A {@link #batch} padded at the end to {@link #maxLength()}. */
    @Override
    public SequenceBatch trainingBatch(int size, Rng rng) {
        return batch(size, rng).padTo(maxLength(), SyntheticTask.BLANK);
    }

    /** {@link #TEST_PER_DISTANCE} examples at every distance ({@link #sweep}), padded to {@link #maxLength()}. */
    @Override
    public List<SequenceBatch> testBatches(Rng rng) {
        List<SequenceBatch> padded = new ArrayList<>();
        for (SequenceBatch b : sweep(TEST_PER_DISTANCE, rng)) {
            padded.add(b.padTo(maxLength(), SyntheticTask.BLANK));
        }
        return padded;
    }

    /** An example at the longest distance, drawn from a stream that the seed and the index fix. */
    @Override
    public SequenceExample example(int index, long seed) {
        return example(maxDistance, new Rng(seed * 1_000_003L + index));
    }

    @Override
    public SequenceExample probe(Rng rng) {
        return example(maxDistance, rng);
    }

    /** One example at exactly distance {@code d}. */
    public SequenceExample example(int d, Rng rng) {
        return task.generate(d, symbols, rng);
    }

    /** {@code size} examples with distances drawn uniformly from [minDistance, maxDistance], padded. */
    public SequenceBatch batch(int size, Rng rng) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + size);
        }
        List<SequenceExample> examples = new ArrayList<>(size);
        int span = maxDistance - task.minDistance() + 1;
        for (int i = 0; i < size; i++) {
            examples.add(example(task.minDistance() + rng.nextInt(span), rng));
        }
        return SequenceBatch.of(examples, SyntheticTask.BLANK);
    }

    /**
     * For each distance d from minDistance to maxDistance, one batch of {@code perDistance} examples
     * built at d (so short distances make short batches).
     */
    public List<SequenceBatch> sweep(int perDistance, Rng rng) {
        if (perDistance < 1) {
            throw new IllegalArgumentException("need at least one example per distance, got " + perDistance);
        }
        List<SequenceBatch> batches = new ArrayList<>();
        for (int d = task.minDistance(); d <= maxDistance; d++) {
            List<SequenceExample> examples = new ArrayList<>(perDistance);
            for (int i = 0; i < perDistance; i++) {
                examples.add(example(d, rng));
            }
            batches.add(SequenceBatch.of(examples, SyntheticTask.BLANK));
        }
        return batches;
    }
}
