package workbench.lesson;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static workbench.lesson.MathText.Run;
import static workbench.lesson.MathText.Script.BASE;
import static workbench.lesson.MathText.Script.SUB;
import static workbench.lesson.MathText.Script.SUPER;
import static workbench.lesson.MathText.Style.BOLD;
import static workbench.lesson.MathText.Style.ITALIC;
import static workbench.lesson.MathText.Style.UPRIGHT;

class MathTextTest {

    @Test
    void variablesItalicNumbersUprightScriptsRaised() {
        assertEquals(List.of(new Run("x", ITALIC, BASE), new Run("i", ITALIC, SUB), new Run(" = 2", UPRIGHT, BASE),
                new Run("n", ITALIC, SUPER)), MathText.typeset("x_i = 2^n"));
        assertEquals(List.of(new Run("d", ITALIC, BASE), new Run("model", UPRIGHT, SUB)), MathText.typeset("d_{\\text{model}}"));
    }

    @Test
    void commandsBecomeSymbols() {
        assertEquals("softmax(QK⊤/√d) · V", MathText.plain(MathText.typeset("\\softmax(QK^\\top/\\sqrt{d}) \\cdot V")));
        assertEquals("α ≤ β × 10−3", MathText.plain(MathText.typeset("\\alpha \\le \\beta \\times 10^{-3}")));
        assertEquals("(a + b)/2", MathText.plain(MathText.typeset("\\frac{a + b}{2}")));
        assertEquals("√(x + 1)", MathText.plain(MathText.typeset("\\sqrt{x + 1}")));
        assertEquals(List.of(new Run("W", BOLD, BASE)), MathText.typeset("\\mathbf{W}"));
        assertEquals("(u · v)/(‖u‖ ‖v‖)", MathText.plain(MathText.typeset("\\frac{u \\cdot v}{\\|u\\| \\|v\\|}")));
        assertEquals("ℝd", MathText.plain(MathText.typeset("\\mathbb{R}^d")));
        assertEquals(List.of(new Run("c\u0303", ITALIC, BASE), new Run("t", ITALIC, SUB), new Run(" = tanh(", UPRIGHT, BASE),
                new Run("x", ITALIC, BASE), new Run(")", UPRIGHT, BASE)), MathText.typeset("\\tilde{c}_t = \\tanh(x)"));
    }

    @Test
    void neverFailsOnOddInput() {
        assertEquals("\\unknown x", MathText.plain(MathText.typeset("\\unknown{ x}")));
        assertEquals("x", MathText.plain(MathText.typeset("x_")));
        assertEquals("}", MathText.plain(MathText.typeset("}")));
        assertEquals("\\", MathText.plain(MathText.typeset("\\")));
        assertEquals("ab", MathText.plain(MathText.typeset("{a{b")));
        assertEquals("", MathText.plain(MathText.typeset(null)));
    }

    @Test
    void mathSpansAreFoundWhereAuthorsMeanThem() {
        char m = MathSpans.MARK;
        assertEquals("a `" + m + "x_i` b", MathSpans.protect("a $x_i$ b"));
        assertEquals("costs $5 and $10", MathSpans.protect("costs $5 and $10"));
        assertEquals("`$x$` stays code", MathSpans.protect("`$x$` stays code"));
        assertEquals("\\$5", MathSpans.protect("\\$5"));
        assertEquals("```\n$x$\n```\n`" + m + "y`", MathSpans.protect("```\n$x$\n```\n$y$"));
        assertEquals("$ x$", MathSpans.protect("$ x$"));
    }
}
