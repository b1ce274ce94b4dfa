package workbench.lesson;

import java.util.List;

/**
 * A block of a lesson's text, parsed from Markdown into plain immutable records so that the
 * renderer only draws and never interprets Markdown (or HTML) itself.
 */
public sealed interface Block {

    record Paragraph(List<Inline> content) implements Block {
        public Paragraph {
            content = List.copyOf(content);
        }
    }

    /** A heading inside a step (level 3 to 6; level 2 starts a step). */
    record Heading(int level, List<Inline> content) implements Block {
        public Heading {
            content = List.copyOf(content);
        }
    }

    /** A bullet list, or a numbered one starting at {@code start}; each item is a list of blocks. */
    record ListBlock(boolean ordered, int start, List<List<Block>> items) implements Block {
        public ListBlock {
            items = items.stream().map(List::copyOf).toList();
        }
    }

    /** Code shown as it is, in a monospaced box. */
    record Code(String language, String text) implements Block {
    }

    record Quote(List<Block> content) implements Block {
        public Quote {
            content = List.copyOf(content);
        }
    }

    record Rule() implements Block {
    }

    /** HTML written in a lesson: shown as its literal text, never interpreted or run. */
    record LiteralHtml(String text) implements Block {
    }

    /**
     * Predict, then reveal: the learner sees {@code question} and commits to an answer before
     * {@code answer} is shown.
     *
     * @param line 1-based line of the {@code ```predict} fence
     */
    record Prediction(List<Block> question, List<Block> answer, int line) implements Block {
        public Prediction {
            question = List.copyOf(question);
            answer = List.copyOf(answer);
        }
    }
}
