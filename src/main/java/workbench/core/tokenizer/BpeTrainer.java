package workbench.core.tokenizer;

import workbench.concurrent.Progress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns byte-level BPE merges from a text. The text is split into pieces ({@link WordSplitter})
 * and each distinct piece is counted once, so a 1.5 MB corpus becomes a few ten thousand words with
 * counts. Pair counts are kept over those words and updated only for the words a merge touches.
 * <p>
 * Each round merges the most frequent adjacent pair; a tie goes to the pair with the smaller
 * (left, right) ids, so training is deterministic. Pairs are counted as they stand, overlapping
 * ("aaa" holds "aa" twice), as in Sennrich et al. and GPT-2. Training stops early when no pair is
 * left (every piece is one token).
 */
public final class BpeTrainer {

    /** More merges than this is not a teaching tokenizer any more. */
    public static final int MAX_MERGES = 50_000;

    private final int[][] words;
    private final int[] lengths;
    private final long[] frequency;
    private final Map<Long, Long> pairCounts = new HashMap<>();
    private final Map<Long, Set<Integer>> wordsWithPair = new HashMap<>();

    private BpeTrainer(Map<String, Long> pieceCounts) {
        int n = pieceCounts.size();
        words = new int[n][];
        lengths = new int[n];
        frequency = new long[n];
        int w = 0;
        for (Map.Entry<String, Long> e : pieceCounts.entrySet()) {
            byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
            words[w] = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                words[w][i] = bytes[i] & 0xFF;
            }
            lengths[w] = bytes.length;
            frequency[w] = e.getValue();
            addPairs(w, +1);
            w++;
        }
    }

    /** Trains without progress reports. */
    public static BpeTokenizer train(String corpus, int merges, String name) {
        return train(corpus, merges, name, Progress.NONE);
    }

    /**
     * Learns up to {@code merges} merges from {@code corpus}.
     *
     * @param progress receives the fraction of merges done and may cancel between merges
     * @throws IllegalArgumentException if merges is negative or above {@link #MAX_MERGES}
     */
    public static BpeTokenizer train(String corpus, int merges, String name, Progress progress) {
        if (merges < 0 || merges > MAX_MERGES) {
            throw new IllegalArgumentException("merges must be between 0 and " + MAX_MERGES + ", not " + merges);
        }
        String clean = Utf8Text.sanitize(corpus);
        Map<String, Long> counts = new TreeMap<>();  // sorted, so word order never depends on hashing
        for (String piece : WordSplitter.split(clean)) {
            counts.merge(piece, 1L, Long::sum);
        }
        progress.checkCancelled();
        BpeTrainer trainer = new BpeTrainer(counts);
        List<BpeMerge> learned = new ArrayList<>(merges);
        for (int i = 0; i < merges; i++) {
            progress.checkCancelled();
            BpeMerge merge = trainer.mergeBest(BpeTokenizer.BYTE_TOKENS + i);
            if (merge == null) {
                break;
            }
            learned.add(merge);
            if (i % 16 == 0) {
                progress.update((double) (i + 1) / merges, "merge " + (i + 1) + " of " + merges);
            }
        }
        return new BpeTokenizer(name, learned);
    }

    /** Picks the most frequent pair, merges it in every word holding it; null if no pair is left. */
    private BpeMerge mergeBest(int token) {
        long bestKey = -1;
        long bestCount = 0;
        for (Map.Entry<Long, Long> e : pairCounts.entrySet()) {
            long count = e.getValue();
            long key = e.getKey();
            if (count > bestCount || (count == bestCount && count > 0 && key < bestKey)) {
                bestCount = count;
                bestKey = key;
            }
        }
        if (bestCount <= 0) {
            return null;
        }
        int left = (int) (bestKey >>> 32);
        int right = (int) bestKey;
        BpeMerge merge = new BpeMerge(left, right, token, bestCount);
        Set<Integer> touched = wordsWithPair.remove(bestKey);
        for (int w : touched) {
            if (!contains(w, left, right)) {
                continue;  // the set may hold words that lost the pair to an earlier merge
            }
            addPairs(w, -1);
            lengths[w] = BpeTokenizer.mergePair(words[w], lengths[w], merge);
            addPairs(w, +1);
        }
        pairCounts.remove(bestKey);
        return merge;
    }

    private boolean contains(int w, int left, int right) {
        int[] s = words[w];
        for (int i = 0; i + 1 < lengths[w]; i++) {
            if (s[i] == left && s[i + 1] == right) {
                return true;
            }
        }
        return false;
    }

    /** Adds (sign +1) or removes (sign -1) every adjacent pair of word w, weighted by its count. */
    private void addPairs(int w, int sign) {
        int[] s = words[w];
        long weight = sign * frequency[w];
        for (int i = 0; i + 1 < lengths[w]; i++) {
            long key = BpeTokenizer.pairKey(s[i], s[i + 1]);
            long now = pairCounts.merge(key, weight, Long::sum);
            if (now == 0) {
                pairCounts.remove(key);
            }
            if (sign > 0) {
                wordsWithPair.computeIfAbsent(key, k -> new HashSet<>()).add(w);
            }
        }
    }
}
