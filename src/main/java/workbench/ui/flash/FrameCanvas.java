package workbench.ui.flash;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import workbench.ui.common.CanvasPane;
import workbench.ui.common.ThemeManager;

/** A canvas of the tiling view: draws one {@link FlashFrame} and redraws when it is given a new one. */
abstract class FrameCanvas extends CanvasPane {

    private FlashFrame frame;

    FrameCanvas(ThemeManager themes) {
        super(themes);
    }

    final void setFrame(FlashFrame value) {
        frame = value;
        redraw();
    }

    final FlashFrame frame() {
        return frame;
    }

    final void message(GraphicsContext g, double width, double height, String text) {
        g.setFill(theme().foreground());
        g.setFont(Font.font(theme().fontSize(14)));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, width / 2, height / 2);
    }
}
