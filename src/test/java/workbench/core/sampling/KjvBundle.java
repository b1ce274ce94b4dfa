package workbench.core.sampling;

import workbench.core.model.CheckpointException;
import workbench.core.model.Checkpoints;
import workbench.core.model.ModelBundle;

/**
 * The bundled kjv-char checkpoint (character-level King James Bible, 4 layers, context 64), read
 * once per test JVM: the sampling tests that run the trained model share it.
 */
public final class KjvBundle {

    private static ModelBundle bundle;

    private KjvBundle() {
    }

    public static synchronized ModelBundle get() {
        if (bundle == null) {
            try {
                bundle = Checkpoints.bundled();
            } catch (CheckpointException e) {
                throw new IllegalStateException("the bundled model does not load: " + e.getMessage(), e);
            }
        }
        return bundle;
    }
}
