package workbench.core.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One token per Unicode code point, with the vocabulary fixed by the text it was built from (in
 * code-point order). This is the bundled model's tokenizer, as in nanoGPT's character model.
 */
public final class CharTokenizer implements Tokenizer {

    private final int[] codePoints;
    private final Map<Integer, Integer> idOf = new HashMap<>();

    /** A tokenizer over exactly these code points, id = position in the list. */
    public CharTokenizer(int[] codePoints) {
        this.codePoints = codePoints.clone();
        for (int i = 0; i < codePoints.length; i++) {
            if (idOf.put(codePoints[i], i) != null) {
                throw new IllegalArgumentException("duplicate character U+" + Integer.toHexString(codePoints[i]));
            }
        }
    }

    /** The vocabulary of every distinct code point in {@code corpus}, sorted. */
    public static CharTokenizer fromText(String corpus) {
        TreeSet<Integer> set = new TreeSet<>();
        corpus.codePoints().forEach(set::add);
        return new CharTokenizer(set.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The vocabulary as code points; token id i is codePoints()[i]. */
    public int[] codePoints() {
        return codePoints.clone();
    }

    @Override
    public String name() {
        return "Characters";
    }

    @Override
    public int vocabSize() {
        return codePoints.length;
    }

    /** True when every character of {@code text} has a token. */
    public boolean canEncode(String text) {
        return text.codePoints().allMatch(idOf::containsKey);
    }

    @Override
    public int[] encode(String text) {
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        int[] ids = text.codePoints().map(cp -> {
            Integer id = idOf.get(cp);
            if (id == null) {
                missing.add(new String(Character.toChars(cp)));
                return -1;
            }
            return id;
        }).toArray();
        if (!missing.isEmpty()) {
            throw new UnencodableTextException(name(), new ArrayList<>(missing));
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            out.appendCodePoint(codePoints[checkId(id)]);
        }
        return out.toString();
    }

    @Override
    public String tokenText(int id) {
        return new String(Character.toChars(codePoints[checkId(id)]));
    }

    @Override
    public List<TokenSpan> spans(String text) {
        int[] ids = encode(text);
        List<TokenSpan> spans = new ArrayList<>(ids.length);
        int offset = 0;
        for (int id : ids) {
            int length = Character.charCount(codePoints[id]);
            spans.add(new TokenSpan(id, tokenText(id), offset, offset + length));
            offset += length;
        }
        return spans;
    }

    private int checkId(int id) {
        if (id < 0 || id >= codePoints.length) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + codePoints.length);
        }
        return id;
    }
}
