package workbench.core.sampling;

import workbench.concurrent.Progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Beam search: keep the {@code width} continuations with the highest cumulative log-probability,
 * extend each by every token, keep the best {@code width} again, and so on. Width 1 is greedy
 * decoding. Scores are plain sums of log-probabilities (no length normalisation: all beams have
 * the same length here). The repetition penalty applies, per beam, to its own text; temperature,
 * top-k and top-p are sampling knobs and play no part. Ties go to the earlier beam, then the lower
 * token id, as in greedy decoding.
 */
public final class BeamSearch {

    /** Largest width accepted; the tree stays drawable. */
    public static final int MAX_WIDTH = 64;
    public static final int MAX_LENGTH = 1000;

    private BeamSearch() {
    }

    private record Candidate(int parentRank, int parent, int token, double logProbability, double score) {
    }

    private static final Comparator<Candidate> BEST_FIRST = Comparator
            .comparingDouble(Candidate::score).reversed()
            .thenComparingInt(Candidate::parentRank)
            .thenComparingInt(Candidate::token);

    /**
     * Runs beam search.
     *
     * @param model             gives the logits
     * @param prompt            token ids, at least one
     * @param width             beams kept per depth, in [1, {@value #MAX_WIDTH}]
     * @param length            tokens to add, in [1, {@value #MAX_LENGTH}]
     * @param repetitionPenalty CTRL penalty, >= 1 (1 = off)
     * @param progress          reports each depth; cancelling stops with a CancellationException
     */
    public static BeamTree run(NextTokenModel model, int[] prompt, int width, int length, double repetitionPenalty,
                               Progress progress) {
        if (model == null) {
            throw new IllegalArgumentException("there is no model to search with");
        }
        Generator.checkPrompt(prompt, model.vocabSize());
        if (width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("the beam width must be between 1 and " + MAX_WIDTH + ", not " + width);
        }
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("the beam length must be between 1 and " + MAX_LENGTH + ", not " + length);
        }
        if (!(repetitionPenalty >= 1) || Double.isInfinite(repetitionPenalty)) {
            throw new IllegalArgumentException("the repetition penalty must be a finite number >= 1, not " + repetitionPenalty);
        }
        List<BeamNode> nodes = new ArrayList<>();
        nodes.add(new BeamNode(0, -1, 0, -1, 0, 0, true));
        List<int[]> beamTexts = new ArrayList<>(List.of(prompt.clone()));   // prompt + tokens, per live beam
        List<Integer> beamIds = new ArrayList<>(List.of(0));
        for (int depth = 1; depth <= length; depth++) {
            // Keep the best 2 x width: width survive, the next width are shown as pruned.
            PriorityQueue<Candidate> worstFirst = new PriorityQueue<>(BEST_FIRST.reversed());
            for (int b = 0; b < beamIds.size(); b++) {
                progress.checkCancelled();
                int[] text = beamTexts.get(b);
                float[] logits = model.nextLogits(Generator.window(text, model.contextLength()));   // (V)
                if (logits == null || logits.length != model.vocabSize()) {
                    throw new IllegalArgumentException("the model returned " + (logits == null ? 0 : logits.length)
                            + " logits for a vocabulary of " + model.vocabSize());
                }
                double[] penalised = RepetitionPenalty.apply(Distributions.toDouble(logits), text, repetitionPenalty);
                double[] logp = Distributions.logSoftmax(penalised);                                 // (V)
                double base = nodes.get(beamIds.get(b)).score();
                for (int t = 0; t < logp.length; t++) {
                    if (logp[t] == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    worstFirst.add(new Candidate(b, beamIds.get(b), t, logp[t], base + logp[t]));
                    if (worstFirst.size() > 2 * width) {
                        worstFirst.poll();
                    }
                }
            }
            Candidate[] best = worstFirst.toArray(new Candidate[0]);
            Arrays.sort(best, BEST_FIRST);
            List<int[]> nextTexts = new ArrayList<>();
            List<Integer> nextIds = new ArrayList<>();
            for (int i = 0; i < best.length; i++) {
                Candidate c = best[i];
                boolean kept = i < width;
                int id = nodes.size();
                nodes.add(new BeamNode(id, c.parent(), depth, c.token(), c.logProbability(), c.score(), kept));
                if (kept) {
                    int[] parentText = beamTexts.get(c.parentRank());
                    int[] text = Arrays.copyOf(parentText, parentText.length + 1);
                    text[parentText.length] = c.token();
                    nextTexts.add(text);
                    nextIds.add(id);
                }
            }
            beamTexts = nextTexts;
            beamIds = nextIds;
            progress.update((double) depth / length, "beam search: depth " + depth + " of " + length);
        }
        int[] finals = beamIds.stream().mapToInt(Integer::intValue).toArray();
        return new BeamTree(width, length, prompt, nodes, finals);
    }
}
