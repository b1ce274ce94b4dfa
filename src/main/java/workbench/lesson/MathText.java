package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typesets the small TeX subset lessons use inside {@code $…$} into runs of text: variables in
 * italic, numbers and operators upright, {@code _} and {@code ^} as sub- and superscripts,
 * {@code \alpha}…{@code \omega}, common symbols ({@code \cdot}, {@code \times}, {@code \le},
 * {@code \sum}, {@code \sqrt}…), {@code \frac{a}{b}} as a/b, and {@code \text{…}} upright.
 * An unknown command is shown by its name, as written. It never fails: any string gives some runs.
 */
public final class MathText {

    public enum Style { ITALIC, UPRIGHT, BOLD }

    public enum Script { BASE, SUB, SUPER }

    /** Text in one style at one script level. */
    public record Run(String text, Style style, Script script) {
    }

    private static final Map<String, String> GREEK = Map.ofEntries(
            Map.entry("alpha", "α"), Map.entry("beta", "β"), Map.entry("gamma", "γ"), Map.entry("delta", "δ"),
            Map.entry("epsilon", "ε"), Map.entry("varepsilon", "ε"), Map.entry("zeta", "ζ"), Map.entry("eta", "η"),
            Map.entry("theta", "θ"), Map.entry("iota", "ι"), Map.entry("kappa", "κ"), Map.entry("lambda", "λ"),
            Map.entry("mu", "μ"), Map.entry("nu", "ν"), Map.entry("xi", "ξ"), Map.entry("pi", "π"),
            Map.entry("rho", "ρ"), Map.entry("sigma", "σ"), Map.entry("tau", "τ"), Map.entry("phi", "φ"),
            Map.entry("varphi", "φ"), Map.entry("chi", "χ"), Map.entry("psi", "ψ"), Map.entry("omega", "ω"));

    private static final Map<String, String> UPPER_GREEK = Map.ofEntries(
            Map.entry("Gamma", "Γ"), Map.entry("Delta", "Δ"), Map.entry("Theta", "Θ"), Map.entry("Lambda", "Λ"),
            Map.entry("Pi", "Π"), Map.entry("Sigma", "Σ"), Map.entry("Phi", "Φ"), Map.entry("Psi", "Ψ"),
            Map.entry("Omega", "Ω"));

    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("cdot", "·"), Map.entry("times", "×"), Map.entry("div", "÷"), Map.entry("pm", "±"),
            Map.entry("le", "≤"), Map.entry("leq", "≤"), Map.entry("ge", "≥"), Map.entry("geq", "≥"),
            Map.entry("ne", "≠"), Map.entry("neq", "≠"), Map.entry("approx", "≈"), Map.entry("sim", "∼"),
            Map.entry("equiv", "≡"), Map.entry("propto", "∝"), Map.entry("sum", "∑"), Map.entry("prod", "∏"),
            Map.entry("infty", "∞"), Map.entry("to", "→"), Map.entry("rightarrow", "→"), Map.entry("leftarrow", "←"),
            Map.entry("mapsto", "↦"), Map.entry("in", "∈"), Map.entry("ldots", "…"), Map.entry("dots", "…"),
            Map.entry("cdots", "⋯"), Map.entry("top", "⊤"), Map.entry("partial", "∂"), Map.entry("nabla", "∇"),
            Map.entry("odot", "⊙"), Map.entry("oplus", "⊕"), Map.entry("otimes", "⊗"), Map.entry("mid", "|"),
            Map.entry("lfloor", "⌊"), Map.entry("rfloor", "⌋"), Map.entry("lceil", "⌈"), Map.entry("rceil", "⌉"),
            Map.entry("langle", "⟨"), Map.entry("rangle", "⟩"), Map.entry("quad", "\u2003"), Map.entry("qquad", "\u2003\u2003"),
            Map.entry("ell", "ℓ"), Map.entry("forall", "∀"), Map.entry("exists", "∃"), Map.entry("circ", "∘"),
            Map.entry("ll", "≪"), Map.entry("gg", "≫"));

    private static final java.util.Set<String> FUNCTIONS = java.util.Set.of(
            "log", "ln", "exp", "max", "min", "sin", "cos", "tan", "tanh", "sigmoid", "arg", "argmax", "argmin",
            "softmax", "det", "dim");

    /** Accents, drawn as a combining mark after the letter: \tilde{c} is c̃. */
    private static final Map<String, String> ACCENTS = Map.of(
            "tilde", "\u0303", "hat", "\u0302", "bar", "\u0304", "vec", "\u20D7", "dot", "\u0307");

    private static final java.util.Set<String> SPACES = java.util.Set.of(",", ";", ":", " ", "!");

    private final String tex;
    private int at;
    private final List<Run> runs = new ArrayList<>();

    private MathText(String tex) {
        this.tex = tex;
    }

    /** The runs of {@code tex}, adjacent runs of the same style and script merged. */
    public static List<Run> typeset(String tex) {
        MathText m = new MathText(tex == null ? "" : tex);
        m.sequence(Script.BASE, false);
        return merge(m.runs);
    }

    /** The plain text of runs, as a screen reader or a search would read it. */
    public static String plain(List<Run> runs) {
        StringBuilder text = new StringBuilder();
        for (Run r : runs) {
            text.append(r.text());
        }
        return text.toString();
    }

    private void sequence(Script script, boolean untilBrace) {
        while (at < tex.length()) {
            char c = tex.charAt(at);
            if (c == '}') {
                at++;
                if (untilBrace) {
                    return;
                }
                emit("}", Style.UPRIGHT, script);
            } else {
                atom(script);
            }
        }
    }

    /** One thing: a letter, a digit, a command, a group, or a script with its argument. */
    private void atom(Script script) {
        char c = tex.charAt(at);
        if (c == '{') {
            at++;
            sequence(script, true);
        } else if (c == '_' || c == '^') {
            at++;
            argument(c == '_' ? Script.SUB : Script.SUPER);
        } else if (c == '\\') {
            command(script);
        } else if (Character.isWhitespace(c)) {
            while (at < tex.length() && Character.isWhitespace(tex.charAt(at))) {
                at++;
            }
            emit(" ", Style.UPRIGHT, script);
        } else if (Character.isLetter(c)) {
            at++;
            emit(String.valueOf(c), Style.ITALIC, script);
        } else {
            at++;
            emit(switch (c) {
                case '-' -> "−";
                case '\'' -> "′";
                case '*' -> "∗";
                default -> String.valueOf(c);
            }, Style.UPRIGHT, script);
        }
    }

    /** The argument of _, ^ or a command: a {group}, or else one atom. */
    private void argument(Script script) {
        skipSpaces();
        if (at >= tex.length()) {
            return;
        }
        atom(script);
    }

    private void command(Script script) {
        at++; // the backslash
        if (at >= tex.length()) {
            emit("\\", Style.UPRIGHT, script);
            return;
        }
        int start = at;
        if (Character.isLetter(tex.charAt(at))) {
            while (at < tex.length() && Character.isLetter(tex.charAt(at))) {
                at++;
            }
        } else {
            at++;
        }
        String name = tex.substring(start, at);
        if (GREEK.containsKey(name)) {
            emit(GREEK.get(name), Style.ITALIC, script);
        } else if (UPPER_GREEK.containsKey(name)) {
            emit(UPPER_GREEK.get(name), Style.UPRIGHT, script);
        } else if (name.equals("sqrt")) {
            List<Run> inner = group(script);
            boolean wrap = needsParentheses(inner);
            emit("√" + (wrap ? "(" : ""), Style.UPRIGHT, script);
            runs.addAll(inner);
            if (wrap) {
                emit(")", Style.UPRIGHT, script);
            }
        } else if (ACCENTS.containsKey(name)) {
            List<Run> inner = group(script);
            runs.addAll(inner);
            emit(ACCENTS.get(name), inner.isEmpty() ? Style.UPRIGHT : inner.get(inner.size() - 1).style(), script);
        } else if (name.equals("frac") || name.equals("tfrac") || name.equals("dfrac")) {
            fraction(script);
        } else if (SYMBOLS.containsKey(name)) {
            emit(SYMBOLS.get(name), Style.UPRIGHT, script);
        } else if (FUNCTIONS.contains(name)) {
            emit(name, Style.UPRIGHT, script);
        } else if (name.equals("text") || name.equals("mathrm") || name.equals("operatorname") || name.equals("textrm")) {
            emit(rawGroup(), Style.UPRIGHT, script);
        } else if (name.equals("mathbf") || name.equals("boldsymbol")) {
            emit(rawGroup(), Style.BOLD, script);
        } else if (name.equals("mathbb")) {
            String letters = rawGroup();
            emit(letters.equals("R") ? "ℝ" : letters.equals("N") ? "ℕ" : letters.equals("Z") ? "ℤ" : letters,
                    Style.UPRIGHT, script);
        } else if (name.equals("left") || name.equals("right") || name.equals("big") || name.equals("Big")) {
            // Sizing hints: the delimiter that follows is shown at text size.
        } else if (SPACES.contains(name)) {
            emit(name.equals("!") ? "" : "\u2009", Style.UPRIGHT, script);
        } else if (name.equals("|")) {
            emit("‖", Style.UPRIGHT, script);
        } else if (name.equals("\\")) {
            emit(" ", Style.UPRIGHT, script);
        } else if (name.length() == 1) {
            emit(name, Style.UPRIGHT, script); // \{ \} \$ \% \_ \|
        } else {
            emit("\\" + name, Style.UPRIGHT, script);
        }
    }

    private void fraction(Script script) {
        List<Run> top = group(script);
        List<Run> bottom = group(script);
        appendWrapped(top, script);
        emit("/", Style.UPRIGHT, script);
        appendWrapped(bottom, script);
    }

    private void appendWrapped(List<Run> part, Script script) {
        boolean wrap = needsParentheses(part);
        if (wrap) {
            emit("(", Style.UPRIGHT, script);
        }
        runs.addAll(part);
        if (wrap) {
            emit(")", Style.UPRIGHT, script);
        }
    }

    /** Typesets the next argument into a separate list. */
    private List<Run> group(Script script) {
        MathText inner = new MathText(tex);
        inner.at = at;
        inner.argument(script);
        at = inner.at;
        return merge(inner.runs);
    }

    /** The literal text of the next {group} (or character), for \text and friends. */
    private String rawGroup() {
        skipSpaces();
        if (at >= tex.length()) {
            return "";
        }
        if (tex.charAt(at) != '{') {
            return String.valueOf(tex.charAt(at++));
        }
        int depth = 0;
        int start = at + 1;
        while (at < tex.length()) {
            char c = tex.charAt(at++);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return tex.substring(start, at - 1);
            }
        }
        return tex.substring(start);
    }

    private void skipSpaces() {
        while (at < tex.length() && Character.isWhitespace(tex.charAt(at))) {
            at++;
        }
    }

    private static boolean needsParentheses(List<Run> part) {
        String text = plain(part);
        if (text.codePointCount(0, text.length()) <= 1) {
            return false;
        }
        for (Run r : part) {
            if (r.script() == Script.BASE && r.text().chars().anyMatch(ch -> " +−=<>·×,/".indexOf(ch) >= 0)) {
                return true;
            }
        }
        return false;
    }

    private void emit(String text, Style style, Script script) {
        if (!text.isEmpty()) {
            runs.add(new Run(text, style, script));
        }
    }

    private static List<Run> merge(List<Run> runs) {
        List<Run> merged = new ArrayList<>();
        for (Run r : runs) {
            if (!merged.isEmpty()) {
                Run last = merged.get(merged.size() - 1);
                if (last.style() == r.style() && last.script() == r.script()) {
                    merged.set(merged.size() - 1, new Run(last.text() + r.text(), r.style(), r.script()));
                    continue;
                }
            }
            merged.add(r);
        }
        return List.copyOf(merged);
    }
}
