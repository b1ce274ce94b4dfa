package workbench.core.memory;

import java.util.List;

/**
 * Everything the calculator shows for one request.
 *
 * @param request       what was asked
 * @param inference     weights + KV cache
 * @param training      itemised full training with Adam
 * @param ruleOfThumb   the 4 + 20 bytes-per-parameter rule, for comparison with {@code training}
 * @param inferenceFits one row per GPU for {@code inference.total()}
 * @param trainingFits  one row per GPU for {@code training.total()}
 */
public record MemoryReport(MemoryRequest request, MemoryEstimate inference, MemoryEstimate training,
                           MemoryEstimate ruleOfThumb, List<GpuFit> inferenceFits, List<GpuFit> trainingFits) {

    public MemoryReport {
        inferenceFits = List.copyOf(inferenceFits);
        trainingFits = List.copyOf(trainingFits);
    }
}
