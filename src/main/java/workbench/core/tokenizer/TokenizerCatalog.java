package workbench.core.tokenizer;

import workbench.core.train.Corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The tokenizers the Tokenization lab compares, from the bundled model's own to GPT-4o's. Each is
 * loaded the first time it is asked for (the GPT vocabularies take a moment) and then shared; all
 * of them are immutable and safe to use from any thread.
 */
public final class TokenizerCatalog {

    public static final String CHARACTERS = "chars";
    public static final String MODEL_BPE = "kjv-bpe";
    public static final String R50K = "r50k";
    public static final String CL100K = "cl100k";
    public static final String O200K = "o200k";

    /** Class-path location of the BPE trained on the bundled corpus (see assets/README.md). */
    public static final String MODEL_BPE_RESOURCE = "/assets/tokenizers/kjv-bpe.txt";

    /**
     * One tokenizer on offer.
     *
     * @param id          stable key for settings and lessons
     * @param name        column heading
     * @param description one sentence for a tooltip
     */
    public record Entry(String id, String name, String description, Supplier<Tokenizer> loader) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(CHARACTERS, "Characters", "One token per character of the bundled corpus's alphabet, "
                    + "as the bundled character-level model reads text; other characters cannot be encoded.",
                    () -> CharTokenizer.fromText(Corpus.bundled().text())),
            new Entry(MODEL_BPE, "Model's BPE (KJV)", "Byte-level BPE with 512 merges learned from the "
                    + "training part of the bundled King James corpus.", TokenizerCatalog::loadModelBpe),
            new Entry(R50K, GptEncoding.Kind.R50K.label(), "GPT-2's byte-level BPE, 50,257 tokens (r50k_base).",
                    () -> GptEncoding.of(GptEncoding.Kind.R50K)),
            new Entry(CL100K, GptEncoding.Kind.CL100K.label(), "GPT-3.5 and GPT-4's encoding, about 100k tokens "
                    + "(cl100k_base).", () -> GptEncoding.of(GptEncoding.Kind.CL100K)),
            new Entry(O200K, GptEncoding.Kind.O200K.label(), "GPT-4o's encoding, about 200k tokens (o200k_base).",
                    () -> GptEncoding.of(GptEncoding.Kind.O200K)));

    private static final Map<String, Tokenizer> LOADED = new ConcurrentHashMap<>();

    private TokenizerCatalog() {
    }

    /** Every tokenizer on offer, in the lab's column order. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    public static Optional<Entry> find(String id) {
        return ENTRIES.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The tokenizer with this id, loaded on first use. */
    public static Tokenizer get(String id) {
        Entry entry = find(id).orElseThrow(() -> new IllegalArgumentException("There is no tokenizer '" + id
                + "'; known: " + String.join(", ", ENTRIES.stream().map(Entry::id).toList())));
        return LOADED.computeIfAbsent(id, key -> entry.loader().get());
    }

    /** The BPE learned from the bundled corpus. */
    public static BpeTokenizer modelBpe() {
        return (BpeTokenizer) get(MODEL_BPE);
    }

    private static Tokenizer loadModelBpe() {
        try {
            return BpeTokenizer.loadResource(MODEL_BPE_RESOURCE);
        } catch (IOException missing) {
            throw new UncheckedIOException(missing);
        }
    }
}
