package workbench.ui.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTableTest {

    @TempDir
    Path dir;

    @Test
    void quotesOnlyWhatNeedsQuoting() {
        assertEquals("plain", CsvTable.quote("plain"));
        assertEquals("\"a,b\"", CsvTable.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvTable.quote("say \"hi\""));
        assertEquals("\" \"", CsvTable.quote(" "), "a space token keeps its space");
        assertEquals("\"\n\"", CsvTable.quote("\n"));
    }

    @Test
    void matrixHasLabelledRowsAndColumns() throws IOException {
        CsvTable table = CsvTable.matrix("query\\key", List.of("a", "b"), List.of("a", "b"),
                new float[][]{{1f, 0f}, {0.25f, 0.75f}});
        Path file = dir.resolve("m.csv");
        table.write(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(List.of("query\\key,a,b", "a,1.0,0.0", "b,0.25,0.75"), lines);
        assertTrue(CsvTable.EMPTY.isEmpty());
    }
}
