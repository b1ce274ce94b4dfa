package workbench.core.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import workbench.core.io.AtomicFiles;
import workbench.core.model.TransformerConfig;
import workbench.core.tensor.Npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link ForwardTrace} as {@code trace.json} plus one {@code .npy} file per tensor, so that
 * anyone can load the numbers with NumPy and check them. {@code trace.json} lists the config, the
 * tokens, and for every tensor its name, shape, file and meaning.
 */
public final class TraceExport {

    public static final String FORMAT = "transformer-workbench-trace";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TraceExport() {
    }

    /** One exported tensor. */
    public record Tensor(String name, long[] shape, float[] data, String meaning) {
    }

    /** The tensors of a trace, in a fixed order, with their meaning. */
    public static List<Tensor> tensors(ForwardTrace trace) {
        List<Tensor> out = new ArrayList<>();
        out.add(t("token_embeddings", trace.tokenEmbeddings(), "(T, d) rows of the token-embedding table"));
        out.add(t("positional", trace.positional(), "(T, d) positional encodings added to the embeddings"));
        for (LayerTrace l : trace.layers()) {
            String p = "layers." + l.index() + ".";
            out.add(t(p + "input", l.input(), "(T, d) residual stream entering the block"));
            out.add(t(p + "norm1", l.norm1(), "(T, d) LayerNorm before attention"));
            out.add(t3(p + "queries", l.queries(), "(nh, T, hs) queries per head"));
            out.add(t3(p + "keys", l.keys(), "(nkv, T, hs) keys per key/value head"));
            out.add(t3(p + "values", l.values(), "(nkv, T, hs) values per key/value head"));
            out.add(t3(p + "scores", l.scores(), "(nh, T, T) q.k / sqrt(hs) before the mask"));
            out.add(mask(p + "allowed", l.allowed()));
            out.add(t3(p + "weights", l.weights(), "(nh, T, T) attention weights after mask and softmax"));
            out.add(t3(p + "head_outputs", l.headOutputs(), "(nh, T, hs) weights x values per head"));
            out.add(t(p + "attention_output", l.attentionOutput(), "(T, d) heads concatenated times Wo"));
            out.add(t(p + "residual_after_attention", l.residualAfterAttention(), "(T, d) input + attention output"));
            out.add(t(p + "norm2", l.norm2(), "(T, d) LayerNorm before the feed-forward network"));
            out.add(t(p + "ffn_hidden", l.ffnHidden(), "(T, ff) feed-forward hidden layer after GELU"));
            out.add(t(p + "ffn_output", l.ffnOutput(), "(T, d) feed-forward output"));
            out.add(t(p + "output", l.output(), "(T, d) residual stream leaving the block"));
        }
        out.add(t("final_norm", trace.finalNorm(), "(T, d) final LayerNorm"));
        out.add(t("logits", trace.logits(), "(T, V) next-token logits at every position"));
        out.add(t("probabilities", trace.probabilities(), "(T, V) softmax of the logits"));
        return out;
    }

    /**
     * Writes the trace into {@code folder} (created if needed).
     *
     * @param model  the model's name
     * @param prompt the prompt text as given
     * @param dropped tokens cut from the left of the prompt to fit the context
     */
    public static void write(ForwardTrace trace, TransformerConfig config, String model, String prompt, int dropped,
                             Path folder) throws IOException {
        Files.createDirectories(folder);
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("model", model);
        root.set("config", JSON.valueToTree(config));
        root.put("prompt", prompt);
        root.put("droppedFromLeft", dropped);
        ArrayNode tokens = root.putArray("tokens");
        for (int i = 0; i < trace.length(); i++) {
            ObjectNode token = tokens.addObject();
            token.put("id", trace.tokenIds()[i]);
            token.put("text", trace.tokens().get(i));
        }
        ArrayNode index = root.putArray("tensors");
        for (Tensor tensor : tensors(trace)) {
            String file = tensor.name() + ".npy";
            AtomicFiles.write(folder.resolve(file), out -> Npy.write(out, tensor.shape(), tensor.data()));
            ObjectNode entry = index.addObject();
            entry.put("name", tensor.name());
            ArrayNode shape = entry.putArray("shape");
            for (long s : tensor.shape()) {
                shape.add(s);
            }
            entry.put("file", file);
            entry.put("meaning", tensor.meaning());
        }
        AtomicFiles.write(folder.resolve("trace.json"), out -> out.write(JSON.writeValueAsBytes(root)));
    }

    private static Tensor t(String name, float[][] m, String meaning) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        float[] flat = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(m[r], 0, flat, r * cols, cols);
        }
        return new Tensor(name, new long[]{rows, cols}, flat, meaning);
    }

    private static Tensor t3(String name, float[][][] m, String meaning) {
        int a = m.length;
        int rows = a == 0 ? 0 : m[0].length;
        int cols = rows == 0 ? 0 : m[0][0].length;
        float[] flat = new float[a * rows * cols];
        for (int i = 0; i < a; i++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(m[i][r], 0, flat, (i * rows + r) * cols, cols);
            }
        }
        return new Tensor(name, new long[]{a, rows, cols}, flat, meaning);
    }

    private static Tensor mask(String name, boolean[][] allowed) {
        float[][] m = new float[allowed.length][];
        for (int i = 0; i < allowed.length; i++) {
            m[i] = new float[allowed[i].length];
            for (int j = 0; j < allowed[i].length; j++) {
                m[i][j] = allowed[i][j] ? 1f : 0f;
            }
        }
        return t(name, m, "(T, T) 1 where query i may attend to key j, 0 where masked");
    }
}
