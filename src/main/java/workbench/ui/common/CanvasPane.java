package workbench.ui.common;

import javafx.beans.value.ObservableValue;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * A region that draws itself on a canvas of its own size and redraws when resized or when the
 * theme changes. For export, {@link #setRenderScale} draws at a higher resolution so a 2x PNG
 * stays sharp instead of being an enlarged bitmap.
 */
public abstract class CanvasPane extends Region {

    private final Canvas canvas = new Canvas();
    private final Scale shrink = new Scale(1, 1, 0, 0);
    private final ThemeManager themes;
    private double renderScale = 1;

    protected CanvasPane(ThemeManager themes) {
        this.themes = themes;
        canvas.getTransforms().add(shrink);
        getChildren().add(canvas);
        widthProperty().addListener((obs, old, now) -> redraw());
        heightProperty().addListener((obs, old, now) -> redraw());
        themes.themeProperty().addListener((obs, old, now) -> redraw());
        getStyleClass().add("canvas-pane");
    }

    protected final Theme theme() {
        return themes.theme();
    }

    protected final ThemeManager themes() {
        return themes;
    }

    /** Redraws whenever one of {@code values} changes. */
    protected final void redrawOn(ObservableValue<?>... values) {
        for (ObservableValue<?> value : values) {
            value.addListener((obs, old, now) -> redraw());
        }
    }

    /** Draws at {@code scale} times the on-screen resolution until set back to 1. */
    public final void setRenderScale(double scale) {
        renderScale = scale;
        redraw();
    }

    @Override
    protected void layoutChildren() {
        canvas.relocate(0, 0);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 400;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 300;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 40;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 40;
    }

    /** Clears and repaints; cheap enough to call on every change. */
    public final void redraw() {
        double w = Math.max(0, getWidth());
        double h = Math.max(0, getHeight());
        canvas.setWidth(Math.ceil(w * renderScale));
        canvas.setHeight(Math.ceil(h * renderScale));
        shrink.setX(1 / renderScale);
        shrink.setY(1 / renderScale);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(renderScale, 0, 0, renderScale, 0, 0);
        g.setFill(theme().background());
        g.fillRect(0, 0, w, h);
        if (w > 0 && h > 0) {
            draw(g, w, h);
        }
    }

    /** Paints the content into a {@code width} x {@code height} area (in layout units). */
    protected abstract void draw(GraphicsContext g, double width, double height);
}
