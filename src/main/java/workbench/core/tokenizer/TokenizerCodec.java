package workbench.core.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a model's tokenizer into a checkpoint's JSON and reads it back. */
public final class TokenizerCodec {

    private TokenizerCodec() {
    }

    public static ObjectNode toJson(Tokenizer tokenizer) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (tokenizer instanceof CharTokenizer chars) {
            node.put("type", "char");
            var array = node.putArray("codePoints");
            for (int cp : chars.codePoints()) {
                array.add(cp);
            }
            return node;
        }
        throw new IllegalArgumentException("a checkpoint cannot store a " + tokenizer.name() + " tokenizer");
    }

    public static Tokenizer fromJson(JsonNode node) {
        String type = node.path("type").asText("");
        if (type.equals("char")) {
            JsonNode codePoints = node.path("codePoints");
            if (!codePoints.isArray() || codePoints.isEmpty()) {
                throw new IllegalArgumentException("the character tokenizer has no characters");
            }
            int[] cps = new int[codePoints.size()];
            for (int i = 0; i < cps.length; i++) {
                JsonNode cp = codePoints.get(i);
                if (!cp.canConvertToInt() || cp.asInt() < 0 || cp.asInt() > Character.MAX_CODE_POINT) {
                    throw new IllegalArgumentException("character " + i + " of the tokenizer is not a code point");
                }
                cps[i] = cp.asInt();
            }
            return new CharTokenizer(cps);
        }
        throw new IllegalArgumentException("unknown tokenizer type '" + type + "'");
    }
}
