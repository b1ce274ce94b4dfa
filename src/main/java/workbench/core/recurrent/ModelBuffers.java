package workbench.core.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import workbench.core.train.SequenceBatch;

/** Everything a {@link RecurrentModel} pass over one (T, B) shape needs, allocated once outside any workspace. */
final class ModelBuffers {
    final int steps;
    final int batch;
    final RecurrentCell.Run run;
    final INDArray oneHot;            // (T*B, V) input tokens, time-major
    final INDArray x;                 // (T*B, E)
    final INDArray dx;                // (T*B, E)
    final INDArray logits;            // (T*B, V)
    final INDArray logp;              // (T*B, V)
    final INDArray dLogits;           // (T*B, V)
    final INDArray weightedTargets;   // (T*B, V) one-hot targets times 1/N on scored rows
    final INDArray rowWeights;        // (T*B, 1) 1/N on scored rows, 0 elsewhere

    private final int vocabSize;

    ModelBuffers(RecurrentCell cell, DataType type, int vocabSize, int embedSize, int steps, int batch) {
        this.steps = steps;
        this.batch = batch;
        this.vocabSize = vocabSize;
        long rows = (long) steps * batch;
        int v = vocabSize;
        run = cell.newRun(steps, batch);
        oneHot = Workspaces.detached(type, rows, v);
        x = Workspaces.detached(type, rows, embedSize);
        dx = Workspaces.detached(type, rows, embedSize);
        logits = Workspaces.detached(type, rows, v);
        logp = Workspaces.detached(type, rows, v);
        dLogits = Workspaces.detached(type, rows, v);
        weightedTargets = Workspaces.detached(type, rows, v);
        rowWeights = Workspaces.detached(type, rows, 1);
    }

    void loadTokens(int[] tokens) {
        int[][] none = {new int[tokens.length]};
        load(new SequenceBatch(new int[][]{tokens}, none, new boolean[][]{new boolean[tokens.length]}, none));
    }

    /** Writes the one-hot inputs, weighted targets and row weights; returns the scored count. */
    int load(SequenceBatch batchData) {
        int v = vocabSize;
        int rows = steps * batch;
        int scored = batchData.scoredCount();
        double w = scored == 0 ? 0 : 1.0 / scored;
        double[] hot = new double[rows * v];
        double[] targets = new double[rows * v];
        double[] weights = new double[rows];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int row = t * batch + b;
                hot[row * v + checkToken(batchData.inputs()[b][t])] = 1;
                if (batchData.scored()[b][t]) {
                    targets[row * v + checkToken(batchData.targets()[b][t])] = w;
                    weights[row] = w;
                }
            }
        }
        put(oneHot, hot);
        put(weightedTargets, targets);
        put(rowWeights, weights);
        return scored;
    }

    private int checkToken(int id) {
        if (id < 0 || id >= vocabSize) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of "
                    + vocabSize);
        }
        return id;
    }

    private void put(INDArray target, double[] values) {
        if (target.dataType() == DataType.DOUBLE) {
            target.data().setData(values);
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            target.data().setData(f);
        }
    }
}
