package workbench.lesson.player;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Draws a ring around the nodes a lesson step points at, on the window's overlay. The ring
 * follows its node after every layout pulse (scrolling, resizing, theme changes), is clipped to
 * the scroll panes that show the node, and disappears when the node is hidden.
 */
public final class HighlightRing {

    public static final String RING_CLASS = "lesson-highlight-ring";
    /** Space between a node's edge and its ring, in pixels: small, so the ring hides little of the text around it. */
    private static final double GAP = 2;

    private final Pane overlay;
    private final List<Node> targets = new ArrayList<>();
    private final List<Rectangle> rings = new ArrayList<>();
    private final Runnable follow = this::follow;
    private Scene scene;
    private boolean scrollAgain;

    public HighlightRing(Pane overlay) {
        this.overlay = overlay;
    }

    /** Rings {@code nodes} (replacing any earlier ones) and scrolls each into view. */
    public void show(List<Node> nodes) {
        clear();
        for (Node n : nodes) {
            targets.add(n);
            Rectangle ring = new Rectangle();
            ring.getStyleClass().add(RING_CLASS);
            ring.setManaged(false);
            ring.setMouseTransparent(true);
            rings.add(ring);
            overlay.getChildren().add(ring);
            scrollIntoView(n);
        }
        // Views that re-flow on the next pulse (a wider window, a new theme) move the node; scroll once more then.
        scrollAgain = true;
        scene = overlay.getScene();
        if (scene != null && !targets.isEmpty()) {
            scene.addPostLayoutPulseListener(follow);
        }
        placeAll();
    }

    public void clear() {
        if (scene != null) {
            scene.removePostLayoutPulseListener(follow);
            scene = null;
        }
        overlay.getChildren().removeAll(rings);
        rings.clear();
        targets.clear();
    }

    /** The nodes ringed now. */
    public List<Node> targets() {
        return List.copyOf(targets);
    }

    /** The rings, for tests: each one visible only while its node is on screen. */
    public List<Rectangle> rings() {
        return List.copyOf(rings);
    }

    private void follow() {
        if (scrollAgain) {
            scrollAgain = false;
            targets.forEach(HighlightRing::scrollIntoView);
        }
        placeAll();
    }

    private void placeAll() {
        for (int i = 0; i < targets.size(); i++) {
            place(rings.get(i), targets.get(i));
        }
    }

    private void place(Rectangle ring, Node node) {
        Optional<Bounds> shown = visibleBounds(node);
        if (shown.isEmpty()) {
            ring.setVisible(false);
            return;
        }
        Bounds b = overlay.sceneToLocal(shown.get());
        ring.setX(b.getMinX() - GAP);
        ring.setY(b.getMinY() - GAP);
        ring.setWidth(b.getWidth() + 2 * GAP);
        ring.setHeight(b.getHeight() + 2 * GAP);
        ring.setVisible(true);
    }

    /** The part of {@code node} on screen, in scene coordinates: cut by every scroll pane above it. */
    static Optional<Bounds> visibleBounds(Node node) {
        if (node.getScene() == null) {
            return Optional.empty();
        }
        Bounds b = node.localToScene(node.getLayoutBounds());
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return Optional.empty();
            }
            if (n instanceof ScrollPane && n != node) {
                b = intersect(b, n.localToScene(n.getLayoutBounds()));
                if (b == null) {
                    return Optional.empty();
                }
            }
        }
        return b.getWidth() > 0 && b.getHeight() > 0 ? Optional.of(b) : Optional.empty();
    }

    private static Bounds intersect(Bounds a, Bounds b) {
        double minX = Math.max(a.getMinX(), b.getMinX());
        double minY = Math.max(a.getMinY(), b.getMinY());
        double maxX = Math.min(a.getMaxX(), b.getMaxX());
        double maxY = Math.min(a.getMaxY(), b.getMaxY());
        return maxX > minX && maxY > minY ? new BoundingBox(minX, minY, maxX - minX, maxY - minY) : null;
    }

    /**
     * Selects the tab that holds {@code node}, and scrolls every scroll pane above it so that
     * the node is in the middle of its viewport.
     */
    static void scrollIntoView(Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof TabPane tabs) {
                for (Tab tab : tabs.getTabs()) {
                    if (tab.getContent() != null && isAncestor(tab.getContent(), node)) {
                        tabs.getSelectionModel().select(tab);
                    }
                }
            }
            if (n instanceof ScrollPane pane && pane.getContent() != null) {
                Node content = pane.getContent();
                Bounds inContent = content.sceneToLocal(node.localToScene(node.getLayoutBounds()));
                double extra = content.getLayoutBounds().getHeight() - pane.getViewportBounds().getHeight();
                if (inContent != null && extra > 0) {
                    double top = inContent.getMinY() - Math.max(0, (pane.getViewportBounds().getHeight() - inContent.getHeight()) / 2);
                    double fraction = Math.max(0, Math.min(1, top / extra));
                    pane.setVvalue(pane.getVmin() + fraction * (pane.getVmax() - pane.getVmin()));
                }
            }
        }
    }

    private static boolean isAncestor(Node ancestor, Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    /**
     * Finds a node by id under {@code root}, looking into scroll panes, split panes and tabs
     * whether or not their skins exist yet.
     */
    public static Optional<Node> find(Node root, String id) {
        if (root == null) {
            return Optional.empty();
        }
        if (id.equals(root.getId())) {
            return Optional.of(root);
        }
        List<Node> children = new ArrayList<>();
        if (root instanceof ScrollPane pane && pane.getContent() != null) {
            children.add(pane.getContent());
        } else if (root instanceof SplitPane split) {
            children.addAll(split.getItems());
        } else if (root instanceof TabPane tabs) {
            for (Tab tab : tabs.getTabs()) {
                if (tab.getContent() != null) {
                    children.add(tab.getContent());
                }
            }
        }
        if (root instanceof Parent parent) {
            children.addAll(parent.getChildrenUnmodifiable());
        }
        for (Node child : children) {
            Optional<Node> found = find(child, id);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
