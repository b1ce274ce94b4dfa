package workbench.lesson;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Images come from assets/ and lessons/ only: no reference may reach outside them. */
class ResourcePathsTest {

    @Test
    void resolvesInsideTheTwoFolders() {
        assertEquals("/lessons/img/heads.png", ResourcePaths.resolve("img/heads.png"));
        assertEquals("/lessons/img/heads.png", ResourcePaths.resolve("./img/../img/heads.png"));
        assertEquals("/assets/icons/a.png", ResourcePaths.resolve("assets/icons/a.png"));
        assertEquals("/assets/icons/a.png", ResourcePaths.resolve("../assets/icons/a.png"));
        assertEquals("/lessons/a.JPG", ResourcePaths.resolve("lessons/a.JPG"));
    }

    @Test
    void refusesEveryWayOut() {
        for (String escape : List.of("../pom.xml.png", "../../etc/passwd.png", "assets/../../x.png", "lessons/../src/a.png",
                "/etc/a.png", "file:///etc/a.png", "http://example.com/a.png", "jar:file:/x.jar!/a.png",
                "C:/Windows/a.png", "img\\..\\..\\a.png", "%2e%2e/%2e%2e/a.png", "img/a.png?x", "a\u0000.png",
                "assets", "assets/corpus/kjv.txt", "", "   ")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ResourcePaths.resolve(escape), escape);
            assertTrue(refused.getMessage().contains("refused") || refused.getMessage().contains("no path"), refused.getMessage());
        }
    }
}
