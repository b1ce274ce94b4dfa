package workbench.core.sampling;

import java.util.ArrayList;
import java.util.List;

/**
 * What beam search did: every kept node, the strongest pruned candidates at each depth, and the
 * final beams best first.
 *
 * @param width      beams kept per depth
 * @param length     tokens generated after the prompt
 * @param prompt     the prompt's token ids
 * @param nodes      the tree; node 0 is the root (the prompt), parents come before children
 * @param finalBeams ids of the kept nodes at the last depth, by score descending
 */
public record BeamTree(int width, int length, int[] prompt, List<BeamNode> nodes, int[] finalBeams) {

    public BeamTree {
        prompt = prompt.clone();
        nodes = List.copyOf(nodes);
        finalBeams = finalBeams.clone();
    }

    @Override
    public int[] prompt() {
        return prompt.clone();
    }

    @Override
    public int[] finalBeams() {
        return finalBeams.clone();
    }

    public BeamNode node(int id) {
        return nodes.get(id);
    }

    /** The generated tokens from the root to {@code nodeId}. */
    public int[] sequence(int nodeId) {
        int depth = nodes.get(nodeId).depth();
        int[] out = new int[depth];
        for (BeamNode n = nodes.get(nodeId); !n.isRoot(); n = nodes.get(n.parent())) {
            out[n.depth() - 1] = n.token();
        }
        return out;
    }

    /** The best continuation found. */
    public int[] best() {
        return sequence(finalBeams[0]);
    }

    /** Its cumulative log-probability. */
    public double bestScore() {
        return nodes.get(finalBeams[0]).score();
    }

    /** True if {@code nodeId} lies on the path of the best final beam (the root included). */
    public boolean onBestPath(int nodeId) {
        for (BeamNode n = nodes.get(finalBeams[0]); ; n = nodes.get(n.parent())) {
            if (n.id() == nodeId) {
                return true;
            }
            if (n.isRoot()) {
                return false;
            }
        }
    }

    /** The nodes at {@code depth}, kept ones first, each group by score descending. */
    public List<BeamNode> atDepth(int depth) {
        List<BeamNode> out = new ArrayList<>();
        for (BeamNode n : nodes) {
            if (n.depth() == depth) {
                out.add(n);
            }
        }
        return out;
    }
}
