package workbench.core.attention;

/** Shape checks shared by the counted attention paths; each fails with a message naming the matrix. */
final class AttentionShapes {

    final int queries;
    final int keys;
    final int d;
    final int dv;

    private AttentionShapes(int queries, int keys, int d, int dv) {
        this.queries = queries;
        this.keys = keys;
        this.d = d;
        this.dv = dv;
    }

    /** Checks q (Tq, d), k (Tk, d), v (Tk, dv): rectangular, matching, non-empty. */
    static AttentionShapes check(float[][] q, float[][] k, float[][] v) {
        if (q == null || k == null || v == null) {
            throw new IllegalArgumentException("Q, K and V must all be given");
        }
        if (q.length == 0 || k.length == 0) {
            throw new IllegalArgumentException("attention needs at least one query and one key, has "
                    + q.length + " queries and " + k.length + " keys");
        }
        if (v.length != k.length) {
            throw new IllegalArgumentException("V must have one row per key: K has " + k.length + " rows, V "
                    + v.length);
        }
        int d = width(q, "Q");
        if (width(k, "K") != d) {
            throw new IllegalArgumentException("Q and K must have the same width, are " + d + " and " + k[0].length);
        }
        int dv = width(v, "V");
        if (d == 0 || dv == 0) {
            throw new IllegalArgumentException("Q, K and V must have at least one column");
        }
        return new AttentionShapes(q.length, k.length, d, dv);
    }

    private static int width(float[][] m, String name) {
        int w = m[0].length;
        for (int r = 1; r < m.length; r++) {
            if (m[r].length != w) {
                throw new IllegalArgumentException(name + " is ragged: row " + r + " has " + m[r].length
                        + " values, row 0 has " + w);
            }
        }
        return w;
    }

    /** Causal rule used by every path: query i sees key j when j <= i. */
    static boolean allowed(boolean causal, int query, int key) {
        return !causal || key <= query;
    }
}
