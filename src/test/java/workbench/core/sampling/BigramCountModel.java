package workbench.core.sampling;

import workbench.core.tokenizer.CharTokenizer;

/**
 * A real, if tiny, character model for tests: bigram counts from a text, with add-alpha smoothing.
 * logit(next | prev) = ln((count(prev, next) + alpha) / (count(prev) + alpha V)). It stands in for
 * the trained transformer in view tests until that lands; it lives in test code only. Like the
 * transformer it reads up to 64 tokens, but only the last one matters to it.
 */
public final class BigramCountModel implements NextTokenModel {

    /** The opening verses of Genesis (King James Version, public domain). */
    public static final String GENESIS = "In the beginning God created the heaven and the earth. "
            + "And the earth was without form, and void; and darkness was upon the face of the deep. "
            + "And the Spirit of God moved upon the face of the waters. "
            + "And God said, Let there be light: and there was light. "
            + "And God saw the light, that it was good: and God divided the light from the darkness. "
            + "And God called the light Day, and the darkness he called Night. "
            + "And the evening and the morning were the first day.";

    private final CharTokenizer tokenizer;
    private final int[][] counts;
    private final double alpha;

    public BigramCountModel(String text, double alpha) {
        this.tokenizer = CharTokenizer.fromText(text);
        this.alpha = alpha;
        int v = tokenizer.vocabSize();
        this.counts = new int[v][v];
        int[] ids = tokenizer.encode(text);
        for (int i = 1; i < ids.length; i++) {
            counts[ids[i - 1]][ids[i]]++;
        }
    }

    /** The Genesis model with alpha = 0.01. */
    public static BigramCountModel genesis() {
        return new BigramCountModel(GENESIS, 0.01);
    }

    public CharTokenizer tokenizer() {
        return tokenizer;
    }

    public int count(int prev, int next) {
        return counts[prev][next];
    }

    @Override
    public int vocabSize() {
        return tokenizer.vocabSize();
    }

    /** It accepts the bundled model's context of 64 tokens, and conditions on the last one. */
    @Override
    public int contextLength() {
        return 64;
    }

    @Override
    public float[] nextLogits(int[] context) {
        int[] row = counts[context[context.length - 1]];
        double total = 0;
        for (int c : row) {
            total += c;
        }
        float[] logits = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            logits[i] = (float) Math.log((row[i] + alpha) / (total + alpha * row.length));
        }
        return logits;
    }
}
