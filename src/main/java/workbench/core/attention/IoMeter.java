package workbench.core.attention;

import workbench.core.trace.IoCounts;

/**
 * The running tally an attention implementation keeps while it works: it calls {@link #read}
 * and {@link #write} where it moves floats to or from slow memory, {@link #allocate} and
 * {@link #release} around its buffers, and {@link #flops} where it computes.
 */
final class IoMeter {

    private long readFloats;
    private long writeFloats;
    private long liveFloats;
    private long peakFloats;
    private long flops;

    void read(long floats) {
        readFloats += floats;
    }

    void write(long floats) {
        writeFloats += floats;
    }

    void allocate(long floats) {
        liveFloats += floats;
        peakFloats = Math.max(peakFloats, liveFloats);
    }

    void release(long floats) {
        liveFloats -= floats;
    }

    void flops(long count) {
        flops += count;
    }

    IoCounts counts() {
        return new IoCounts(readFloats * Float.BYTES, writeFloats * Float.BYTES, peakFloats * Float.BYTES, flops);
    }
}
