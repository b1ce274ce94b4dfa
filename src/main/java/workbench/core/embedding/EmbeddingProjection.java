package workbench.core.embedding;

import java.util.ArrayList;
import java.util.List;

/**
 * The same n tokens seen at S stages (one stage: the rows of an embedding table; several: the
 * residual stream of a prompt after each layer), projected onto k principal components by one PCA
 * fitted to the rows of every stage together. Because every stage shares one coordinate system, a
 * token's path from stage to stage can be drawn and compared with the others.
 * <p>
 * Nearest neighbours and pair comparisons use the full d-dimensional vectors, not the projection:
 * two points that look close in 2D may be far apart in 128 dimensions.
 *
 * @param stageNames      (S) what each stage is, e.g. "token embeddings" or "after layer 2"
 * @param labels          (n) how each token reads
 * @param tokenIds        (n) token id of each point
 * @param vectors         (S, n, d) the vectors of every stage
 * @param coordinates     (S, n, k) their coordinates on the principal components
 * @param explainedRatios (k) share of the total variance (of all stages' rows) along each component
 */
public record EmbeddingProjection(List<String> stageNames, List<String> labels, int[] tokenIds, float[][][] vectors,
                                  float[][][] coordinates, double[] explainedRatios) {

    public EmbeddingProjection {
        stageNames = List.copyOf(stageNames);
        labels = List.copyOf(labels);
    }

    /** How two points compare in the full space. */
    public record PairSimilarity(int first, int second, double dot, double cosine, double firstNorm,
                                 double secondNorm) {
    }

    /**
     * Fits one PCA to the rows of all stages and projects every row.
     *
     * @param stages     S matrices of shape (n, d), the same n tokens at each stage
     * @param components how many principal components to keep; capped at d
     */
    public static EmbeddingProjection fit(List<String> stageNames, List<String> labels, int[] tokenIds,
                                          List<float[][]> stages, int components) {
        int s = stages.size();
        if (s == 0 || stageNames.size() != s) {
            throw new IllegalArgumentException("need one name per stage and at least one stage, got "
                    + stageNames.size() + " names for " + s + " stages");
        }
        int n = stages.get(0).length;
        if (n == 0) {
            throw new IllegalArgumentException("there are no tokens to project");
        }
        if (labels.size() != n || tokenIds.length != n) {
            throw new IllegalArgumentException("need one label and one id per token: " + n + " tokens, "
                    + labels.size() + " labels, " + tokenIds.length + " ids");
        }
        List<float[]> rows = new ArrayList<>(s * n);
        for (float[][] stage : stages) {
            if (stage.length != n) {
                throw new IllegalArgumentException("every stage must hold " + n + " tokens, one holds " + stage.length);
            }
            rows.addAll(List.of(stage));
        }
        int d = rows.get(0).length;
        PcaResult pca = Pca.fit(rows.toArray(new float[0][]), Math.min(components, d));
        float[][][] vectors = new float[s][][];  // (S, n, d)
        float[][][] coordinates = new float[s][n][];  // (S, n, k)
        for (int st = 0; st < s; st++) {
            vectors[st] = new float[n][];
            for (int i = 0; i < n; i++) {
                vectors[st][i] = stages.get(st)[i].clone();
                coordinates[st][i] = pca.projected()[st * n + i];
            }
        }
        return new EmbeddingProjection(stageNames, labels, tokenIds.clone(), vectors, coordinates,
                pca.explainedRatios().clone());
    }

    /** S, the number of stages. */
    public int stageCount() {
        return vectors.length;
    }

    /** n, the number of tokens at each stage. */
    public int size() {
        return labels.size();
    }

    /** d, the width of the vectors. */
    public int width() {
        return vectors[0][0].length;
    }

    /** k, the number of principal components kept. */
    public int componentCount() {
        return explainedRatios.length;
    }

    /**
     * The {@code k} points of {@code stage} most similar to point {@code index} by cosine, most
     * similar first, leaving out the point itself.
     */
    public List<Vectors.Neighbour> neighbours(int stage, int index, int k) {
        return Vectors.nearest(vectors[checkStage(stage)], index, k, Similarity.COSINE);
    }

    /** Dot product, cosine and lengths of points {@code a} and {@code b} at {@code stage}. */
    public PairSimilarity compare(int stage, int a, int b) {
        float[][] rows = vectors[checkStage(stage)];
        checkIndex(a);
        checkIndex(b);
        return new PairSimilarity(a, b, Vectors.dot(rows[a], rows[b]), Vectors.cosine(rows[a], rows[b]),
                Vectors.norm(rows[a]), Vectors.norm(rows[b]));
    }

    /** Point {@code index}'s coordinates at every stage: (S, k). */
    public float[][] path(int index) {
        checkIndex(index);
        float[][] out = new float[stageCount()][];
        for (int st = 0; st < out.length; st++) {
            out[st] = coordinates[st][index].clone();
        }
        return out;
    }

    private int checkStage(int stage) {
        if (stage < 0 || stage >= stageCount()) {
            throw new IllegalArgumentException("stage " + stage + " is outside 0.." + (stageCount() - 1));
        }
        return stage;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("token " + index + " is outside 0.." + (size() - 1));
        }
    }
}
