package workbench.core.model;

import java.util.List;

/** The checkpoints that ship with the app, under {@code /assets/models}. */
public final class ModelCatalog {

    /** A bundled checkpoint: a name for menus, what it is, and its class-path resource. */
    public record Entry(String name, String description, String resource) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ModelCatalog() {
    }

    /** The bundled checkpoints that are present on the class path. */
    public static List<Entry> bundled() {
        return ALL.stream().filter(e -> ModelCatalog.class.getResource(e.resource()) != null).toList();
    }

    private static final List<Entry> ALL = List.of(
                new Entry("kjv-char", "Character-level, learned positions (the default)", Checkpoints.BUNDLED),
                new Entry("kjv-char-rope", "Character-level, rotary positions (RoPE)", "/assets/models/kjv-char-rope.ckpt"));

    /** The checkpoint the app opens with. */
    public static Entry defaultEntry() {
        return ALL.get(0);
    }
}
