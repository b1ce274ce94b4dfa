package workbench.core.memory;

/**
 * Symmetric absmax quantization: scale = max|w| / qmax with qmax = 2^(bits-1) - 1 (127 for int8,
 * 7 for int4), code = round(w / scale). Every value is then within scale / 2 of code x scale,
 * and the largest |w| of each group is represented exactly up to float rounding.
 */
public final class AbsmaxQuantizer {

    private AbsmaxQuantizer() {
    }

    public static int maxCode(int bits) {
        if (bits != 8 && bits != 4) {
            throw new IllegalArgumentException("absmax quantization here is int8 or int4, not " + bits + " bits");
        }
        return (1 << (bits - 1)) - 1;
    }

    /**
     * Quantizes {@code w} with one scale per tensor, row or column.
     *
     * @param w (rows, cols), rectangular and finite
     * @throws IllegalArgumentException for a ragged, empty or non-finite matrix
     */
    public static QuantizedMatrix quantize(float[][] w, int bits, Granularity granularity) {
        int qmax = maxCode(bits);
        int rows = w.length;
        int cols = checkMatrix(w);
        float[] absmax = new float[switch (granularity) {
            case PER_TENSOR -> 1;
            case PER_ROW -> rows;
            case PER_COLUMN -> cols;
        }];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int g = group(granularity, r, c);
                absmax[g] = Math.max(absmax[g], Math.abs(w[r][c]));
            }
        }
        float[] scales = new float[absmax.length];
        for (int g = 0; g < scales.length; g++) {
            scales[g] = absmax[g] / qmax; // 0 for an all-zero group: its codes stay 0
        }
        byte[][] codes = new byte[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float scale = scales[group(granularity, r, c)];
                if (scale > 0) {
                    // rint rounds ties to even; the clamp only guards against float rounding at the group maximum.
                    double code = Math.rint(w[r][c] / (double) scale);
                    codes[r][c] = (byte) Math.max(-qmax, Math.min(qmax, code));
                }
            }
        }
        return new QuantizedMatrix(bits, granularity, codes, scales);
    }

    private static int group(Granularity granularity, int r, int c) {
        return switch (granularity) {
            case PER_TENSOR -> 0;
            case PER_ROW -> r;
            case PER_COLUMN -> c;
        };
    }

    private static int checkMatrix(float[][] w) {
        if (w == null || w.length == 0 || w[0] == null || w[0].length == 0) {
            throw new IllegalArgumentException("quantization needs a non-empty matrix");
        }
        int cols = w[0].length;
        for (int r = 0; r < w.length; r++) {
            if (w[r] == null || w[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + (w[r] == null ? 0 : w[r].length)
                        + " values, expected " + cols);
            }
            for (int c = 0; c < cols; c++) {
                if (!Float.isFinite(w[r][c])) {
                    throw new IllegalArgumentException("weights must be finite; found " + w[r][c] + " at (" + r + ", " + c + ")");
                }
            }
        }
        return cols;
    }
}
