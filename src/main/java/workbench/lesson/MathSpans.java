package workbench.lesson;

/**
 * Protects {@code $…$} spans from the Markdown parser before it runs, so that the underscores
 * and asterisks of TeX are not read as emphasis: each span becomes a code span whose text starts
 * with {@link #MARK}, which {@link LessonParser} turns back into {@link Inline.Math}. Lines keep
 * their numbers. A span stays on one line, opens with a {@code $} not followed by a space and
 * closes with a {@code $} not preceded by a space nor followed by a digit (so "$5 and $10" is
 * not math); {@code \$} is a plain dollar sign. Fenced code and code spans are left alone.
 */
final class MathSpans {

    /** A private-use character that starts the text of a protected math span. */
    static final char MARK = '\uE000';

    private MathSpans() {
    }

    static String protect(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length() + 16);
        String fence = null;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String stripped = line.stripLeading();
            boolean indentedLittle = line.length() - stripped.length() <= 3;
            if (fence != null) {
                if (indentedLittle && stripped.startsWith(fence) && stripped.substring(fence.length()).replace(fence.substring(0, 1), "").isBlank()) {
                    fence = null;
                }
                out.append(line);
            } else if (indentedLittle && (stripped.startsWith("```") || stripped.startsWith("~~~"))) {
                char c = stripped.charAt(0);
                int length = 0;
                while (length < stripped.length() && stripped.charAt(length) == c) {
                    length++;
                }
                fence = String.valueOf(c).repeat(length);
                out.append(line);
            } else {
                out.append(protectLine(line));
            }
            if (n < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String protectLine(String line) {
        StringBuilder out = new StringBuilder(line.length() + 8);
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                out.append(c).append(line.charAt(i + 1));
                i += 2;
            } else if (c == '`') {
                int run = runLength(line, i, '`');
                int close = findRun(line, i + run, run);
                int end = close < 0 ? i + run : close + run;
                out.append(line, i, end);
                i = end;
            } else if (c == '$') {
                int close = closingDollar(line, i);
                if (close < 0) {
                    out.append(c);
                    i++;
                } else {
                    String tex = line.substring(i + 1, close);
                    String ticks = "`".repeat(longestRun(tex, '`') + 1);
                    out.append(ticks).append(MARK).append(tex).append(ticks);
                    i = close + 1;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int closingDollar(String line, int open) {
        int first = open + 1;
        if (first >= line.length() || Character.isWhitespace(line.charAt(first)) || line.charAt(first) == '$') {
            return -1;
        }
        for (int j = first + 1; j < line.length(); j++) {
            char c = line.charAt(j);
            if (c == '\\') {
                j++;
                continue;
            }
            if (c == '$') {
                boolean spaceBefore = Character.isWhitespace(line.charAt(j - 1));
                boolean digitAfter = j + 1 < line.length() && Character.isDigit(line.charAt(j + 1));
                if (!spaceBefore && !digitAfter) {
                    return j;
                }
            }
        }
        return -1;
    }

    private static int runLength(String s, int from, char c) {
        int n = 0;
        while (from + n < s.length() && s.charAt(from + n) == c) {
            n++;
        }
        return n;
    }

    /** Start of the next run of exactly {@code length} backticks at or after {@code from}, or -1. */
    private static int findRun(String s, int from, int length) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == '`') {
                int run = runLength(s, i, '`');
                if (run == length) {
                    return i;
                }
                i += run;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int longestRun(String s, char c) {
        int best = 0;
        int i = 0;
        while (i < s.length()) {
            int run = runLength(s, i, c);
            best = Math.max(best, run);
            i += Math.max(run, 1);
        }
        return best;
    }
}
