package workbench.app;

import workbench.ui.attention.AttentionPage;
import workbench.ui.common.LabPage;
import workbench.ui.common.NotBuiltPage;
import workbench.ui.embeddings.EmbeddingsPage;
import workbench.ui.flash.FlashPage;
import workbench.ui.gqa.GqaPage;
import workbench.ui.memory.MemoryView;
import workbench.ui.positions.PositionsPage;
import workbench.ui.recurrent.RecurrentPage;
import workbench.ui.sampling.SamplingPage;
import workbench.ui.tokenization.TokenizationPage;

import java.util.List;
import java.util.Optional;

/** The one place where the labs are listed, in navigation order. */
public final class LabRegistry {

    private LabRegistry() {
    }

    public static List<LabDescriptor> labs() {
        return List.of(
                new LabDescriptor("tokenization", "Tokenization", TokenizationPage::new),
                new LabDescriptor("embeddings", "Embeddings", EmbeddingsPage::new),
                new LabDescriptor("positions", "Positions", PositionsPage::new),
                new LabDescriptor("attention", "Attention", AttentionPage::new),
                new LabDescriptor("flash", "FlashAttention", FlashPage::new),
                new LabDescriptor("gqa", "GQA", GqaPage::new),
                new LabDescriptor("recurrent", "Recurrent", RecurrentPage::new),
                new LabDescriptor("sampling", "Sampling", SamplingPage::forSession),
                new LabDescriptor("memory", "Memory", MemoryView::new),
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
