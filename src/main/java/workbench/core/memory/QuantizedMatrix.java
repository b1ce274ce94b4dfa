package workbench.core.memory;

/**
 * A matrix stored as small signed integers and fp32 scales: value ≈ code x scale.
 *
 * @param bits        8 or 4; codes lie in [-(2^(bits-1) - 1), 2^(bits-1) - 1]
 * @param granularity which values share a scale
 * @param codes       (rows, cols), one code per value (int4 codes are kept one per byte here;
 *                    {@link #storageBytes()} counts them packed two per byte)
 * @param scales      one per tensor, row or column
 */
public record QuantizedMatrix(int bits, Granularity granularity, byte[][] codes, float[] scales) {

    public int rows() {
        return codes.length;
    }

    public int cols() {
        return codes.length == 0 ? 0 : codes[0].length;
    }

    /** The scale that multiplies the code at (row, col). */
    public float scaleAt(int row, int col) {
        return switch (granularity) {
            case PER_TENSOR -> scales[0];
            case PER_ROW -> scales[row];
            case PER_COLUMN -> scales[col];
        };
    }

    /**
     * Codes times scales.
     *
     * @return (rows, cols)
     */
    public float[][] dequantize() {
        float[][] out = new float[rows()][cols()];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] = codes[r][c] * scaleAt(r, c);
            }
        }
        return out;
    }

    /** Bytes to store the codes packed ({@code bits} each) and the fp32 scales. */
    public long storageBytes() {
        long values = (long) rows() * cols();
        return (values * bits + 7) / 8 + 4L * scales.length;
    }
}
