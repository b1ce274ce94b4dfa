package workbench.core.recurrent;

import workbench.core.train.SequenceScore;
import workbench.core.trace.GradientFlowTrace;

import java.util.Optional;

/**
 * What training did for one model.
 *
 * @param architecture   which model
 * @param parameterCount its number of parameters
 * @param finalTrainLoss the smoothed training loss at the last step, nats
 * @param test           loss and accuracy on held-out examples (at every distance, for synthetic tasks)
 * @param gradientFlow   for a recurrent model, the gradient flow on the probe example before and after
 *                       training; empty for the transformer
 * @param millisPerStep  measured wall time of one training step (forward and backward), ms
 */
public record ModelOutcome(Architecture architecture, long parameterCount, double finalTrainLoss, SequenceScore test,
                           Optional<GradientFlows> gradientFlow, double millisPerStep) {

    /** The gradient flow of a recurrent model at initialization and after training. */
    public record GradientFlows(GradientFlowTrace atInit, GradientFlowTrace trained) {
    }
}
