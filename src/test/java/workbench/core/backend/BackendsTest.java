package workbench.core.backend;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendsTest {

    @Test
    void thisBuildHasNoCudaAndSaysSo() {
        // The default build carries only nd4j-native; the cuda profile adds the GPU backend.
        assertEquals(Optional.of("This build has no CUDA backend (build it with: mvn -Dcuda ...)."), Backends.cudaProblem());
    }

    @Test
    void askingForCudaOnTheCpuFallsBackWithANotice() {
        Properties env = new Properties();
        env.put("blas.vendor", "OPENBLAS");
        env.put("omp.threads", "2");
        BackendStatus status = Backends.describe(BackendChoice.CUDA, Optional.empty(), BackendChoice.CPU.providerClass(), env);
        assertEquals(BackendChoice.CPU, status.actual());
        assertTrue(status.notice().orElseThrow().contains("Running on the CPU"));
        assertEquals("ND4J CPU (asked for CUDA) · OPENBLAS · 2 threads", status.summary());
    }

    @Test
    void cpuAsAskedHasNoNotice() {
        Properties env = new Properties();
        env.put("blas.vendor", "OPENBLAS");
        env.put("omp.threads", "1");
        BackendStatus status = Backends.describe(BackendChoice.CPU, Optional.empty(), BackendChoice.CPU.providerClass(), env);
        assertTrue(status.notice().isEmpty());
        assertEquals("ND4J CPU · OPENBLAS · 1 thread", status.summary());
    }

    @Test
    void theRunningBackendIsReported() {
        BackendStatus status = Backends.start(BackendChoice.CPU);
        assertEquals(BackendChoice.CPU, status.actual());
        assertTrue(status.threads() >= 1);
    }

    @Test
    void unknownBackendNamesAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackendChoice.parse("tpu"));
        assertEquals("Unknown backend 'tpu': use cpu or cuda.", e.getMessage());
        assertEquals(BackendChoice.CUDA, BackendChoice.parse(" CUDA "));
    }
}
