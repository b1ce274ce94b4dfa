package workbench.ui.common;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import workbench.core.io.AtomicFiles;

/** Saves what a lab shows: its view as a PNG (sharp at 2x, for slides) and its numbers as CSV. */
public final class Exports {

    /** Scale of exported images: twice the screen resolution, so slides stay sharp. */
    public static final double PNG_SCALE = 2.0;

    private Exports() {
    }

    /** Renders {@code node} at {@code scale}; must run on the JavaFX thread. */
    public static WritableImage snapshot(Node node, double scale, Color background) {
        List<CanvasPane> canvases = new ArrayList<>();
        collectCanvases(node, canvases);
        canvases.forEach(c -> c.setRenderScale(scale));
        try {
            SnapshotParameters parameters = new SnapshotParameters();
            parameters.setTransform(Transform.scale(scale, scale));
            parameters.setFill(background);
            return node.snapshot(parameters, null);
        } finally {
            canvases.forEach(c -> c.setRenderScale(1));
        }
    }

    /** Saves {@code node} as a PNG at {@link #PNG_SCALE}; must run on the JavaFX thread. */
    public static void savePng(Node node, Path file, Color background) throws IOException {
        WritableImage image = snapshot(node, PNG_SCALE, background);
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(buffered, "png", out)) {
                throw new IOException("No PNG writer is available.");
            }
        });
    }

    public static void saveCsv(CsvTable table, Path file) throws IOException {
        if (table.isEmpty()) {
            throw new IOException("This view has no numbers to export.");
        }
        table.write(file);
    }

    private static void collectCanvases(Node node, List<CanvasPane> into) {
        if (node instanceof CanvasPane canvas) {
            into.add(canvas);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collectCanvases(child, into);
            }
        }
    }
}
