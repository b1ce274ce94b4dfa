package workbench.core.inspect;

import workbench.core.embedding.PositionalEncodings;
import workbench.core.embedding.Similarity;
import workbench.core.embedding.Vectors;
import workbench.core.model.ForwardOptions;
import workbench.core.model.ModelBundle;
import workbench.core.tensor.Arrays2D;
import workbench.core.trace.LearnedPositionsTrace;
import workbench.core.trace.PositionsOffTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a trained model does with positions: its learned table, and its prediction without them. */
public final class PositionProbe {

    private PositionProbe() {
    }

    /**
     * The learned position table of {@code bundle} with its similarity matrix, beside the
     * sinusoidal table of the same shape; empty when the model does not learn its positions
     * (sinusoidal or RoPE models have no {@code pos_emb} parameter).
     */
    public static Optional<LearnedPositionsTrace> learned(ModelBundle bundle, Similarity measure) {
        if (!bundle.model().parameters().contains("pos_emb")) {
            return Optional.empty();
        }
        float[][] table = Arrays2D.toFloat2D(bundle.model().parameters().get("pos_emb"));  // (T, d)
        float[][] sinusoidal = PositionalEncodings.sinusoidal(table.length, table[0].length,
                PositionalEncodings.DEFAULT_BASE);  // (T, d)
        return Optional.of(new LearnedPositionsTrace(table, Vectors.similarityMatrix(table, measure), sinusoidal,
                Vectors.similarityMatrix(sinusoidal, measure), measure));
    }

    /**
     * The next-token probabilities after {@code text}, once as trained and once with the
     * positional encoding left out ({@link ForwardOptions#withPositionsOff}).
     *
     * @throws IllegalArgumentException for empty text, or characters the tokenizer cannot encode
     */
    public static PositionsOffTrace positionsOff(ModelBundle bundle, String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("Type a prompt: the model needs at least one token to predict the next.");
        }
        ModelBundle.Prompt prompt = bundle.encode(text);
        int[] ids = prompt.ids();  // (T)
        float[] with = bundle.trace(ids, ForwardOptions.NONE).nextTokenProbabilities();  // (V)
        float[] without = bundle.trace(ids, ForwardOptions.NONE.withPositionsOff(true)).nextTokenProbabilities();  // (V)
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            tokens.add(bundle.tokenizer().tokenText(id));
        }
        List<String> vocabulary = new ArrayList<>();
        for (int i = 0; i < bundle.tokenizer().vocabSize(); i++) {
            vocabulary.add(bundle.tokenizer().tokenText(i));
        }
        return new PositionsOffTrace(ids, tokens, prompt.droppedFromLeft(), with, without, vocabulary);
    }
}
