package workbench.app;

import workbench.ui.common.LabPage;
import workbench.ui.common.NotBuiltPage;
import workbench.ui.flash.FlashPage;
import workbench.ui.gqa.GqaPage;

import java.util.List;
import java.util.Optional;

/** The one place where the labs are listed, in navigation order. */
public final class LabRegistry {

    private LabRegistry() {
    }

    public static List<LabDescriptor> labs() {
        return List.of(
                notBuilt("tokenization", "Tokenization",
                        "Text as token chips under several tokenizers, and byte-pair encoding merge by merge."),
                notBuilt("embeddings", "Embeddings",
                        "The trained model's embedding table in 2D and 3D, with nearest neighbours."),
                notBuilt("positions", "Positions",
                        "Sinusoidal, learned and rotary positional encodings."),
                notBuilt("attention", "Attention",
                        "Every head of every layer, and one attention computation step by step."),
                new LabDescriptor("flash", "FlashAttention", FlashPage::new),
                new LabDescriptor("gqa", "GQA", GqaPage::new),
                notBuilt("recurrent", "Recurrent",
                        "RNN, LSTM and GRU trained beside the transformer."),
                notBuilt("sampling", "Sampling",
                        "Temperature, top-k, top-p and beam search on the next-token distribution."),
                notBuilt("memory", "Memory",
                        "How many bytes a model needs, and what quantization costs."),
                notBuilt("lessons", "Lessons",
                        "Guided lessons that walk through each lab."));
    }

    public static Optional<LabDescriptor> find(String id) {
        return labs().stream().filter(lab -> lab.id().equals(id)).findFirst();
    }

    private static LabDescriptor notBuilt(String id, String name, String plan) {
        return new LabDescriptor(id, name, context -> notBuiltPage(id, name, plan));
    }

    private static LabPage notBuiltPage(String id, String name, String plan) {
        return new NotBuiltPage(id, name, plan);
    }
}
