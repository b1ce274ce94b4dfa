package workbench.core.embedding;

import java.util.ArrayList;
import java.util.List;

/**
 * Dot products, cosine similarity, similarity matrices and nearest neighbours over rows of a
 * table such as an embedding table (V, d) or a positional-encoding table (T, d). Sums run in double.
 */
public final class Vectors {

    private Vectors() {
    }

    /**
     * One neighbour of a query row.
     *
     * @param index      row of the table
     * @param similarity its similarity to the query
     */
    public record Neighbour(int index, double similarity) {
    }

    public static double dot(float[] a, float[] b) {
        requireSameLength(a, b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    public static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    /**
     * a·b / (|a| |b|), in [-1, 1]. A zero vector has no direction; its cosine with anything is
     * defined here as 0 rather than NaN.
     */
    public static double cosine(float[] a, float[] b) {
        double na = norm(a);
        double nb = norm(b);
        if (na == 0 || nb == 0) {
            return 0;
        }
        return Math.max(-1, Math.min(1, dot(a, b) / (na * nb)));
    }

    /**
     * Similarity of every row with every row.
     *
     * @param rows (n, d)
     * @return (n, n), symmetric
     */
    public static float[][] similarityMatrix(float[][] rows, Similarity measure) {
        int n = rows.length;
        float[][] out = new float[n][n];
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = norm(rows[i]);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double d = dot(rows[i], rows[j]);
                if (measure == Similarity.COSINE) {
                    d = norms[i] == 0 || norms[j] == 0 ? 0 : Math.max(-1, Math.min(1, d / (norms[i] * norms[j])));
                }
                out[i][j] = (float) d;
                out[j][i] = (float) d;
            }
        }
        return out;
    }

    /**
     * The {@code k} rows most similar to row {@code query} of {@code table}, most similar first,
     * the query itself left out; equal similarities are ordered by row index.
     *
     * @param table (n, d)
     */
    public static List<Neighbour> nearest(float[][] table, int query, int k, Similarity measure) {
        if (query < 0 || query >= table.length) {
            throw new IllegalArgumentException("row " + query + " is outside the table's " + table.length + " rows");
        }
        return nearest(table, table[query], k, measure, query);
    }

    /**
     * The {@code k} rows most similar to {@code vector}, most similar first, leaving out row
     * {@code exclude} (-1 for none).
     *
     * @param table  (n, d)
     * @param vector (d)
     */
    public static List<Neighbour> nearest(float[][] table, float[] vector, int k, Similarity measure, int exclude) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, got " + k);
        }
        List<Neighbour> all = new ArrayList<>(table.length);
        for (int i = 0; i < table.length; i++) {
            if (i != exclude) {
                all.add(new Neighbour(i, measure.of(table[i], vector)));
            }
        }
        all.sort((x, y) -> x.similarity() != y.similarity()
                ? Double.compare(y.similarity(), x.similarity()) : Integer.compare(x.index(), y.index()));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    private static void requireSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " and " + b.length);
        }
    }
}
