package workbench.core.embedding;

/** How alike two vectors are: the raw dot product, or the cosine of the angle between them. */
public enum Similarity {
    DOT("dot product"),
    COSINE("cosine");

    private final String label;

    Similarity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The similarity of two vectors of equal length. */
    public double of(float[] a, float[] b) {
        return this == DOT ? Vectors.dot(a, b) : Vectors.cosine(a, b);
    }

    @Override
    public String toString() {
        return label;
    }
}
