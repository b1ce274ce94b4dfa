package workbench.core.model;

/**
 * How a checkpoint's weights were produced, shown in the app and kept in the checkpoint.
 *
 * @param corpus              what it was trained on
 * @param steps               optimizer steps taken
 * @param batchSize           sequences per step
 * @param seed                seed of the batch sampling
 * @param finalTrainLoss      last training-batch loss (nats per token)
 * @param finalValidationLoss validation loss at the end (nats per token)
 * @param seconds             wall time of the run
 * @param command             the command line that produced it
 * @param created             ISO-8601 time of saving
 */
public record TrainingSummary(String corpus, int steps, int batchSize, long seed, double finalTrainLoss,
                              double finalValidationLoss, double seconds, String command, String created) {
}
