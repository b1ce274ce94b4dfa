package workbench.lesson;

import java.util.List;

/** Helpers over {@link Inline} runs. */
public final class Inlines {

    private Inlines() {
    }

    /** The text of runs as a reader would read it aloud: math as typeset, images as their alt text. */
    public static String plain(List<Inline> inlines) {
        StringBuilder out = new StringBuilder();
        append(out, inlines);
        return out.toString();
    }

    private static void append(StringBuilder out, List<Inline> inlines) {
        for (Inline i : inlines) {
            if (i instanceof Inline.Text t) {
                out.append(t.text());
            } else if (i instanceof Inline.Code c) {
                out.append(c.text());
            } else if (i instanceof Inline.Math m) {
                out.append(MathText.plain(m.runs()));
            } else if (i instanceof Inline.Emphasis e) {
                append(out, e.content());
            } else if (i instanceof Inline.Strong s) {
                append(out, s.content());
            } else if (i instanceof Inline.Link l) {
                append(out, l.content());
            } else if (i instanceof Inline.Image img) {
                out.append(img.alt());
            } else if (i instanceof Inline.Break b) {
                out.append(b.hard() ? "\n" : " ");
            } else if (i instanceof Inline.LiteralHtml h) {
                out.append(h.text());
            }
        }
    }
}
