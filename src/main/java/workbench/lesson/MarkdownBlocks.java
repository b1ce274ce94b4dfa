package workbench.lesson;

import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Turns commonmark's mutable node tree into the immutable {@link Block} and {@link Inline}
 * records. HTML (blocks and inline tags) is kept as literal text; images are checked by
 * {@link ResourcePaths}; anything else unknown is kept as its text.
 */
final class MarkdownBlocks {

    private final String file;
    private final Predicate<String> resourceExists;
    private final int lineOffset;

    MarkdownBlocks(String file, Predicate<String> resourceExists) {
        this(file, resourceExists, 0);
    }

    /** @param lineOffset added to line numbers (for Markdown nested in a fence) */
    MarkdownBlocks(String file, Predicate<String> resourceExists, int lineOffset) {
        this.file = file;
        this.resourceExists = resourceExists;
        this.lineOffset = lineOffset;
    }

    /** The first word of a fence's info string, lower-case ("lab", "predict", "java"…). */
    static String fenceKind(FencedCodeBlock fence) {
        String info = fence.getInfo() == null ? "" : fence.getInfo().strip();
        int space = info.indexOf(' ');
        return (space < 0 ? info : info.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    private int line(Node node) {
        return LessonParser.lineOf(node) + lineOffset;
    }

    Block block(Node node) throws LessonFormatException {
        if (node instanceof Paragraph) {
            return new Block.Paragraph(inlines(node, line(node)));
        }
        if (node instanceof Heading heading) {
            return new Block.Heading(heading.getLevel(), inlines(node, line(node)));
        }
        if (node instanceof FencedCodeBlock fence) {
            String kind = fenceKind(fence);
            if (kind.equals(LessonParser.LAB_FENCE) || kind.equals(LessonParser.PREDICT_FENCE)
                    || kind.equals(LessonParser.REVEAL_FENCE)) {
                throw new LessonFormatException(file, line(node), "a " + kind + " block must stand on its own in a step, "
                        + "not inside a list, a quote or another predict or reveal block");
            }
            return new Block.Code(kind, stripFinalNewline(fence.getLiteral()));
        }
        if (node instanceof IndentedCodeBlock code) {
            return new Block.Code("", stripFinalNewline(code.getLiteral()));
        }
        if (node instanceof BlockQuote) {
            return new Block.Quote(children(node));
        }
        if (node instanceof BulletList || node instanceof OrderedList) {
            List<List<Block>> items = new ArrayList<>();
            for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
                items.add(item instanceof ListItem ? children(item) : List.of(block(item)));
            }
            boolean ordered = node instanceof OrderedList;
            Integer start = ordered ? ((OrderedList) node).getMarkerStartNumber() : null;
            return new Block.ListBlock(ordered, start == null ? 1 : start, items);
        }
        if (node instanceof ThematicBreak) {
            return new Block.Rule();
        }
        if (node instanceof HtmlBlock html) {
            return new Block.LiteralHtml(stripFinalNewline(html.getLiteral()));
        }
        // Any other block (an extension's) is shown as the text it contains.
        return new Block.Paragraph(inlines(node, line(node)));
    }

    private List<Block> children(Node parent) throws LessonFormatException {
        List<Block> out = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            out.add(block(child));
        }
        return out;
    }

    /** The inline content of a block; {@code line} is the block's line, for image messages. */
    List<Inline> inlines(Node parent, int line) throws LessonFormatException {
        List<Inline> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            out.add(inline(n, line));
        }
        return out;
    }

    private Inline inline(Node node, int line) throws LessonFormatException {
        if (node instanceof Text text) {
            return new Inline.Text(text.getLiteral());
        }
        if (node instanceof Code code) {
            String literal = code.getLiteral();
            if (!literal.isEmpty() && literal.charAt(0) == MathSpans.MARK) {
                String tex = literal.substring(1);
                return new Inline.Math(tex, MathText.typeset(tex));
            }
            return new Inline.Code(literal);
        }
        if (node instanceof Emphasis) {
            return new Inline.Emphasis(inlines(node, line));
        }
        if (node instanceof StrongEmphasis) {
            return new Inline.Strong(inlines(node, line));
        }
        if (node instanceof SoftLineBreak) {
            return new Inline.Break(false);
        }
        if (node instanceof HardLineBreak) {
            return new Inline.Break(true);
        }
        if (node instanceof HtmlInline html) {
            return new Inline.LiteralHtml(html.getLiteral());
        }
        if (node instanceof Link link) {
            return new Inline.Link(link.getDestination(), inlines(node, line));
        }
        if (node instanceof Image image) {
            String resource;
            try {
                resource = ResourcePaths.resolve(image.getDestination());
            } catch (IllegalArgumentException refused) {
                throw new LessonFormatException(file, line, refused.getMessage());
            }
            if (!resourceExists.test(resource)) {
                throw new LessonFormatException(file, line, "the image '" + image.getDestination() + "' is not on the class path ("
                        + resource + ")");
            }
            return new Inline.Image(Inlines.plain(inlines(node, line)), resource);
        }
        return new Inline.Text(Inlines.plain(inlines(node, line)));
    }

    private static String stripFinalNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
