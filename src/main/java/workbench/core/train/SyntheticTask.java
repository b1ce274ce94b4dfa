package workbench.core.train;

import workbench.core.tensor.Rng;
import workbench.core.tokenizer.CharTokenizer;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Small long-range tasks, generated in code from a seed, over one shared character vocabulary
 * ({@link #VOCABULARY}). Each task is built around a dependency distance d: how many steps back
 * the token needed for a prediction was read. Data symbols are the first {@code symbols} letters
 * a, b, c, ...; the other characters have fixed roles:
 * <pre>
 *   .  blank (and padding)     :  "write the answer now"     ?  "which token came first?"
 *   &gt;  "close the innermost bracket"   ( ) [ ]  brackets
 * </pre>
 * Examples (inputs, with the scored targets below them):
 * <pre>
 *   COPY         d=4:  abc:...      targets at the dots: a b c          (every distance = d)
 *   REVERSE      d=6:  abc:...      targets at the dots: c b a          (distances 2, 4, 6)
 *   BRACKETS     d=6:  (a[b&gt;&gt;       targets at the &gt;: ] )          (distances 2, 6)
 *   DELAYED_COPY d=6:  abc...:::    targets at the colons: a b c        (every distance = d)
 *   FIRST_TOKEN  d=5:  cabdb?       target at the ?: c                  (distance d)
 * </pre>
 */
public enum SyntheticTask {
    COPY("Copy", "Read a string, then write it again after the ':'.", 2),
    REVERSE("Reverse", "Read a string, then write it backwards after the ':'.", 2),
    BRACKETS("Bracket matching", "At each '>' say which bracket it closes: ')' or ']'.", 1),
    DELAYED_COPY("Copy after a delay", "Remember three symbols across a stretch of blanks, write them at the ':'.", 4),
    FIRST_TOKEN("Remember the first token", "After random letters, name the very first letter at the '?'.", 1);

    /** Token ids 0..15 are these characters, in this order. */
    public static final String VOCABULARY = ".:?>()[]abcdefgh";
    public static final int BLANK = 0;
    public static final int WRITE = 1;
    public static final int QUERY = 2;
    public static final int CLOSE = 3;
    public static final int ROUND_OPEN = 4;
    public static final int ROUND_CLOSE = 5;
    public static final int SQUARE_OPEN = 6;
    public static final int SQUARE_CLOSE = 7;
    public static final int FIRST_LETTER = 8;
    /** The most data symbols a task may use (a..h). */
    public static final int MAX_SYMBOLS = 8;
    /** How many symbols the delayed-copy task remembers. */
    public static final int DELAYED_COPY_LENGTH = 3;
    /** Brackets nest at most this deep inside the outer pair, to keep the stack a small model can hold. */
    public static final int MAX_INNER_DEPTH = 2;

    private static final CharTokenizer TOKENIZER = new CharTokenizer(VOCABULARY.codePoints().toArray());

    private final String label;
    private final String description;
    private final int minDistance;

    SyntheticTask(String label, String description, int minDistance) {
        this.label = label;
        this.description = description;
        this.minDistance = minDistance;
    }

    /** The tokenizer of every synthetic task: one id per character of {@link #VOCABULARY}. */
    public static CharTokenizer tokenizer() {
        return TOKENIZER;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The shortest dependency distance this task can be built with. */
    public int minDistance() {
        return minDistance;
    }

    /** Input length T of an example built with distance {@code d}. */
    public int length(int d) {
        return switch (this) {
            case COPY -> 2 * (d - 1) + 1;
            case REVERSE -> 2 * Math.max(1, d / 2) + 1;
            case BRACKETS, FIRST_TOKEN -> d + 1;
            case DELAYED_COPY -> d + DELAYED_COPY_LENGTH;
        };
    }

    /**
     * One example whose longest dependency is {@code d} steps (for REVERSE, the largest even number
     * &lt;= d). Data symbols are drawn from the first {@code symbols} letters.
     */
    public SequenceExample generate(int d, int symbols, Rng rng) {
        if (d < minDistance) {
            throw new IllegalArgumentException(label + " needs a distance of at least " + minDistance + ", got " + d);
        }
        if (symbols < 2 || symbols > MAX_SYMBOLS) {
            throw new IllegalArgumentException("symbols must be between 2 and " + MAX_SYMBOLS + ", got " + symbols);
        }
        Builder b = new Builder(length(d));
        switch (this) {
            case COPY -> copy(b, d - 1, symbols, rng, false);
            case REVERSE -> copy(b, Math.max(1, d / 2), symbols, rng, true);
            case BRACKETS -> brackets(b, d, symbols, rng);
            case DELAYED_COPY -> delayedCopy(b, d, symbols, rng);
            case FIRST_TOKEN -> firstToken(b, d, symbols, rng);
        }
        return b.build();
    }

    private static void copy(Builder b, int n, int symbols, Rng rng, boolean reversed) {
        for (int j = 0; j < n; j++) {
            b.input[j] = letter(rng, symbols);
        }
        b.input[n] = WRITE;
        for (int j = 0; j < n; j++) {
            int at = n + 1 + j;
            int source = reversed ? n - 1 - j : j;
            b.input[at] = BLANK;
            b.score(at, b.input[source], at - source);
        }
    }

    private static void brackets(Builder b, int d, int symbols, Rng rng) {
        Deque<Integer> open = new ArrayDeque<>();
        int outer = rng.nextInt(2) == 0 ? ROUND_OPEN : SQUARE_OPEN;
        b.input[0] = outer;
        open.push(0);
        for (int pos = 1; pos < d; pos++) {
            int inner = open.size() - 1;
            int left = d - pos;
            double u = rng.nextDouble();
            boolean mustClose = inner == left;
            boolean mayOpen = inner + 1 < left && inner < MAX_INNER_DEPTH;
            if (mustClose || (inner > 0 && u < 0.3)) {
                closeInnermost(b, open, pos);
            } else if (mayOpen && u < 0.6) {
                b.input[pos] = rng.nextInt(2) == 0 ? ROUND_OPEN : SQUARE_OPEN;
                open.push(pos);
            } else {
                b.input[pos] = letter(rng, symbols);
            }
        }
        closeInnermost(b, open, d);
    }

    private static void closeInnermost(Builder b, Deque<Integer> open, int pos) {
        int opener = open.pop();
        b.input[pos] = CLOSE;
        b.score(pos, b.input[opener] == ROUND_OPEN ? ROUND_CLOSE : SQUARE_CLOSE, pos - opener);
    }

    private static void delayedCopy(Builder b, int d, int symbols, Rng rng) {
        int k = DELAYED_COPY_LENGTH;
        for (int j = 0; j < k; j++) {
            b.input[j] = letter(rng, symbols);
        }
        for (int pos = k; pos < d; pos++) {
            b.input[pos] = BLANK;
        }
        for (int j = 0; j < k; j++) {
            b.input[d + j] = WRITE;
            b.score(d + j, b.input[j], d);
        }
    }

    private static void firstToken(Builder b, int d, int symbols, Rng rng) {
        for (int pos = 0; pos < d; pos++) {
            b.input[pos] = letter(rng, symbols);
        }
        b.input[d] = QUERY;
        b.score(d, b.input[0], d);
    }

    private static int letter(Rng rng, int symbols) {
        return FIRST_LETTER + rng.nextInt(symbols);
    }

    @Override
    public String toString() {
        return label;
    }

    /** Mutable arrays while one example is being written; unscored targets stay BLANK. */
    private static final class Builder {
        final int[] input;
        final int[] target;
        final boolean[] scored;
        final int[] distance;

        Builder(int t) {
            input = new int[t];
            target = new int[t];
            scored = new boolean[t];
            distance = new int[t];
        }

        void score(int pos, int wanted, int d) {
            target[pos] = wanted;
            scored[pos] = true;
            distance[pos] = d;
        }

        SequenceExample build() {
            return new SequenceExample(input, target, scored, distance);
        }
    }
}
