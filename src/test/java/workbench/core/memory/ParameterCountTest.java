package workbench.core.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParameterCountTest {

    @Test
    void readsTheWaysPeopleWriteCounts() {
        assertEquals(124_000_000L, ParameterCount.parse("124M"));
        assertEquals(6_700_000_000L, ParameterCount.parse(" 6.7b "));
        assertEquals(7_000_000_000L, ParameterCount.parse("7e9"));
        assertEquals(70_000_000L, ParameterCount.parse("70,000,000"));
        assertEquals(1_500_000_000_000L, ParameterCount.parse("1.5T"));
        assertEquals(124_439_808L, ParameterCount.parse("124439808"));
        assertEquals(2_000L, ParameterCount.parse("2k"));
    }

    @Test
    void rejectsWithMessages() {
        for (String bad : new String[]{"", "  ", "abc", "-5", "0", "1e20", "12x", "0.1", "∞", "1.2.3M"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterCount.parse(bad), bad);
            assertEquals(false, e.getMessage().isBlank());
        }
    }

    @Test
    void formatsShortAndGrouped() {
        assertEquals("124M", ParameterCount.format(124_439_808L));
        assertEquals("6.74B", ParameterCount.format(6_738_415_616L));
        assertEquals("69.0B", ParameterCount.format(68_976_648_192L));
        assertEquals("999", ParameterCount.format(999));
        assertEquals("124,439,808", ParameterCount.grouped(124_439_808L));
        assertEquals("12.55 GiB", ByteSize.format(13_476_831_232L));
        assertEquals("36.0 MiB", ByteSize.format(37_748_736L));
        assertEquals("512 B", ByteSize.format(512));
    }
}
