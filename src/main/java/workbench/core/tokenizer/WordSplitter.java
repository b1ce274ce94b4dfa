package workbench.core.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the pieces BPE merges within, in the style of GPT-2: a space attaches to the word
 * that follows it (" the"), letters, numbers and other symbols form separate pieces, and common
 * English contractions ('s, 'll, …) are their own pieces. Merges never cross a piece boundary, so
 * " the" and "the" become different tokens, and no token spans two words.
 * <p>
 * One deviation from GPT-2: combining marks (\p{M}) join the letters before them, so "e" + U+0301
 * stays one piece instead of leaving the accent alone.
 */
public final class WordSplitter {

    private static final Pattern PIECES = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?[\\p{L}\\p{M}]+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private WordSplitter() {
    }

    /** The pieces of {@code text}, in order; they concatenate back to the text exactly. */
    public static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        for (int[] range : ranges(text)) {
            pieces.add(text.substring(range[0], range[1]));
        }
        return pieces;
    }

    /** The char range [start, end) of each piece of {@code text}, in order, covering it exactly. */
    public static List<int[]> ranges(String text) {
        List<int[]> out = new ArrayList<>();
        Matcher m = PIECES.matcher(text);
        int covered = 0;
        while (m.find()) {
            if (m.start() > covered) {
                // Every char is whitespace, a letter, a number or "other", so this should not
                // happen; if it ever does, the gap still becomes a piece rather than being lost.
                out.add(new int[]{covered, m.start()});
            }
            if (m.end() > m.start()) {
                out.add(new int[]{m.start(), m.end()});
            }
            covered = m.end();
        }
        if (covered < text.length()) {
            out.add(new int[]{covered, text.length()});
        }
        return out;
    }
}
