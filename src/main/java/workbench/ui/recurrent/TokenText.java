package workbench.ui.recurrent;

/** How a character token is written in the strip and on heatmap axes, so that blanks stay visible. */
final class TokenText {

    private TokenText() {
    }

    /** A space as ␣, a line break as ↵, a tab as ⇥; anything else as itself. */
    static String visible(String token) {
        return switch (token) {
            case " " -> "␣";
            case "\n" -> "↵";
            case "\r" -> "␍";
            case "\t" -> "⇥";
            default -> token;
        };
    }
}
