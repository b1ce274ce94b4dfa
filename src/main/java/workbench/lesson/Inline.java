package workbench.lesson;

import java.util.List;

/** A run inside a paragraph or heading; see {@link Block}. */
public sealed interface Inline {

    record Text(String text) implements Inline {
    }

    record Emphasis(List<Inline> content) implements Inline {
        public Emphasis {
            content = List.copyOf(content);
        }
    }

    record Strong(List<Inline> content) implements Inline {
        public Strong {
            content = List.copyOf(content);
        }
    }

    /** {@code `code`}: monospaced. */
    record Code(String text) implements Inline {
    }

    /** {@code $…$}: a small TeX subset, typeset by {@link MathText}. */
    record Math(String tex, List<MathText.Run> runs) implements Inline {
        public Math {
            runs = List.copyOf(runs);
        }
    }

    /** A link; shown as text with its target, never followed by the lesson pane. */
    record Link(String target, List<Inline> content) implements Inline {
        public Link {
            content = List.copyOf(content);
        }
    }

    /**
     * An image from the class path.
     *
     * @param resource absolute class-path name under /assets or /lessons, checked by {@link ResourcePaths}
     */
    record Image(String alt, String resource) implements Inline {
    }

    /** A line break: hard (two spaces or a backslash at the end of a line) or soft (a plain newline). */
    record Break(boolean hard) implements Inline {
    }

    /** Inline HTML written in a lesson: shown as its literal text, never interpreted. */
    record LiteralHtml(String text) implements Inline {
    }
}
