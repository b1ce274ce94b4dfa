package workbench.core.recurrent;

import workbench.core.train.SequenceScore;
import workbench.core.trace.GradientFlowTrace;

/**
 * What training did for one cell.
 *
 * @param cell             which cell
 * @param parameterCount   its number of parameters
 * @param finalTrainLoss   the smoothed training loss at the last step, nats
 * @param test             loss and accuracy on held-out examples at every distance
 * @param flowAtInit       gradient flow on the probe example before training
 * @param flowTrained      the same after training
 * @param millisPerStep    measured wall time of one training step (forward and backward), ms
 */
public record CellOutcome(CellKind cell, long parameterCount, double finalTrainLoss, SequenceScore test,
                          GradientFlowTrace flowAtInit, GradientFlowTrace flowTrained, double millisPerStep) {
}
