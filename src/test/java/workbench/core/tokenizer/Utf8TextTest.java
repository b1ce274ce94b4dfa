package workbench.core.tokenizer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class Utf8TextTest {

    @Test
    void showsCompleteCharactersAndHexForPartialBytes() {
        byte[] arrow = "→".getBytes(StandardCharsets.UTF_8); // E2 86 92
        assertEquals("→", Utf8Text.show(arrow));
        assertEquals("<E2><86>", Utf8Text.show(new byte[]{arrow[0], arrow[1]}));
        assertEquals(" <E2>", Utf8Text.show(new byte[]{' ', arrow[0]}));
        assertEquals("<92>a", Utf8Text.show(new byte[]{arrow[2], 'a'}));
        assertEquals("<C0><AF>", Utf8Text.show(new byte[]{(byte) 0xC0, (byte) 0xAF}), "overlong form is not a character");
        assertEquals("é", Utf8Text.show(new byte[]{(byte) 0xC3, (byte) 0xA9}));
    }

    @Test
    void sanitizeReplacesOnlyLoneSurrogates() {
        String ok = "a😀b";
        assertSame(ok, Utf8Text.sanitize(ok));
        assertEquals("a\uFFFDb", Utf8Text.sanitize("a\uD83Db"));
        assertEquals("\uFFFD😀\uFFFD", Utf8Text.sanitize("\uDE00😀\uD83D"));
    }

    @Test
    void mapsEachByteToItsCharacter() {
        // "a" (1 byte), "é" (2 bytes), "😀" (4 bytes, 2 chars)
        int[][] map = Utf8Text.byteToCharRanges("aé😀");
        assertArrayEquals(new int[]{0, 1, 1, 2, 2, 2, 2}, map[0]);
        assertArrayEquals(new int[]{1, 2, 2, 4, 4, 4, 4}, map[1]);
        int[][] ranges = Utf8Text.charRanges("aé😀", new int[]{2, 3, 2});
        assertArrayEquals(new int[]{0, 2}, ranges[0]);
        assertArrayEquals(new int[]{1, 4}, ranges[1]);
        assertArrayEquals(new int[]{2, 4}, ranges[2]);
    }
}
