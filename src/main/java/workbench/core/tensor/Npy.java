package workbench.core.tensor;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format (version 1.0) for little-endian float32 arrays, so that anyone can load an
 * exported tensor with {@code numpy.load} and check the numbers.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** A float32 array with its shape, as stored in an .npy file (C order). */
    public record Array(long[] shape, float[] data) {
        public Array {
            long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            if (count != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count
                        + " values, data has " + data.length);
            }
        }
    }

    public static void write(OutputStream out, long[] shape, float[] data) throws IOException {
        new Array(shape, data);
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.toString().replaceAll(", $", "") + ")";
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        out.write(MAGIC);
        out.write(1);
        out.write(0);
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        out.write(headerBytes.length & 0xff);
        out.write((headerBytes.length >> 8) & 0xff);
        out.write(headerBytes);
        ByteBuffer buffer = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(data);
        out.write(buffer.array());
    }

    public static void write(OutputStream out, float[][] matrix) throws IOException {
        int rows = matrix.length;
        int cols = rows == 0 ? 0 : matrix[0].length;
        float[] flat = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(matrix[r], 0, flat, r * cols, cols);
        }
        write(out, new long[]{rows, cols}, flat);
    }

    public static Array read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[6];
        data.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not an .npy file");
        }
        int major = data.readUnsignedByte();
        data.readUnsignedByte();
        int headerLength = major == 1
                ? data.readUnsignedByte() | (data.readUnsignedByte() << 8)
                : Integer.reverseBytes(data.readInt());
        byte[] header = new byte[headerLength];
        data.readFully(header);
        String dict = new String(header, StandardCharsets.US_ASCII);
        if (!dict.contains("'<f4'") || dict.contains("'fortran_order': True")) {
            throw new IOException("only C-order little-endian float32 .npy files are supported: " + dict.trim());
        }
        Matcher m = SHAPE.matcher(dict);
        if (!m.find()) {
            throw new IOException("no shape in .npy header");
        }
        long[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        byte[] bytes = new byte[Math.toIntExact(count * 4)];
        data.readFully(bytes);
        float[] values = new float[(int) count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return new Array(shape, values);
    }
}
