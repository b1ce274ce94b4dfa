package workbench.core.memory;

/**
 * The compute-optimal rule of thumb of Hoffmann et al. 2022 ("Training Compute-Optimal Large
 * Language Models", the Chinchilla paper): train on about 20 tokens per parameter. Training compute
 * is estimated as C ≈ 6·N·D floating-point operations (2 for the forward pass, 4 for the backward,
 * per parameter and token; Kaplan et al. 2020).
 *
 * @param parameters   model parameters N
 * @param tokens       training tokens D
 * @param trainingFlops 6·N·D
 */
public record ComputeOptimal(double parameters, double tokens, double trainingFlops) {

    public static final int TOKENS_PER_PARAMETER = 20;
    public static final int FLOPS_PER_PARAMETER_TOKEN = 6;

    /** The compute-optimal data for a model of {@code parameters}: D = 20 N. */
    public static ComputeOptimal forParameters(long parameters) {
        requirePositive(parameters, "parameter count");
        double d = (double) parameters * TOKENS_PER_PARAMETER;
        return new ComputeOptimal(parameters, d, FLOPS_PER_PARAMETER_TOKEN * (double) parameters * d);
    }

    /** The compute-optimal model for a data budget of {@code tokens}: N = D / 20. */
    public static ComputeOptimal forTokens(long tokens) {
        requirePositive(tokens, "token count");
        double n = (double) tokens / TOKENS_PER_PARAMETER;
        return new ComputeOptimal(n, tokens, FLOPS_PER_PARAMETER_TOKEN * n * tokens);
    }

    private static void requirePositive(long value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException("The " + what + " must be positive, not " + value + ".");
        }
    }
}
