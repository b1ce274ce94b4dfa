package workbench.core.sampling;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplingSettingsTest {

    @Test
    void formatAndParseRoundTrip() {
        SamplingSettings s = new SamplingSettings(SamplingSettings.Mode.GREEDY, 0.35, 12, 0.9, 1.3, 77, -5);
        assertEquals("mode=greedy temperature=0.35 top-k=12 top-p=0.9 repetition-penalty=1.3 max-new-tokens=77 seed=-5",
                s.format());
        assertEquals(s, SamplingSettings.parse(s.format()));
        assertEquals(SamplingSettings.DEFAULTS, SamplingSettings.parse(SamplingSettings.DEFAULTS.format()));
    }

    @Test
    void missingKeysTakeTheDefaults() {
        assertEquals(SamplingSettings.DEFAULTS.withTemperature(0.5), SamplingSettings.parse("  temperature=0.5 "));
        assertEquals(SamplingSettings.DEFAULTS, SamplingSettings.parse(""));
    }

    @Test
    void badValuesAreNamed() {
        assertEquals("temperature must be between 0 and 5.0, not 7.0",
                assertThrows(IllegalArgumentException.class, () -> SamplingSettings.parse("temperature=7")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SamplingSettings.parse("colour=red"))
                .getMessage().startsWith("unknown sampling setting 'colour'"));
        assertThrows(IllegalArgumentException.class, () -> SamplingSettings.parse("top-k=lots"));
        assertThrows(IllegalArgumentException.class, () -> SamplingSettings.parse("top-k=99999999999"));
        assertThrows(IllegalArgumentException.class, () -> SamplingSettings.parse("mode=beam"));
        assertThrows(IllegalArgumentException.class, () -> SamplingSettings.parse("seed"));
        assertThrows(IllegalArgumentException.class, () -> SamplingSettings.DEFAULTS.withTopP(1.01));
        assertThrows(IllegalArgumentException.class, () -> SamplingSettings.DEFAULTS.withTopP(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SamplingSettings.DEFAULTS.withTemperature(-0.01));
        assertThrows(IllegalArgumentException.class, () -> SamplingSettings.DEFAULTS.withRepetitionPenalty(0.9));
        assertThrows(IllegalArgumentException.class, () -> SamplingSettings.DEFAULTS.withTopK(-1));
        assertThrows(IllegalArgumentException.class, () -> SamplingSettings.DEFAULTS.withMaxNewTokens(0));
    }
}
