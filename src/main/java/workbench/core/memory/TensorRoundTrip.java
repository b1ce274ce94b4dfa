package workbench.core.memory;

/**
 * What storing one parameter tensor in a variant did to it.
 *
 * @param name        the parameter's name, e.g. "h0.attn.wq"
 * @param rows        rows (1 for a 1-D parameter)
 * @param cols        columns (the length of a 1-D parameter)
 * @param matrix      true for a 2-D parameter, which the variant stores; false for a 1-D one, kept in fp32
 * @param storedAs    the format it was stored in: the variant's for matrices, fp32 for 1-D parameters
 * @param granularity which values share a scale (integer variants only, else null)
 * @param scales      fp32 scales stored with it (0 for float formats)
 * @param storedBytes bytes of the stored values, packed, plus 4 per scale
 * @param error       approximation against the fp32 original
 */
public record TensorRoundTrip(String name, int rows, int cols, boolean matrix, String storedAs,
                              Granularity granularity, int scales, long storedBytes, ErrorStats error) {

    public long values() {
        return (long) rows * cols;
    }
}
