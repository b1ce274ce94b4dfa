package workbench.core.recurrent;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import workbench.core.tensor.ParameterSet;
import workbench.core.trace.GateKind;
import workbench.core.trace.GateSeries;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One step of each cell against numbers worked out by hand. Weights are chosen so that the
 * pre-activations come out as 0 and +-ln 3, where sigmoid gives 1/2, 3/4 and 1/4, and
 * +-ln 3 / 2, where tanh gives +-1/2. Input x = (1, 0) and state h_0 = (0, 1) pick row 0 of Wx
 * and row 1 of Wh; the other rows hold large values that must not leak in.
 */
class CellStepTest {

    private static final double LN3 = Math.log(3);
    private static final double EPS = 1e-12;
    /** Traces hold float32 copies: 0.575 is stored as 0.57499999. */
    private static final double FLOAT_EPS = 1e-7;

    private record Setup(RecurrentCell cell, RecurrentCell.Run run, INDArray x) {
    }

    private static Setup setup(CellKind kind, double[][] wx, double[][] wh, double[] b, double[] h0, double[] x) {
        ParameterSet p = new ParameterSet(kind.specs("", 2, 2), DataType.DOUBLE);
        p.get("wx").assign(Nd4j.createFromArray(wx));
        p.get("wh").assign(Nd4j.createFromArray(wh));
        p.get("b").assign(Nd4j.createFromArray(b));
        if (kind == CellKind.GRU) {
            p.get("bhn").assign(Nd4j.createFromArray(0.5, 0.5));
        }
        RecurrentCell cell = kind.create(p, "", 2, 2);
        RecurrentCell.Run run = cell.newRun(1, 1);
        run.initialHidden().assign(Nd4j.createFromArray(new double[][]{h0}));
        return new Setup(cell, run, Nd4j.createFromArray(new double[][]{x}));
    }

    private static double[] hidden(Setup s) {
        return s.run().outputs().toDoubleVector();
    }

    private static double[] gate(Setup s, GateKind kind) {
        List<GateSeries> gates = s.cell().gates(s.run(), 0);
        GateSeries series = gates.stream().filter(g -> g.kind() == kind).findFirst().orElseThrow();
        return new double[]{series.values()[0][0], series.values()[1][0]};
    }

    @Test
    void rnnStep() {
        // x Wx = (1*0.5 + 2*0.25, 1*(-0.25) + 2*0.5) = (1, 0.75); h0 Wh = (0.5 - 0.5, -0.25) = (0, -0.25);
        // + b (-0.5, 0.5) gives (0.5, 1.0); h = tanh of that.
        Setup s = setup(CellKind.RNN,
                new double[][]{{0.5, -0.25}, {0.25, 0.5}},
                new double[][]{{1, 0}, {0.5, 0.25}},
                new double[]{-0.5, 0.5},
                new double[]{0.5, -1},
                new double[]{1, 2});
        s.cell().forward(s.run(), s.x());
        assertArrayEquals(new double[]{0.46211715726000974, 0.7615941559557649}, hidden(s), EPS);
    }

    @Test
    void lstmStep() {
        // Column blocks i | f | o | g. Pre-activation = Wx[0] + Wh[1] + b = (target - 0.3) + 0.2 + 0.1.
        double[] target = {LN3, 0, 0, -LN3, -LN3, LN3, LN3 / 2, -LN3 / 2};
        double[] wx0 = new double[8];
        for (int j = 0; j < 8; j++) {
            wx0[j] = target[j] - 0.3;
        }
        double[] junk = {7, -5, 9, -3, 4, 8, -6, 2};
        double[] point2 = {0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2};
        Setup s = setup(CellKind.LSTM, new double[][]{wx0, junk}, new double[][]{junk, point2},
                new double[]{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, new double[]{0, 1}, new double[]{1, 0});
        LstmCell.cellStates(s.run()).getRow(0).assign(Nd4j.createFromArray(0.4, -0.2));
        s.cell().forward(s.run(), s.x());
        assertArrayEquals(new double[]{0.75, 0.5}, gate(s, GateKind.INPUT), FLOAT_EPS);
        assertArrayEquals(new double[]{0.5, 0.25}, gate(s, GateKind.FORGET), FLOAT_EPS);
        assertArrayEquals(new double[]{0.25, 0.75}, gate(s, GateKind.OUTPUT), FLOAT_EPS);
        assertArrayEquals(new double[]{0.5, -0.5}, gate(s, GateKind.CANDIDATE), FLOAT_EPS);
        // c = f c0 + i g = (0.5*0.4 + 0.75*0.5, 0.25*(-0.2) + 0.5*(-0.5)) = (0.575, -0.3)
        assertArrayEquals(new double[]{0.575, -0.3}, gate(s, GateKind.CELL), FLOAT_EPS);
        // h = o tanh(c) = (0.25 tanh 0.575, 0.75 tanh(-0.3))
        assertArrayEquals(new double[]{0.12975545847455552, -0.21848445933869318}, hidden(s), EPS);
    }

    @Test
    void gruStepAppliesResetAfterTheProduct() {
        // Column blocks r | z | n. r, z pre-activations = Wx[0] + Wh[1] + b = (target - 0.3) + 0.2 + 0.1.
        // n: hn = h0 Wh_n + bh_n = 1.5 + 0.5 = 2 per unit; r hn = (1.5, 0.5);
        //    pre_n = Wx_n[0] + b_n + r hn = (ln3/2 - 1.6) + 0.1 + 1.5, (-ln3/2 - 0.6) + 0.1 + 0.5.
        double[] wx0 = {LN3 - 0.3, -LN3 - 0.3, -0.3, LN3 - 0.3, LN3 / 2 - 1.6, -LN3 / 2 - 0.6};
        double[] junk = {7, -5, 9, -3, 4, 8};
        double[] wh1 = {0.2, 0.2, 0.2, 0.2, 1.5, 1.5};
        Setup s = setup(CellKind.GRU, new double[][]{wx0, junk}, new double[][]{junk, wh1},
                new double[]{0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, new double[]{0, 1}, new double[]{1, 0});
        s.cell().forward(s.run(), s.x());
        assertArrayEquals(new double[]{0.75, 0.25}, gate(s, GateKind.RESET), FLOAT_EPS);
        assertArrayEquals(new double[]{0.5, 0.75}, gate(s, GateKind.UPDATE), FLOAT_EPS);
        assertArrayEquals(new double[]{0.5, -0.5}, gate(s, GateKind.CANDIDATE), FLOAT_EPS);
        // h = (1 - z) n + z h0 = (0.5*0.5 + 0.5*0, 0.25*(-0.5) + 0.75*1) = (0.25, 0.625).
        // Reset before the product (Cho et al.) would give (r h0) Wh_n = (0.375, 0.375) instead of (1.5, 0.5).
        assertArrayEquals(new double[]{0.25, 0.625}, hidden(s), EPS);
    }

    @Test
    void stepsChainThroughTheHiddenState() {
        // Two RNN steps with H = E = 1: h1 = tanh(0.5 * 1) ; h2 = tanh(0.5 * (-1) + 2 * h1).
        ParameterSet p = new ParameterSet(CellKind.RNN.specs("", 1, 1), DataType.DOUBLE);
        p.get("wx").assign(0.5);
        p.get("wh").assign(2.0);
        RecurrentCell cell = CellKind.RNN.create(p, "", 1, 1);
        RecurrentCell.Run run = cell.newRun(2, 1);
        cell.forward(run, Nd4j.createFromArray(new double[][]{{1}, {-1}}));
        double h1 = Math.tanh(0.5);
        assertArrayEquals(new double[]{h1, Math.tanh(-0.5 + 2 * h1)}, run.outputs().toDoubleVector(), EPS);
        assertEquals(0.0, run.initialHidden().getDouble(0), 0.0);
    }
}
