package workbench.core.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bookkeeping shared by the byte-level tokenizers: clean text into something UTF-8 can hold,
 * map each byte back to the character it belongs to, and show a token's bytes readably.
 */
public final class Utf8Text {

    /** What a lone surrogate (half of an emoji, for example) becomes before encoding. */
    public static final char REPLACEMENT = '\uFFFD';

    private Utf8Text() {
    }

    /**
     * The text with every unpaired surrogate replaced by U+FFFD. Such a char cannot be written as
     * UTF-8; replacing it one for one keeps every other char at the same index.
     */
    public static String sanitize(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || (i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (!Character.isSurrogate(c) || paired) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            out.append(REPLACEMENT);
        }
        return out == null ? text : out.toString();
    }

    /** The UTF-8 bytes of the sanitized text. */
    public static byte[] bytes(String text) {
        return sanitize(text).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * For each UTF-8 byte of {@code text} (already sanitized), the char range [start, end) of the
     * character it belongs to. All bytes of one code point share one range; a code point outside the
     * Basic Multilingual Plane covers two chars.
     *
     * @return (2, bytes): row 0 the start char of each byte, row 1 the end char
     */
    public static int[][] byteToCharRanges(String text) {
        int total = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            total += utf8Length(cp);
            i += Character.charCount(cp);
        }
        int[] start = new int[total];
        int[] end = new int[total];
        int b = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            for (int k = utf8Length(cp); k > 0; k--, b++) {
                start[b] = i;
                end[b] = next;
            }
            i = next;
        }
        return new int[][]{start, end};
    }

    /**
     * Turns consecutive tokens of known byte lengths into spans over {@code text} (sanitized). A
     * token's range runs from the character of its first byte to the end of the character of its
     * last byte, so tokens holding parts of one character share that character's range.
     *
     * @param byteLengths bytes per token; they must add up to the UTF-8 length of the text
     * @return (tokens, 2) char ranges [start, end)
     */
    public static int[][] charRanges(String text, int[] byteLengths) {
        int[][] map = byteToCharRanges(text);
        int[][] out = new int[byteLengths.length][2];
        int b = 0;
        for (int t = 0; t < byteLengths.length; t++) {
            int n = byteLengths[t];
            if (n <= 0 || b + n > map[0].length) {
                throw new IllegalStateException("token bytes do not match the text's " + map[0].length + " bytes");
            }
            out[t][0] = map[0][b];
            out[t][1] = map[1][b + n - 1];
            b += n;
        }
        if (b != map[0].length) {
            throw new IllegalStateException("tokens cover " + b + " of the text's " + map[0].length + " bytes");
        }
        return out;
    }

    /** Bytes a code point takes in UTF-8. */
    public static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    /**
     * How a token's bytes read: complete UTF-8 characters as themselves, any byte that is not part
     * of a complete, valid character as {@code <E2>} (two hex digits in angle brackets).
     */
    public static String show(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < bytes.length) {
            int length = sequenceLength(bytes, i);
            if (length == 0) {
                out.append(String.format("<%02X>", bytes[i] & 0xFF));
                i++;
            } else {
                out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
                i += length;
            }
        }
        return out.toString();
    }

    /** Length of the valid, complete UTF-8 sequence starting at {@code i}, or 0 if there is none. */
    private static int sequenceLength(byte[] bytes, int i) {
        int lead = bytes[i] & 0xFF;
        int length;
        int min;
        if (lead < 0x80) {
            return 1;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            min = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            min = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + length > bytes.length) {
            return 0;
        }
        int cp = lead & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++) {
            int b = bytes[i + k] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        boolean surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        return cp >= min && cp <= 0x10FFFF && !surrogate ? length : 0;
    }
}
