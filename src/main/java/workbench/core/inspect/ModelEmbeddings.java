package workbench.core.inspect;

import workbench.core.embedding.EmbeddingProjection;
import workbench.core.model.ForwardOptions;
import workbench.core.model.ModelBundle;
import workbench.core.tensor.Arrays2D;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.LayerTrace;

import java.util.ArrayList;
import java.util.List;

/**
 * A trained model's embeddings, ready to draw: its token-embedding table, and the residual stream
 * of a prompt as it leaves each layer. Both are projected with {@link EmbeddingProjection}.
 */
public final class ModelEmbeddings {

    /** Principal components kept: enough for the 2D and the 3D view. */
    public static final int COMPONENTS = 3;

    private ModelEmbeddings() {
    }

    /** The rows of the token-embedding table (V, d), one point per token of the vocabulary. */
    public static float[][] tokenTable(ModelBundle bundle) {
        return Arrays2D.toFloat2D(bundle.model().parameters().get("tok_emb"));  // (V, d)
    }

    /** The token-embedding table projected: one stage, V points labelled by the tokens' text. */
    public static EmbeddingProjection projectTable(ModelBundle bundle) {
        float[][] table = tokenTable(bundle);  // (V, d)
        int v = table.length;
        List<String> labels = new ArrayList<>(v);
        int[] ids = new int[v];
        for (int i = 0; i < v; i++) {
            labels.add(bundle.tokenizer().tokenText(i));
            ids[i] = i;
        }
        return EmbeddingProjection.fit(List.of("token embeddings"), labels, ids, List.<float[][]>of(table), COMPONENTS);
    }

    /**
     * The residual stream of a prompt: stage 0 is what enters layer 1 (token embedding plus
     * position), stage n is the output of layer n. One PCA over all L + 1 stages.
     *
     * @param ids (T) token ids, 1 <= T <= the model's context
     */
    public static EmbeddingProjection projectResidualStream(ModelBundle bundle, int[] ids) {
        ForwardTrace trace = bundle.trace(ids, ForwardOptions.NONE);
        List<String> names = new ArrayList<>();
        List<float[][]> stages = new ArrayList<>();
        names.add(stageName(0));
        stages.add(trace.layers().get(0).input());  // (T, d)
        for (LayerTrace layer : trace.layers()) {
            names.add(stageName(layer.index() + 1));
            stages.add(layer.output());  // (T, d)
        }
        return EmbeddingProjection.fit(names, trace.tokens(), ids, stages, COMPONENTS);
    }

    /** "embeddings + positions" for stage 0, "after layer n" for stage n. */
    public static String stageName(int stage) {
        return stage == 0 ? "embeddings + positions" : "after layer " + stage;
    }
}
