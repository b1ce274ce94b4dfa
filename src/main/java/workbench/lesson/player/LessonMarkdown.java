package workbench.lesson.player;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import workbench.lesson.Block;
import workbench.lesson.Inline;
import workbench.lesson.MathText;
import workbench.lesson.ResourcePaths;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Draws a lesson's {@link Block}s as JavaFX nodes: paragraphs as {@link TextFlow}s of styled
 * {@link Text}, math in a serif face with variables in italic and real sub- and superscripts,
 * code in a monospaced face, images from the class path. There is no web view: HTML in a lesson
 * arrives as literal text and is drawn as text. One font size on the lesson pane scales everything
 * (presenter mode enlarges it): plain text inherits it, and code and math take a fixed fraction of it.
 */
public final class LessonMarkdown {

    public static final String PARAGRAPH = "lesson-paragraph";
    public static final String TEXT = "lesson-text";
    public static final String MATH = "lesson-math";
    public static final String CODE = "lesson-code";
    public static final String LITERAL = "lesson-literal";
    public static final String IMAGE = "lesson-image";

    /** Script runs sit this fraction of the font size above or below the baseline. */
    private static final double SCRIPT_SHIFT = 0.32;
    /** Sizes against the surrounding text: monospaced runs look large, serif math small. */
    static final double CODE_SIZE = 0.92;
    static final double MATH_SIZE = 1.12;
    static final double SCRIPT_SIZE = 0.8;

    private final Function<Block.Prediction, Node> predictions;

    /** @param predictions draws a predict-then-reveal block (the player knows whether it was revealed) */
    public LessonMarkdown(Function<Block.Prediction, Node> predictions) {
        this.predictions = predictions;
    }

    public VBox render(List<Block> blocks) {
        VBox box = new VBox();
        box.getStyleClass().add("lesson-blocks");
        for (Block b : blocks) {
            box.getChildren().add(block(b));
        }
        return box;
    }

    private Node block(Block block) {
        if (block instanceof Block.Paragraph p) {
            return flow(p.content(), PARAGRAPH);
        }
        if (block instanceof Block.Heading h) {
            return flow(h.content(), "lesson-h" + Math.min(h.level(), 6));
        }
        if (block instanceof Block.ListBlock list) {
            VBox items = new VBox();
            items.getStyleClass().add("lesson-list");
            int number = list.start();
            for (List<Block> item : list.items()) {
                Label marker = new Label(list.ordered() ? (number++) + "." : "•");
                marker.getStyleClass().add("lesson-list-marker");
                marker.setMinWidth(Label.USE_PREF_SIZE);
                VBox content = render(item);
                HBox.setHgrow(content, Priority.ALWAYS);
                HBox row = new HBox(marker, content);
                row.getStyleClass().add("lesson-list-item");
                row.setAlignment(Pos.TOP_LEFT);
                items.getChildren().add(row);
            }
            return items;
        }
        if (block instanceof Block.Code code) {
            Text probe = probe();
            Text text = text(code.text(), List.of(), CODE, probe);
            TextFlow flow = new TextFlow(probe, text);
            flow.getStyleClass().add("lesson-code-block");
            return flow;
        }
        if (block instanceof Block.Quote quote) {
            VBox box = render(quote.content());
            box.getStyleClass().add("lesson-quote");
            return box;
        }
        if (block instanceof Block.Rule) {
            return new Separator();
        }
        if (block instanceof Block.LiteralHtml html) {
            Text probe = probe();
            Text text = text(html.text(), List.of(), LITERAL, probe);
            TextFlow flow = new TextFlow(probe, text);
            flow.getStyleClass().add("lesson-literal-block");
            return flow;
        }
        if (block instanceof Block.Prediction prediction) {
            return predictions.apply(prediction);
        }
        throw new IllegalArgumentException("unknown block " + block);
    }

    /** A paragraph-like block of inline runs. */
    public TextFlow flow(List<Inline> inlines, String styleClass) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add(styleClass);
        Text probe = probe();
        List<Node> nodes = new ArrayList<>(List.of(probe));
        inlines(inlines, List.of(), nodes, probe);
        flow.getChildren().setAll(nodes);
        return flow;
    }

    private void inlines(List<Inline> inlines, List<String> classes, List<Node> out, Text probe) {
        for (Inline i : inlines) {
            if (i instanceof Inline.Text t) {
                out.add(text(t.text(), classes, TEXT, probe));
            } else if (i instanceof Inline.Emphasis e) {
                inlines(e.content(), with(classes, "lesson-em"), out, probe);
            } else if (i instanceof Inline.Strong s) {
                inlines(s.content(), with(classes, "lesson-strong"), out, probe);
            } else if (i instanceof Inline.Code c) {
                out.add(text(c.text(), classes, CODE, probe));
            } else if (i instanceof Inline.Math m) {
                math(m.runs(), out, probe);
            } else if (i instanceof Inline.Link l) {
                List<Node> linked = new ArrayList<>();
                inlines(l.content(), with(classes, "lesson-link"), linked, probe);
                Tooltip tip = new Tooltip(l.target());
                for (Node n : linked) {
                    Tooltip.install(n, tip);
                }
                out.addAll(linked);
            } else if (i instanceof Inline.Image img) {
                out.add(image(img));
            } else if (i instanceof Inline.Break b) {
                out.add(text(b.hard() ? "\n" : " ", classes, TEXT, probe));
            } else if (i instanceof Inline.LiteralHtml h) {
                out.add(text(h.text(), classes, LITERAL, probe));
            }
        }
    }

    private static List<String> with(List<String> classes, String extra) {
        List<String> all = new ArrayList<>(classes);
        all.add(extra);
        return all;
    }

    /**
     * An empty run at the start of a flow that takes the inherited font like plain text. Code and
     * math are sized from it in code, because JavaFX resolves an em size on a Text against the
     * default font rather than the pane's enlarged one.
     */
    private static Text probe() {
        Text probe = new Text("");
        probe.getStyleClass().add(TEXT);
        return probe;
    }

    private static Text text(String value, List<String> classes, String base, Text probe) {
        Text text = new Text(value);
        text.getStyleClass().add(base);
        text.getStyleClass().addAll(classes);
        if (!base.equals(TEXT)) {
            sizeFrom(probe, text, "Monospaced", classes.contains("lesson-strong") ? FontWeight.BOLD : FontWeight.NORMAL,
                    classes.contains("lesson-em") ? FontPosture.ITALIC : FontPosture.REGULAR, CODE_SIZE);
        }
        return text;
    }

    /** Binds the run's font (so CSS leaves it alone) to a fraction of the probe's size. */
    private static void sizeFrom(Text probe, Text text, String family, FontWeight weight, FontPosture posture,
                                 double fraction) {
        text.fontProperty().bind(Bindings.createObjectBinding(
                () -> Font.font(family, weight, posture, probe.getFont().getSize() * fraction), probe.fontProperty()));
    }

    private static void math(List<MathText.Run> runs, List<Node> out, Text probe) {
        for (MathText.Run run : runs) {
            Text text = new Text(run.text());
            text.getStyleClass().addAll(MATH, switch (run.style()) {
                case ITALIC -> "lesson-math-italic";
                case BOLD -> "lesson-math-bold";
                case UPRIGHT -> "lesson-math-upright";
            });
            boolean script = run.script() != MathText.Script.BASE;
            sizeFrom(probe, text, "Serif", run.style() == MathText.Style.BOLD ? FontWeight.BOLD : FontWeight.NORMAL,
                    run.style() == MathText.Style.ITALIC ? FontPosture.ITALIC : FontPosture.REGULAR,
                    script ? SCRIPT_SIZE : MATH_SIZE);
            if (script) {
                boolean sub = run.script() == MathText.Script.SUB;
                text.getStyleClass().add(sub ? "lesson-math-sub" : "lesson-math-sup");
                // TextFlow has no baseline shift, so scripts are moved by a share of the text's size.
                text.translateYProperty().bind(Bindings.createDoubleBinding(
                        () -> (sub ? 1 : -1) * SCRIPT_SHIFT * text.getFont().getSize() / SCRIPT_SIZE, text.fontProperty()));
            }
            out.add(text);
        }
    }

    /** An image from assets/ or lessons/ on the class path; anything else is shown as its alt text. */
    static Node image(Inline.Image img) {
        String resource = img.resource();
        boolean allowed = ResourcePaths.ROOTS.stream().anyMatch(root -> resource.startsWith("/" + root + "/"))
                && !resource.contains("..");
        if (allowed) {
            try (InputStream in = LessonMarkdown.class.getResourceAsStream(resource)) {
                if (in != null) {
                    Image image = new Image(in);
                    if (!image.isError()) {
                        ImageView view = new ImageView(image);
                        view.setPreserveRatio(true);
                        view.setFitWidth(Math.min(image.getWidth(), 560));
                        view.getStyleClass().add(IMAGE);
                        view.setAccessibleText(img.alt());
                        return view;
                    }
                }
            } catch (java.io.IOException unreadable) {
                // Shown as its alt text below.
            }
        }
        Text alt = new Text("[image: " + img.alt() + "]");
        alt.getStyleClass().addAll(TEXT, "lesson-missing-image");
        return alt;
    }
}
