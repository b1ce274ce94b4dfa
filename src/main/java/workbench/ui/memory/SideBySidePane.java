package workbench.ui.memory;

import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * Two children side by side when there is room for the first to be at least {@code minLeftWidth}
 * wide next to the second at its preferred width; otherwise the second goes under the first. The
 * projector theme's large text needs the stacked form on a normal screen.
 */
final class SideBySidePane extends Pane {

    private final Node left;
    private final Node right;
    private final double minLeftWidth;
    private final double gap;

    SideBySidePane(Node left, Node right, double minLeftWidth, double gap) {
        this.left = left;
        this.right = right;
        this.minLeftWidth = minLeftWidth;
        this.gap = gap;
        getChildren().addAll(left, right);
    }

    private boolean sideBySide(double width) {
        return width - gap - right.prefWidth(-1) >= minLeftWidth;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double x = snappedLeftInset();
        double y = snappedTopInset();
        if (sideBySide(w)) {
            double rw = right.prefWidth(-1);
            double lw = w - gap - rw;
            double h = Math.max(left.prefHeight(lw), right.prefHeight(rw));
            left.resizeRelocate(x, y, lw, left.prefHeight(lw));
            right.resizeRelocate(x + lw + gap, y, rw, Math.min(h, right.prefHeight(rw)));
        } else {
            double lh = left.prefHeight(w);
            left.resizeRelocate(x, y, w, lh);
            double rw = Math.min(w, right.prefWidth(-1));
            right.resizeRelocate(x, y + lh + gap, rw, right.prefHeight(rw));
        }
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = (width < 0 ? getWidth() : width) - snappedLeftInset() - snappedRightInset();
        double insets = snappedTopInset() + snappedBottomInset();
        if (w > 0 && sideBySide(w)) {
            double rw = right.prefWidth(-1);
            return insets + Math.max(left.prefHeight(w - gap - rw), right.prefHeight(rw));
        }
        double fw = w > 0 ? w : left.prefWidth(-1);
        return insets + left.prefHeight(fw) + gap + right.prefHeight(Math.min(fw, right.prefWidth(-1)));
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + minLeftWidth + gap + right.prefWidth(-1);
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + Math.max(200, right.minWidth(-1));
    }
}
