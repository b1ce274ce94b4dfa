package workbench.cli;

import picocli.CommandLine.Option;
import workbench.core.model.CheckpointException;
import workbench.core.model.Checkpoints;
import workbench.core.model.ModelBundle;

import java.nio.file.Path;

/** The {@code --model FILE} option shared by the commands that use a trained model. */
final class ModelOption {

    @Option(names = "--model", paramLabel = "FILE", description = "Checkpoint to use (default: the bundled model).")
    Path file;

    ModelBundle load() throws CheckpointException {
        return file == null ? Checkpoints.bundled() : Checkpoints.load(file);
    }

    /** Encodes a prompt for the model, refusing an empty one and saying when it was cut. */
    static ModelBundle.Prompt encode(ModelBundle bundle, String prompt) {
        if (prompt == null || prompt.isEmpty()) {
            throw new IllegalArgumentException("the prompt is empty: give some text with --prompt");
        }
        ModelBundle.Prompt encoded = bundle.encode(prompt);
        if (encoded.droppedFromLeft() > 0) {
            System.err.printf("note: the prompt has %d tokens; the model reads %d, so the first %d were dropped%n",
                    encoded.ids().length + encoded.droppedFromLeft(), encoded.ids().length, encoded.droppedFromLeft());
        }
        return encoded;
    }
}
