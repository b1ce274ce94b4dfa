package workbench.core.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's resident memory as the operating system sees it, which includes ND4J's native
 * (off-heap) buffers that the JVM's own counters miss. Linux only: elsewhere every reading is
 * empty. The peak can be reset, so the growth of the peak over a piece of work measures the
 * most memory that work held at once (plus whatever else the process did meanwhile).
 */
public final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private ResidentMemory() {
    }

    /** Resident set size now, in bytes. */
    public static OptionalLong current() {
        return field(STATUS, "VmRSS:");
    }

    /** The highest resident set size since start or since the last {@link #resetPeak()}, in bytes. */
    public static OptionalLong peak() {
        return field(STATUS, "VmHWM:");
    }

    /** Sets the peak back to the current size; returns false where the system does not allow it. */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5"); // "5" resets the peak resident size (Linux 4.0+)
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException unavailable) {
            return false;
        }
    }

    /** Memory the system could still give out without swapping ("MemAvailable"), in bytes. */
    public static OptionalLong systemAvailable() {
        return field(MEMINFO, "MemAvailable:");
    }

    private static OptionalLong field(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    long value = Long.parseLong(parts[0]);
                    return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value);
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // Not Linux, or /proc is not readable: the reading is simply unknown.
        }
        return OptionalLong.empty();
    }
}
