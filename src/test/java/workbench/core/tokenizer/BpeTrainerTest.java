package workbench.core.tokenizer;

import org.junit.jupiter.api.Test;
import workbench.core.tensor.Rng;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BpeTrainerTest {

    /*
     * Hand-worked: "hug hug hug pug pun" splits into "hug", " hug" x2, " pug", " pun".
     * Bytes: ' '=32 h=104 u=117 g=103 p=112 n=110.
     *  1. pairs: ug 4, hu 3, ' 'h 2, ' 'p 2, pu 2, un 1      -> ug (117,103) = 256, count 4
     *  2. h+256 3, ' 'h 2, ' 'p 2, p+256 1, pu 1, un 1     -> (104,256) = 257 "hug", count 3
     *  3. ' '+257 2, ' 'p 2 (tie: (32,112) < (32,257))     -> (32,112) = 258 " p", count 2
     *  4. ' '+257 2, 258+256 1, 258+u 1, un 1              -> (32,257) = 259 " hug", count 2
     *  5. all left at 1: (117,110), (258,117), (258,256); smallest ids (117,110) -> 260 "un"
     *  6. (258,256) < (258,260)                            -> 261 " pug"
     *  7. (258,260)                                        -> 262 " pun"; then no pair is left.
     */
    @Test
    void learnsTheHandWorkedMergesInOrderAndStopsWhenNoPairIsLeft() {
        BpeTokenizer bpe = BpeTrainer.train("hug hug hug pug pun", 10, "hand");
        assertEquals(List.of(
                new BpeMerge(117, 103, 256, 4),
                new BpeMerge(104, 256, 257, 3),
                new BpeMerge(32, 112, 258, 2),
                new BpeMerge(32, 257, 259, 2),
                new BpeMerge(117, 110, 260, 1),
                new BpeMerge(258, 256, 261, 1),
                new BpeMerge(258, 260, 262, 1)), bpe.merges());
        assertEquals(263, bpe.vocabSize());
        assertEquals(List.of("ug", "hug", " p", " hug", "un", " pug", " pun"),
                bpe.merges().stream().map(m -> bpe.tokenText(m.token())).toList());
        assertEquals(List.of(257, 259, 259, 261, 262), toList(bpe.encode("hug hug hug pug pun")));
    }

    @Test
    void countsOverlappingPairsAsTheyStand() {
        // "aaabdaaabac": aa occurs 4 times counted naively -> first merge, count 4.
        // Then Z a b d Z a b a c: Za 2, ab 2 -> tie to (97,98) "ab"; then Z+Y 2 -> "aaab".
        BpeTokenizer bpe = BpeTrainer.train("aaabdaaabac", 3, "wiki");
        assertEquals(List.of(new BpeMerge(97, 97, 256, 4), new BpeMerge(97, 98, 257, 2),
                new BpeMerge(256, 257, 258, 2)), bpe.merges());
        assertEquals(List.of(258, 100, 258, 97, 99), toList(bpe.encode("aaabdaaabac")));
    }

    @Test
    void incrementalCountsAgreeWithRecountingFromScratch() {
        Rng rng = new Rng(3);
        String[] words = {"the", "then", "there", "thee", "hat", "that", "a", "at", "é", "😀"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append(words[rng.nextInt(words.length)]).append(rng.nextInt(5) == 0 ? "\n" : " ");
        }
        BpeTokenizer fast = BpeTrainer.train(text.toString(), 60, "fast");
        assertEquals(referenceMerges(text.toString(), 60), fast.merges());
    }

    @Test
    void aPrefixOfTheMergesIsWhatFewerMergesWouldLearn() {
        String text = "the theme of thirty three thieves thinking then";
        BpeTokenizer many = BpeTrainer.train(text, 20, "many");
        assertEquals(BpeTrainer.train(text, 7, "few").merges(), many.withMerges(7, "few").merges());
    }

    @Test
    void refusesABadMergeCount() {
        assertThrows(IllegalArgumentException.class, () -> BpeTrainer.train("abc", -1, "x"));
        assertThrows(IllegalArgumentException.class, () -> BpeTrainer.train("abc", BpeTrainer.MAX_MERGES + 1, "x"));
        assertEquals(0, BpeTrainer.train("", 5, "empty").merges().size());
    }

    /** The textbook algorithm: recount every pair of every piece before each merge. */
    private static List<BpeMerge> referenceMerges(String text, int merges) {
        Map<String, Integer> counts = new HashMap<>();
        WordSplitter.split(text).forEach(p -> counts.merge(p, 1, Integer::sum));
        List<List<Integer>> words = new ArrayList<>();
        List<Integer> freq = new ArrayList<>();
        counts.forEach((piece, n) -> {
            List<Integer> w = new ArrayList<>();
            for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
                w.add(b & 0xFF);
            }
            words.add(w);
            freq.add(n);
        });
        List<BpeMerge> out = new ArrayList<>();
        for (int m = 0; m < merges; m++) {
            Map<List<Integer>, Long> pairs = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                for (int i = 0; i + 1 < words.get(w).size(); i++) {
                    pairs.merge(List.of(words.get(w).get(i), words.get(w).get(i + 1)), (long) freq.get(w), Long::sum);
                }
            }
            List<Integer> best = null;
            long bestCount = 0;
            for (Map.Entry<List<Integer>, Long> e : pairs.entrySet()) {
                List<Integer> p = e.getKey();
                boolean smaller = best != null && (p.get(0) < best.get(0) || (p.get(0).equals(best.get(0)) && p.get(1) < best.get(1)));
                if (e.getValue() > bestCount || (e.getValue() == bestCount && smaller)) {
                    best = p;
                    bestCount = e.getValue();
                }
            }
            if (best == null) {
                break;
            }
            int token = 256 + m;
            out.add(new BpeMerge(best.get(0), best.get(1), token, bestCount));
            for (List<Integer> w : words) {
                for (int i = 0; i + 1 < w.size(); i++) {
                    if (w.get(i).equals(best.get(0)) && w.get(i + 1).equals(best.get(1))) {
                        w.set(i, token);
                        w.remove(i + 1);
                    }
                }
            }
        }
        return out;
    }

    private static List<Integer> toList(int[] ids) {
        List<Integer> out = new ArrayList<>();
        for (int id : ids) {
            out.add(id);
        }
        return out;
    }
}
