package workbench.core.tokenizer;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The real OpenAI encodings, through jtokkit: GPT-2's r50k_base, cl100k_base (GPT-3.5 and GPT-4)
 * and o200k_base (GPT-4o). Special tokens such as {@code <|endoftext|>} in the text are encoded as
 * ordinary text, the way a user's typing would be.
 */
public final class GptEncoding implements Tokenizer {

    /** The encodings the workbench compares, with their vocabulary sizes (special tokens included). */
    public enum Kind {
        R50K("GPT-2 (r50k)", EncodingType.R50K_BASE, 50_257),
        CL100K("GPT-4 (cl100k)", EncodingType.CL100K_BASE, 100_277),
        O200K("GPT-4o (o200k)", EncodingType.O200K_BASE, 200_019);

        private final String label;
        private final EncodingType type;
        private final int vocabSize;

        Kind(String label, EncodingType type, int vocabSize) {
            this.label = label;
            this.type = type;
            this.vocabSize = vocabSize;
        }

        public String label() {
            return label;
        }

        /** jtokkit's name, for example "cl100k_base". */
        public String encodingName() {
            return type.getName();
        }
    }

    // The lazy registry reads an encoding's vocabulary file only when it is first asked for.
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final Kind kind;
    private final Encoding encoding;
    // Bytes of each token once decoded; texts repeat tokens, and jtokkit decodes through a list.
    private final AtomicReferenceArray<byte[]> bytesCache;

    private GptEncoding(Kind kind) {
        this.kind = kind;
        this.bytesCache = new AtomicReferenceArray<>(kind.vocabSize);
        synchronized (REGISTRY) {
            this.encoding = REGISTRY.getEncoding(kind.type);
        }
    }

    /** Loads the encoding (reading its vocabulary the first time takes a few hundred ms). */
    public static GptEncoding of(Kind kind) {
        return new GptEncoding(kind);
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String name() {
        return kind.label;
    }

    @Override
    public int vocabSize() {
        return kind.vocabSize;
    }

    @Override
    public int[] encode(String text) {
        return encoding.encodeOrdinary(Utf8Text.sanitize(text)).toArray();
    }

    @Override
    public String decode(int[] ids) {
        IntArrayList list = new IntArrayList(ids.length);
        for (int id : ids) {
            list.add(checkId(id));
        }
        return encoding.decode(list);
    }

    /** The token's text; bytes that are not a complete character read as {@code <E2>}. */
    @Override
    public String tokenText(int id) {
        return Utf8Text.show(bytesOf(id));
    }

    /** The bytes a token stands for. */
    public byte[] tokenBytes(int id) {
        return bytesOf(id).clone();
    }

    @Override
    public List<TokenSpan> spans(String text) {
        String clean = Utf8Text.sanitize(text);
        int[] ids = encoding.encodeOrdinary(clean).toArray();
        int[] lengths = new int[ids.length];
        String[] texts = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            byte[] bytes = bytesOf(ids[i]);
            lengths[i] = bytes.length;
            texts[i] = Utf8Text.show(bytes);
        }
        int[][] ranges = Utf8Text.charRanges(clean, lengths);
        List<TokenSpan> spans = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            spans.add(new TokenSpan(ids[i], texts[i], ranges[i][0], ranges[i][1]));
        }
        return spans;
    }

    /** The token's bytes, shared: callers must not change the array. */
    private byte[] bytesOf(int id) {
        byte[] cached = bytesCache.get(checkId(id));
        if (cached != null) {
            return cached;
        }
        IntArrayList one = new IntArrayList(1);
        one.add(id);
        try {
            byte[] bytes = encoding.decodeBytes(one);
            bytesCache.set(id, bytes);
            return bytes;
        } catch (RuntimeException unknown) {
            throw new IllegalArgumentException(name() + " has no token with id " + id, unknown);
        }
    }

    private int checkId(int id) {
        if (id < 0 || id >= kind.vocabSize) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + kind.vocabSize);
        }
        return id;
    }
}
