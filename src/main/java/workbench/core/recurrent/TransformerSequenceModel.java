package workbench.core.recurrent;

import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.MiniTransformer;
import workbench.core.model.PositionalKind;
import workbench.core.model.TransformerConfig;
import workbench.core.tensor.ParameterSet;
import workbench.core.train.SequenceBatch;
import workbench.core.train.SequenceScore;
import workbench.core.trace.ForwardTrace;

import java.util.function.IntFunction;

/**
 * The transformer in the comparison: a {@link MiniTransformer} with a causal mask, trained by the
 * same loop, on the same batches, as the recurrent models. Its shape is fixed except for the width:
 * {@value #LAYERS} pre-LayerNorm blocks of {@value #HEADS} heads, a GELU feed-forward layer 4 d
 * wide, rotary positions (RoPE, no parameters) and an output head tied to the token embeddings;
 * d is chosen so that the parameter count comes closest to the LSTM's ({@link #shape}).
 * Methods are synchronized, like {@link RecurrentModel}'s: one thread trains, another may look.
 */
public final class TransformerSequenceModel implements SequenceModel {

    public static final int LAYERS = 2;
    public static final int HEADS = 2;
    /** Positions the model can read: every task's longest sequence fits (COPY at distance 64 is 127). */
    public static final int CONTEXT = 128;
    /** Widest model considered. */
    public static final int MAX_WIDTH = 256;

    private final MiniTransformer model;

    public TransformerSequenceModel(TransformerConfig config) {
        if (config.mask() != MaskKind.CAUSAL) {
            throw new IllegalArgumentException("a model that predicts the next token must not see it: use a causal mask");
        }
        this.model = new MiniTransformer(config);
    }

    /**
     * The lab's transformer shape for a vocabulary of {@code vocabSize}: of the widths d = 2, 4, ...
     * {@value #MAX_WIDTH}, the one whose parameter count is closest to {@code targetParameters}.
     */
    public static TransformerConfig shape(int vocabSize, int contextLength, long targetParameters, long seed) {
        TransformerConfig best = null;
        for (int d = 2 * HEADS; d <= MAX_WIDTH; d += 2 * HEADS) {
            TransformerConfig c = new TransformerConfig(vocabSize, contextLength, d, LAYERS, HEADS, HEADS, 4 * d,
                    PositionalKind.ROPE, MaskKind.CAUSAL, true, seed);
            if (best == null || Math.abs(c.parameterCount() - targetParameters)
                    < Math.abs(best.parameterCount() - targetParameters)) {
                best = c;
            }
        }
        return best;
    }

    public TransformerConfig config() {
        return model.config();
    }

    /** The underlying model (trained in place). */
    public MiniTransformer model() {
        return model;
    }

    @Override
    public String label() {
        return Architecture.TRANSFORMER.label();
    }

    @Override
    public ParameterSet parameters() {
        return model.parameters();
    }

    @Override
    public long parameterCount() {
        return model.parameters().count();
    }

    @Override
    public synchronized double lossAndGradients(SequenceBatch batch) {
        model.parameters().zeroGrad();       // the transformer adds into its gradients
        return model.lossAndGradients(batch.inputs(), batch.targets(), weights(batch));
    }

    @Override
    public synchronized SequenceScore score(SequenceBatch batch) {
        float[][][] logits = model.logits(batch.inputs());                    // (B, T, V)
        int[][] predicted = new int[batch.size()][batch.length()];
        double lossSum = 0;
        for (int b = 0; b < batch.size(); b++) {
            for (int t = 0; t < batch.length(); t++) {
                float[] row = logits[b][t];
                int arg = 0;
                for (int v = 1; v < row.length; v++) {
                    arg = row[v] > row[arg] ? v : arg;
                }
                predicted[b][t] = arg;
                if (batch.scored()[b][t]) {
                    // -log softmax = log sum exp(l - max) - (l_target - max); the max keeps exp finite
                    double sum = 0;
                    for (float l : row) {
                        sum += Math.exp(l - row[arg]);
                    }
                    lossSum += Math.log(sum) - (row[batch.targets()[b][t]] - row[arg]);
                }
            }
        }
        return SequenceScore.of(batch, predicted, lossSum);
    }

    @Override
    public synchronized void forwardOnly(int[] tokens) {
        model.logits(tokens);
    }

    /**
     * Every intermediate of one forward pass, attention weights included.
     *
     * @param tokens    (T) ids, 1 <= T <= the context length
     * @param tokenText how each id reads, for the trace's labels
     */
    public synchronized ForwardTrace trace(int[] tokens, IntFunction<String> tokenText) {
        return model.trace(tokens, ForwardOptions.NONE, tokenText);
    }

    /** (T) the most probable next token at each position of a trace: the argmax of each row of its logits. */
    public static int[] predicted(ForwardTrace trace) {
        float[][] logits = trace.logits();
        int[] out = new int[logits.length];
        for (int t = 0; t < logits.length; t++) {
            for (int v = 1; v < logits[t].length; v++) {
                out[t] = logits[t][v] > logits[t][out[t]] ? v : out[t];
            }
        }
        return out;
    }

    /** (B, T) 1 where the batch scores a position, 0 elsewhere. */
    private static float[][] weights(SequenceBatch batch) {
        boolean[][] scored = batch.scored();
        float[][] w = new float[batch.size()][batch.length()];
        for (int b = 0; b < w.length; b++) {
            for (int t = 0; t < w[b].length; t++) {
                w[b][t] = scored[b][t] ? 1f : 0f;
            }
        }
        return w;
    }
}
