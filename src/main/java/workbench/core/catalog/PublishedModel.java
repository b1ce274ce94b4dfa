package workbench.core.catalog;

/**
 * A real, published transformer configuration, as its authors released it.
 *
 * @param name       e.g. "Llama-2-7B"
 * @param parameters total parameter count
 * @param layers     transformer blocks
 * @param dModel     residual width
 * @param heads      query heads
 * @param kvHeads    key/value heads (= heads for MHA, fewer for GQA, 1 for MQA)
 * @param headDim    size of one head
 * @param ffnWidth   feed-forward hidden width
 * @param vocab      vocabulary size
 * @param context    trained context length in tokens
 * @param source     where the figures come from
 */
public record PublishedModel(String name, long parameters, int layers, int dModel, int heads, int kvHeads,
                             int headDim, int ffnWidth, int vocab, int context, String source) {
}
