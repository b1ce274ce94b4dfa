package workbench.core.attention;

import org.junit.jupiter.api.Test;
import workbench.core.attention.HeadStatistics.Measure;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Head statistics on hand-built weight matrices whose answers can be worked out on paper. */
class HeadStatisticsTest {

    private static final double EPS = 1e-6;

    /** Row i puts everything on key i - 1 (row 0 on itself). */
    private static float[][] previousTokenHead(int t) {
        float[][] w = new float[t][t];
        w[0][0] = 1;
        for (int i = 1; i < t; i++) {
            w[i][i - 1] = 1;
        }
        return w;
    }

    /** Causal uniform: row i spreads 1/(i+1) over keys 0..i. */
    private static float[][] uniformCausal(int t) {
        float[][] w = new float[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j <= i; j++) {
                w[i][j] = 1f / (i + 1);
            }
        }
        return w;
    }

    @Test
    void aPreviousTokenHeadIsFocusedOneTokenBack() {
        HeadStatistics s = HeadStatistics.of(1, 2, previousTokenHead(4), new int[]{5, 6, 7, 8});
        assertEquals(1, s.layer());
        assertEquals(2, s.head());
        assertEquals(0, s.entropyBits(), EPS, "one key per row: no uncertainty");
        assertEquals(1, s.meanDistance(), EPS);
        assertEquals(1, s.previousToken(), EPS);
        assertEquals(0, s.selfToken(), EPS);
        // Rows 1..3: only row 1's previous token is token 0.
        assertEquals(1.0 / 3, s.firstToken(), EPS);
        assertEquals(0, s.inductionRows(), "no token repeats");
    }

    /**
     * Rows 1..3 of a uniform causal head over 4 tokens spread over 2, 3 and 4 keys:
     * entropy (log2 2 + log2 3 + log2 4) / 3 = (1 + 1.5849625 + 2) / 3 = 1.5283208;
     * distance (0.5 + 1 + 1.5) / 3 = 1; first = previous = self = (1/2 + 1/3 + 1/4) / 3 = 0.3611111.
     */
    @Test
    void aUniformCausalHeadHasTheEntropyOfItsRowLengths() {
        HeadStatistics s = HeadStatistics.of(0, 0, uniformCausal(4), new int[]{1, 2, 3, 4});
        assertEquals(1.5283208, s.entropyBits(), EPS);
        assertEquals(1.0, s.meanDistance(), EPS);
        assertEquals(0.3611111, s.firstToken(), EPS);
        assertEquals(0.3611111, s.previousToken(), EPS);
        assertEquals(0.3611111, s.selfToken(), EPS);
    }

    /**
     * Tokens A B C A B. Row 3 (A) follows the earlier A at 0 to key 1, row 4 (B) follows the earlier
     * B at 1 to key 2; rows 1 and 2 have no earlier copy. An induction head puts all weight there.
     */
    @Test
    void anInductionHeadLooksAtWhatFollowedTheLastCopy() {
        int[] ids = {0, 1, 2, 0, 1};
        float[][] w = new float[5][5];
        w[0][0] = 1;
        w[1][0] = 1;
        w[2][0] = 1;
        w[3][1] = 1;
        w[4][2] = 1;
        HeadStatistics s = HeadStatistics.of(0, 0, w, ids);
        assertEquals(2, s.inductionRows());
        assertEquals(1, s.induction(), EPS);
        // A previous-token head on the same prompt scores 0 on induction: key 2 for row 3 is not key 1.
        HeadStatistics previous = HeadStatistics.of(0, 1, previousTokenHead(5), ids);
        assertEquals(0, previous.induction(), EPS);
        assertEquals(2, previous.inductionRows());
    }

    /**
     * "ab cd": the space at 2 begins the word "cd". A head that sends rows 2..4 to that space scores
     * 1 on word start over those 3 rows; rows 0 and 1 have no space before them and do not count.
     */
    @Test
    void aWordStartHeadLooksAtTheLatestSpace() {
        int[] ids = {1, 2, 0, 3, 4};
        boolean[] space = {false, false, true, false, false};
        float[][] w = new float[5][5];
        w[0][0] = 1;
        w[1][0] = 1;
        for (int i = 2; i < 5; i++) {
            w[i][2] = 1;
        }
        HeadStatistics s = HeadStatistics.of(0, 0, w, ids, space);
        assertEquals(3, s.wordStartRows());
        assertEquals(1, s.wordStart(), EPS);
        HeadStatistics previous = HeadStatistics.of(0, 1, previousTokenHead(5), ids, space);
        assertEquals(1.0 / 3, previous.wordStart(), EPS, "only row 3's previous token is the space");
        assertEquals(0, HeadStatistics.of(0, 0, w, ids).wordStartRows(), "without whitespace it is not measured");
    }

    @Test
    void aDoubledLetterIsNotInductionItIsTheQueryItself() {
        float[][] w = {{1, 0}, {0, 1}};
        HeadStatistics s = HeadStatistics.of(0, 0, w, new int[]{4, 4});
        assertEquals(0, s.inductionRows());
        assertEquals(1, s.selfToken(), EPS);
    }

    @Test
    void rowsWithEveryKeyHiddenAreLeftOut() {
        // Key 0 hidden: row 0 has no key at all. Rows 1 and 2 put everything on key 1.
        float[][] w = {{0, 0, 0}, {0, 1, 0}, {0, 1, 0}};
        HeadStatistics s = HeadStatistics.of(0, 0, w, new int[]{1, 2, 3});
        assertEquals(0.5, s.previousToken(), EPS, "row 1: self, row 2: previous");
        assertEquals(0.5, s.meanDistance(), EPS);
        assertEquals(0, s.firstToken(), EPS);
        HeadStatistics nothing = HeadStatistics.of(0, 0, new float[2][2], new int[]{1, 2});
        assertEquals(0, nothing.entropyBits(), EPS);
    }

    @Test
    void aSingleTokenPromptUsesItsOnlyRow() {
        HeadStatistics s = HeadStatistics.of(0, 0, new float[][]{{1}}, new int[]{3});
        assertEquals(1, s.firstToken(), EPS);
        assertEquals(1, s.selfToken(), EPS);
        assertEquals(0, s.previousToken(), EPS);
    }

    @Test
    void rankingPutsTheStrongestExampleFirst() {
        int[] ids = {0, 1, 2, 0, 1};
        HeadStatistics uniform = HeadStatistics.of(0, 0, uniformCausal(5), ids);
        HeadStatistics previous = HeadStatistics.of(0, 1, previousTokenHead(5), ids);
        float[][] first = new float[5][5];
        for (float[] row : first) {
            row[0] = 1;
        }
        HeadStatistics start = HeadStatistics.of(1, 0, first, ids);
        List<HeadStatistics> all = List.of(uniform, previous, start);
        assertEquals(previous, HeadStatistics.ranked(all, Measure.PREVIOUS).get(0));
        assertEquals(start, HeadStatistics.ranked(all, Measure.FIRST).get(0));
        assertEquals(uniform, HeadStatistics.ranked(all, Measure.ENTROPY).get(2), "entropy: focused heads first");
        assertEquals(previous, HeadStatistics.ranked(all, Measure.DISTANCE).get(2), "one token back is the shortest reach");
        assertEquals(start, HeadStatistics.ranked(all, Measure.DISTANCE).get(0));
        assertEquals(previous, HeadStatistics.strongest(all, Measure.PREVIOUS).orElseThrow());
        assertEquals(true, HeadStatistics.strongest(List.of(HeadStatistics.of(0, 0, uniformCausal(3), new int[]{1, 2, 3})),
                Measure.INDUCTION).isEmpty(), "no repeated token: induction cannot be measured");
    }
}
