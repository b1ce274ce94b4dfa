package workbench.core.memory;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GpuCatalogTest {

    @Test
    void loadsTheSevenGpusWithSources() {
        List<Gpu> gpus = GpuCatalog.all();
        assertEquals(List.of("NVIDIA T4", "NVIDIA A10G", "NVIDIA L4", "NVIDIA A100 40GB", "NVIDIA A100 80GB",
                "NVIDIA H100 80GB", "NVIDIA H200"), gpus.stream().map(Gpu::name).toList());
        assertEquals(List.of(16.0, 24.0, 24.0, 40.0, 80.0, 80.0, 141.0), gpus.stream().map(Gpu::memoryGb).toList());
        gpus.forEach(g -> assertFalse(g.source().isBlank(), g.name()));
        assertEquals(141L << 30, gpus.get(6).nominalBytes());
    }

    @Test
    void badLinesAreReportedWithTheirNumber() {
        IOException bad = assertThrows(IOException.class,
                () -> GpuCatalog.parse(new BufferedReader(new StringReader("# header\nX,abc,HBM,src\n"))));
        assertEquals(true, bad.getMessage().contains("line 2"));
        assertThrows(IOException.class, () -> GpuCatalog.parse(new BufferedReader(new StringReader("X,16\n"))));
    }
}
