package workbench.core.sampling;

import org.junit.jupiter.api.Test;
import workbench.concurrent.Progress;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BeamSearchTest {

    // Tokens: 0 = S (start), 1 = a, 2 = b, 3 = c, 4 = d.
    private static final int S = 0;
    private static final int A = 1;
    private static final int B = 2;
    private static final int C = 3;
    private static final int D = 4;

    /** Greedy takes 'a' (0.6) and then has at best 0.4; 'b' (0.4) leads to 'c' with 0.9. */
    private static final BigramTableModel MODEL = new BigramTableModel(new double[][]{
            {0, 0.6, 0.4, 0, 0},        // S -> a .6, b .4
            {0.3, 0, 0, 0.4, 0.3},      // a -> S .3, c .4, d .3
            {0, 0, 0, 0.9, 0.1},        // b -> c .9, d .1
            {0, 0, 0, 0, 1.0},          // c -> d 1
            {1.0, 0, 0, 0, 0}});        // d -> S 1

    @Test
    void widthTwoFindsTheSequenceGreedyMisses() {
        BeamTree tree = BeamSearch.run(MODEL, new int[]{S}, 2, 2, 1.0, Progress.NONE);
        assertArrayEquals(new int[]{B, C}, tree.best());
        assertEquals(Math.log(0.4 * 0.9), tree.bestScore(), 1e-6);
        // The second beam: a c = 0.24.
        int[] finals = tree.finalBeams();
        assertArrayEquals(new int[]{A, C}, tree.sequence(finals[1]));
        assertEquals(Math.log(0.24), tree.node(finals[1]).score(), 1e-6);
    }

    @Test
    void theTreeRecordsKeptAndPrunedNodesWithTheirScores() {
        BeamTree tree = BeamSearch.run(MODEL, new int[]{S}, 2, 2, 1.0, Progress.NONE);
        BeamNode root = tree.node(0);
        assertTrue(root.isRoot());
        List<BeamNode> first = tree.atDepth(1);
        assertEquals(2, first.size(), "only a and b are possible after S");
        assertEquals(A, first.get(0).token());
        assertEquals(Math.log(0.6), first.get(0).logProbability(), 1e-6);
        assertEquals(B, first.get(1).token());
        List<BeamNode> second = tree.atDepth(2);
        // Candidates: b c .36, a c .24, a S .18, a d .18, b d .04. Two kept, the next two shown as pruned;
        // a S and a d tie at .18 and keep the lower token id first.
        assertEquals(4, second.size());
        int[][] expected = {{B, C}, {A, C}, {A, S}, {A, D}};
        boolean[] kept = {true, true, false, false};
        double[] scores = {0.36, 0.24, 0.18, 0.18};
        for (int i = 0; i < 4; i++) {
            BeamNode n = second.get(i);
            assertArrayEquals(expected[i], tree.sequence(n.id()), "node " + i);
            assertEquals(kept[i], n.kept(), "kept " + i);
            assertEquals(Math.log(scores[i]), n.score(), 1e-6, "score " + i);
            assertEquals(n.score(), tree.node(n.parent()).score() + n.logProbability(), 1e-12);
        }
        assertTrue(tree.onBestPath(0));
        assertTrue(tree.onBestPath(first.get(1).id()));
        assertFalse(tree.onBestPath(first.get(0).id()));
    }

    @Test
    void widthOneIsGreedyDecoding() {
        BeamTree tree = BeamSearch.run(MODEL, new int[]{S}, 1, 4, 1.0, Progress.NONE);
        Generator greedy = new Generator(MODEL, new int[]{S},
                SamplingSettings.DEFAULTS.withMode(SamplingSettings.Mode.GREEDY).withMaxNewTokens(4));
        greedy.generateAll(Progress.NONE);
        assertArrayEquals(greedy.generated(), tree.best());
        assertArrayEquals(new int[]{A, C, D, S}, tree.best());
        assertEquals(Math.log(0.6 * 0.4), tree.bestScore(), 1e-6);
    }

    @Test
    void longerSearchKeepsTheBestPath() {
        BeamTree tree = BeamSearch.run(MODEL, new int[]{S}, 2, 3, 1.0, Progress.NONE);
        assertArrayEquals(new int[]{B, C, D}, tree.best());
        assertEquals(Math.log(0.36), tree.bestScore(), 1e-6);
    }

    @Test
    void widthLargerThanTheCandidatesKeepsThemAll() {
        BeamTree tree = BeamSearch.run(MODEL, new int[]{S}, 10, 1, 1.0, Progress.NONE);
        assertEquals(2, tree.finalBeams().length);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BeamSearch.run(MODEL, new int[]{S}, 0, 2, 1, Progress.NONE));
        assertThrows(IllegalArgumentException.class, () -> BeamSearch.run(MODEL, new int[]{S}, 2, 0, 1, Progress.NONE));
        assertThrows(IllegalArgumentException.class, () -> BeamSearch.run(MODEL, new int[0], 2, 2, 1, Progress.NONE));
        assertThrows(IllegalArgumentException.class, () -> BeamSearch.run(MODEL, new int[]{S}, 2, 2, Double.NaN, Progress.NONE));
    }
}
