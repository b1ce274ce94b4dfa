package workbench.core.memory;

/**
 * What the calculator is asked: a model, the precision of its weights, and the sequence length and
 * batch size used for the KV cache (inference) and the activations (training).
 *
 * @param model     the model
 * @param precision weight precision
 * @param context   tokens per sequence (T)
 * @param batch     sequences at once (B)
 */
public record MemoryRequest(ModelSpec model, Precision precision, int context, int batch) {

    public static final int MAX_CONTEXT = 1 << 20;
    public static final int MAX_BATCH = 1 << 16;

    public MemoryRequest {
        if (model == null || precision == null) {
            throw new IllegalArgumentException("Choose a model and a precision.");
        }
        if (context < 1 || context > MAX_CONTEXT) {
            throw new IllegalArgumentException("The context must be between 1 and " + MAX_CONTEXT
                    + " tokens, not " + context + ".");
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException("The batch must be between 1 and " + MAX_BATCH
                    + " sequences, not " + batch + ".");
        }
    }
}
