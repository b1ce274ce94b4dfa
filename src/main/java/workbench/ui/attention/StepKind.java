package workbench.ui.attention;

import workbench.core.attention.QueryWalk;
import workbench.core.model.MaskKind;

import java.util.List;
import java.util.Locale;

/** The steps of one attention computation, in the order the step-by-step view walks them. */
enum StepKind {
    QUERY("The query vector"),
    KEYS("The keys"),
    DOTS("Dot products"),
    SCALE("Scale by 1/√dₖ"),
    MASK("The mask"),
    MAX("Softmax 1: subtract the row maximum"),
    EXP("Softmax 2: exponentiate"),
    SUM("Softmax 3: add up"),
    WEIGHTS("Softmax 4: divide — the attention weights"),
    VALUES("Weighted sum of the values"),
    CONCAT("Concatenate the heads"),
    PROJECT("Output projection");

    private final String title;

    StepKind(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }

    static int count() {
        return values().length;
    }

    /** The step with 1-based number {@code number}. */
    static StepKind number(int number) {
        return values()[Math.max(1, Math.min(count(), number)) - 1];
    }

    /** True from this step on (the table, the later matrices). */
    boolean shows(StepKind column) {
        return ordinal() >= column.ordinal();
    }

    /**
     * The table columns this step shows, named by the step that introduces each: what the step
     * reads and what it writes, and the mask once it is applied. No more, so that the table stays
     * narrow enough for the projector theme.
     */
    java.util.Set<StepKind> tableColumns() {
        return switch (this) {
            case QUERY, KEYS, CONCAT, PROJECT -> java.util.EnumSet.noneOf(StepKind.class);
            case DOTS -> java.util.EnumSet.of(DOTS);
            case SCALE -> java.util.EnumSet.of(DOTS, SCALE);
            case MASK -> java.util.EnumSet.of(SCALE, MASK);
            case MAX -> java.util.EnumSet.of(SCALE, MASK, MAX);
            case EXP -> java.util.EnumSet.of(MASK, MAX, EXP);
            case SUM -> java.util.EnumSet.of(MASK, EXP);
            case WEIGHTS -> java.util.EnumSet.of(MASK, EXP, WEIGHTS);
            case VALUES -> java.util.EnumSet.of(MASK, WEIGHTS);
        };
    }

    /** What the step does, with the walk's real numbers. */
    String explain(QueryWalk w, List<String> tokens, MaskKind mask, int heads) {
        String q = TokenLabels.withPosition(tokens, w.query());
        int hs = w.headSize();
        return switch (this) {
            case QUERY -> String.format(Locale.ROOT, "Token %s asks a question: its query vector q, %d numbers made "
                    + "from the token's normalised input times this head's query weights W_Q. Only the direction "
                    + "and length of q matter in what follows.", q, hs);
            case KEYS -> String.format(Locale.ROOT, "Every token j of the prompt offers a key k_j (one row each, %d "
                    + "numbers). The query will be compared with each key.%s", hs,
                    w.kvHead() != w.head() ? " This head shares its keys and values with other heads (key/value head "
                            + w.kvHead() + ")." : "");
            case DOTS -> "q · k_j: multiply the query and each key number by number and add up. A large dot product "
                    + "means the key answers the query's question.";
            case SCALE -> String.format(Locale.ROOT, "Divide by √dₖ = √%d = %.3f (multiply by %.4f). Without it, "
                    + "longer vectors give larger dot products and the softmax that follows would pick one key "
                    + "almost always.", hs, Math.sqrt(hs), w.scale());
            case MASK -> mask == MaskKind.CAUSAL
                    ? String.format(Locale.ROOT, "Causal mask: token %d may only look at tokens 0 to %d, itself and "
                    + "earlier. Later keys get the score −∞, so the softmax gives them exactly 0. A decoder predicts "
                    + "the next token, so it must not see it.%s", w.query(), w.query(), hiddenNote(w, mask))
                    : "Bidirectional mask: every token may look at every other, before and after it, as in an "
                    + "encoder (BERT)." + hiddenNote(w, mask);
            case MAX -> w.fullyMasked() ? "Every key is hidden from this query: there is nothing to take the maximum of."
                    : String.format(Locale.ROOT, "The largest allowed score is %.4f. Subtracting it from every score "
                    + "changes nothing in the result but keeps exp() from overflowing: the largest becomes 0, "
                    + "the others negative.", w.rowMax());
            case EXP -> "exp(score − max): every allowed key gets a positive number, at most 1; masked keys get 0.";
            case SUM -> String.format(Locale.ROOT, "Σ exp(score − max) = %.4f.", w.rowSum());
            case WEIGHTS -> String.format(Locale.ROOT, "weight_j = exp_j / %.4f. The weights are positive and sum "
                    + "to 1: how token %s splits its attention. This is row %d of the heatmap.",
                    w.rowSum(), q, w.query());
            case VALUES -> "Each token also offers a value v_j. The head's output for " + q + " is Σ_j weight_j · v_j: "
                    + "a mix of the values, mostly of the keys it attended to."
                    + (w.switchedOff() ? " This head is switched off: its output is replaced by zeros." : "");
            case CONCAT -> String.format(Locale.ROOT, "All %d heads do this in parallel, each with its own W_Q, W_K "
                    + "and W_V. Their outputs for %s are put side by side: %d × %d = %d numbers.", heads, q, heads, hs,
                    heads * hs);
            case PROJECT -> String.format(Locale.ROOT, "The concatenation times the output projection W_O "
                    + "(%d × %d) mixes the heads into one vector of %d numbers, which is added to the residual stream.",
                    w.concat().length, w.output().length, w.output().length);
        };
    }

    private static String hiddenNote(QueryWalk w, MaskKind mask) {
        int hidden = 0;
        for (int j = 0; j < w.length(); j++) {
            boolean visibleUnderMask = mask != MaskKind.CAUSAL || j <= w.query();
            if (visibleUnderMask && !w.allowed()[j]) {
                hidden++;
            }
        }
        return hidden == 0 ? "" : String.format(Locale.ROOT, " %d %s hidden by hand in the Switch-off view.",
                hidden, hidden == 1 ? "token is" : "tokens are");
    }
}
