package workbench.core.tokenizer;

import workbench.core.trace.BpeTrace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level byte-pair encoding, as in GPT-2: text is split into pieces ({@link WordSplitter}),
 * each piece becomes its UTF-8 bytes (tokens 0..255, so any Unicode text can be encoded), and the
 * learned merges are applied in the order they were learned (token 256 + rank). Train one with
 * {@link BpeTrainer}; save and load with {@link BpeFile}.
 */
public final class BpeTokenizer implements Tokenizer {

    /** Tokens 0..255 are the single bytes. */
    public static final int BYTE_TOKENS = 256;

    /** Longest text {@link #encodeAndShowWork} traces: each step keeps a copy of all tokens. */
    public static final int MAX_TRACE_CHARS = 4000;

    private static final int NO_MERGE = Integer.MAX_VALUE;

    private final String name;
    private final List<BpeMerge> merges;
    private final byte[][] tokenBytes;
    private final Map<Long, Integer> rankOfPair = new HashMap<>();
    // Words repeat: a text of 50,000 chars has a few thousand distinct pieces. Cleared when large.
    private final Map<String, int[]> pieceCache = new ConcurrentHashMap<>();

    /**
     * A tokenizer with these merges; merge i must create token 256 + i from tokens that exist
     * before it.
     */
    public BpeTokenizer(String name, List<BpeMerge> merges) {
        this.name = name;
        this.merges = List.copyOf(merges);
        this.tokenBytes = new byte[BYTE_TOKENS + merges.size()][];
        for (int b = 0; b < BYTE_TOKENS; b++) {
            tokenBytes[b] = new byte[]{(byte) b};
        }
        for (int i = 0; i < this.merges.size(); i++) {
            BpeMerge m = this.merges.get(i);
            if (m.token() != BYTE_TOKENS + i) {
                throw new IllegalArgumentException("merge " + i + " must create token " + (BYTE_TOKENS + i)
                        + ", not " + m.token());
            }
            byte[] a = tokenBytes[m.left()];
            byte[] b = tokenBytes[m.right()];
            byte[] joined = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, joined, a.length, b.length);
            tokenBytes[m.token()] = joined;
            if (rankOfPair.putIfAbsent(pairKey(m.left(), m.right()), i) != null) {
                throw new IllegalArgumentException("merge " + i + " repeats the pair " + m.left() + " + " + m.right());
            }
        }
    }

    /**
     * Learns up to {@code merges} merges from {@code corpus}; see {@link BpeTrainer} for how, and
     * for a variant that reports progress and can be cancelled.
     */
    public static BpeTokenizer train(String corpus, int merges, String name) {
        return BpeTrainer.train(corpus, merges, name);
    }

    /** Saves this tokenizer in the text format of {@link BpeFile}. */
    public void save(Path file) throws IOException {
        BpeFile.write(this, file);
    }

    /** Reads a tokenizer saved by {@link BpeFile#write}. */
    public static BpeTokenizer load(Path file) throws IOException {
        return BpeFile.read(file);
    }

    /** Reads a tokenizer from a class-path resource such as {@code /assets/tokenizers/kjv-bpe.txt}. */
    public static BpeTokenizer loadResource(String resource) throws IOException {
        try (InputStream in = BpeTokenizer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("The tokenizer " + resource + " is missing from the class path.");
            }
            return BpeFile.read(in, resource);
        }
    }

    /** The learned merges, in order. */
    public List<BpeMerge> merges() {
        return merges;
    }

    /** The same tokenizer with only its first {@code count} merges (training is greedy, so this
     * is exactly what training with {@code count} merges would have given). */
    public BpeTokenizer withMerges(int count, String newName) {
        if (count < 0 || count > merges.size()) {
            throw new IllegalArgumentException("merges must be between 0 and " + merges.size() + ", not " + count);
        }
        return new BpeTokenizer(newName, merges.subList(0, count));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int vocabSize() {
        return tokenBytes.length;
    }

    /** The bytes a token stands for. */
    public byte[] tokenBytes(int id) {
        return tokenBytes[checkId(id)].clone();
    }

    @Override
    public int[] encode(String text) {
        String clean = Utf8Text.sanitize(text);
        List<int[]> parts = new ArrayList<>();
        int total = 0;
        for (int[] range : WordSplitter.ranges(clean)) {
            int[] tokens = encodePiece(clean.substring(range[0], range[1]));
            parts.add(tokens);
            total += tokens.length;
        }
        int[] out = new int[total];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        int length = 0;
        for (int id : ids) {
            length += tokenBytes[checkId(id)].length;
        }
        byte[] bytes = new byte[length];
        int at = 0;
        for (int id : ids) {
            System.arraycopy(tokenBytes[id], 0, bytes, at, tokenBytes[id].length);
            at += tokenBytes[id].length;
        }
        // A full encoding always decodes to valid UTF-8; a partial id list may end mid-character,
        // and the decoder then shows U+FFFD for the incomplete bytes.
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The token's text; bytes that are not a complete character read as {@code <E2>}. */
    @Override
    public String tokenText(int id) {
        return Utf8Text.show(tokenBytes[checkId(id)]);
    }

    @Override
    public List<TokenSpan> spans(String text) {
        String clean = Utf8Text.sanitize(text);
        int[] ids = encode(clean);
        int[] lengths = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            lengths[i] = tokenBytes[ids[i]].length;
        }
        int[][] ranges = Utf8Text.charRanges(clean, lengths);
        List<TokenSpan> spans = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            spans.add(new TokenSpan(ids[i], tokenText(ids[i]), ranges[i][0], ranges[i][1]));
        }
        return spans;
    }

    /**
     * Encodes {@code text} and returns every merge it applied: the starting byte tokens, then one
     * step per merge (lowest rank first), each with the tokens after it. The final tokens equal
     * {@link #encode}. Texts longer than {@link #MAX_TRACE_CHARS} chars are refused.
     */
    public BpeTrace encodeAndShowWork(String text) {
        if (text.length() > MAX_TRACE_CHARS) {
            throw new IllegalArgumentException("Showing the merges works on up to " + MAX_TRACE_CHARS
                    + " characters; this text has " + text.length() + ".");
        }
        String clean = Utf8Text.sanitize(text);
        List<String> pieces = WordSplitter.split(clean);
        int[][] words = new int[pieces.size()][];
        int[] lengths = new int[pieces.size()];
        int[] pieceStarts = new int[pieces.size()];
        int total = 0;
        for (int p = 0; p < pieces.size(); p++) {
            byte[] bytes = pieces.get(p).getBytes(StandardCharsets.UTF_8);
            words[p] = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                words[p][i] = bytes[i] & 0xFF;
            }
            lengths[p] = bytes.length;
            pieceStarts[p] = total;
            total += bytes.length;
        }
        int[] start = flatten(words, lengths);
        List<BpeTrace.Step> steps = new ArrayList<>();
        while (true) {
            int best = NO_MERGE;
            for (int p = 0; p < words.length; p++) {
                best = Math.min(best, lowestRank(words[p], lengths[p]));
            }
            if (best == NO_MERGE) {
                break;
            }
            BpeMerge m = merges.get(best);
            int occurrences = 0;
            for (int p = 0; p < words.length; p++) {
                int before = lengths[p];
                lengths[p] = mergePair(words[p], lengths[p], m);
                occurrences += before - lengths[p];
            }
            steps.add(new BpeTrace.Step(best, m.left(), m.right(), m.token(), m.count(), occurrences,
                    flatten(words, lengths)));
        }
        return new BpeTrace(clean, pieces, start, pieceStarts, steps);
    }

    private int[] encodePiece(String piece) {
        int[] cached = pieceCache.get(piece);
        if (cached == null) {
            cached = encodePiece(piece.getBytes(StandardCharsets.UTF_8));
            if (pieceCache.size() > 50_000) {
                pieceCache.clear();
            }
            pieceCache.put(piece, cached);
        }
        return cached;  // never changed by callers: encode copies it into its output
    }

    /** GPT-2's loop on one piece: merge the lowest-ranked pair everywhere, until none is left. */
    private int[] encodePiece(byte[] bytes) {
        int[] symbols = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            symbols[i] = bytes[i] & 0xFF;
        }
        int length = symbols.length;
        while (length > 1) {
            int best = lowestRank(symbols, length);
            if (best == NO_MERGE) {
                break;
            }
            length = mergePair(symbols, length, merges.get(best));
        }
        return Arrays.copyOf(symbols, length);
    }

    private int lowestRank(int[] symbols, int length) {
        int best = NO_MERGE;
        for (int i = 0; i + 1 < length; i++) {
            Integer rank = rankOfPair.get(pairKey(symbols[i], symbols[i + 1]));
            if (rank != null && rank < best) {
                best = rank;
            }
        }
        return best;
    }

    /** Replaces each non-overlapping occurrence, left to right, in place; returns the new length. */
    static int mergePair(int[] symbols, int length, BpeMerge m) {
        int w = 0;
        int i = 0;
        while (i < length) {
            if (i + 1 < length && symbols[i] == m.left() && symbols[i + 1] == m.right()) {
                symbols[w++] = m.token();
                i += 2;
            } else {
                symbols[w++] = symbols[i++];
            }
        }
        return w;
    }

    static long pairKey(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private static int[] flatten(int[][] words, int[] lengths) {
        int total = 0;
        for (int length : lengths) {
            total += length;
        }
        int[] out = new int[total];
        int at = 0;
        for (int p = 0; p < words.length; p++) {
            System.arraycopy(words[p], 0, out, at, lengths[p]);
            at += lengths[p];
        }
        return out;
    }

    private int checkId(int id) {
        if (id < 0 || id >= tokenBytes.length) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + tokenBytes.length);
        }
        return id;
    }
}
