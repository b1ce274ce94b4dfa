package workbench.ui.attention;

import workbench.concurrent.Progress;
import workbench.core.attention.HeadStatistics;
import workbench.core.attention.InterventionEffect;
import workbench.core.attention.QueryWalk;
import workbench.core.model.ForwardOptions;
import workbench.core.model.MaskKind;
import workbench.core.model.ModelBundle;
import workbench.core.trace.ForwardTrace;
import workbench.core.trace.LayerTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the attention lab shows for one prompt, computed together off the JavaFX thread by the
 * engine: the forward trace with the learner's mask and interventions, the trace without the
 * interventions (for the before/after chart), optionally the trace under the other mask (for the
 * causal-vs-bidirectional view), per-head statistics and each layer's output projection.
 * No JavaFX here, so that the benchmark can run it too.
 *
 * @param bundle            the model and tokenizer
 * @param ids               (T) the prompt's token ids as the model reads them
 * @param dropped           tokens cut from the left to fit the context
 * @param options           the interventions and the mask of {@code trace}
 * @param trace             the forward pass the views draw
 * @param baseline          the same pass without switched-off heads or hidden tokens ({@code trace} itself when
 *                          there are none)
 * @param otherMask         the pass with the other mask (causal / bidirectional), when it was asked for
 * @param statistics        per-head summaries of {@code trace}, layer by layer
 * @param outputProjections per layer, W_O (nh * hs, d)
 * @param effect            how the interventions changed the next-token prediction
 */
public record AttentionAnalysis(ModelBundle bundle, int[] ids, int dropped, ForwardOptions options, ForwardTrace trace,
                                ForwardTrace baseline, Optional<ForwardTrace> otherMask,
                                List<HeadStatistics> statistics, List<float[][]> outputProjections,
                                InterventionEffect effect) {

    public AttentionAnalysis {
        outputProjections = List.copyOf(outputProjections);
    }

    /** How many of the most likely next tokens the before/after chart shows. */
    public static final int TOP_TOKENS = 8;

    /**
     * Runs the engine. Cheap checks first: it stops between passes when {@code progress} is cancelled.
     *
     * @param options     must carry a mask ({@link ForwardOptions#withMask})
     * @param projections the model's W_O per layer from an earlier analysis of the same model, or null
     */
    public static AttentionAnalysis compute(ModelBundle bundle, ModelBundle.Prompt prompt, ForwardOptions options,
                                            boolean withOtherMask, List<float[][]> projections, Progress progress) {
        if (options.maskOverride().isEmpty()) {
            throw new IllegalArgumentException("the options must name the mask");
        }
        MaskKind mask = options.maskOverride().get();
        int[] ids = prompt.ids();
        ForwardTrace trace = bundle.trace(ids, options);
        progress.checkCancelled();
        boolean intervened = !options.disabledHeads().isEmpty() || !options.maskedKeys().isEmpty();
        ForwardTrace baseline = intervened ? bundle.trace(ids, ForwardOptions.NONE.withMask(mask)) : trace;
        progress.checkCancelled();
        Optional<ForwardTrace> other = withOtherMask ? Optional.of(bundle.trace(ids, options.withMask(other(mask))))
                : Optional.empty();
        progress.checkCancelled();
        if (projections == null) {
            projections = new ArrayList<>();
            for (int l = 0; l < bundle.model().config().layers(); l++) {
                projections.add(QueryWalk.outputProjection(bundle.model(), l));
            }
        }
        InterventionEffect effect = InterventionEffect.compare(baseline, trace, TOP_TOKENS,
                bundle.tokenizer()::tokenText);
        return new AttentionAnalysis(bundle, ids.clone(), prompt.droppedFromLeft(), options, trace, baseline, other,
                HeadStatistics.forTrace(trace), projections, effect);
    }

    static MaskKind other(MaskKind mask) {
        return mask == MaskKind.CAUSAL ? MaskKind.BIDIRECTIONAL : MaskKind.CAUSAL;
    }

    public MaskKind mask() {
        return options.maskOverride().orElseThrow();
    }

    /** The pass under {@code kind}, if computed. */
    public Optional<ForwardTrace> traceFor(MaskKind kind) {
        return kind == mask() ? Optional.of(trace) : otherMask;
    }

    public int length() {
        return ids.length;
    }

    public int layers() {
        return trace.layers().size();
    }

    public int heads() {
        return trace.layers().get(0).heads();
    }

    public LayerTrace layer(int index) {
        return trace.layers().get(index);
    }

    /** The token labels with whitespace made visible. */
    public List<String> labels() {
        return TokenLabels.visible(trace.tokens());
    }

    public boolean isSwitchedOff(int layer, int head) {
        return options.disabledHeads().contains(new ForwardOptions.HeadRef(layer, head));
    }

    public HeadStatistics statistics(int layer, int head) {
        return statistics.get(layer * heads() + head);
    }

    /** One query's attention in one head, step by step. */
    public QueryWalk walk(int layer, int head, int query) {
        return QueryWalk.of(layer(layer), head, query, outputProjections.get(layer), isSwitchedOff(layer, head));
    }
}
