package workbench.lesson;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a lesson may load images from: only the {@code assets/} and {@code lessons/} folders on
 * the class path. A reference is resolved like a relative path inside {@code lessons/}; anything
 * that would leave those two folders (an absolute path, {@code ..} past the top, a URL, a drive
 * letter, a backslash or a percent-escape) is refused.
 */
public final class ResourcePaths {

    /** The folders images may come from. */
    public static final List<String> ROOTS = List.of("assets", "lessons");
    public static final List<String> IMAGE_TYPES = List.of("png", "jpg", "jpeg", "gif");

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private ResourcePaths() {
    }

    /**
     * The class-path resource name of an image reference written in a lesson, for example
     * {@code "img/heads.png"} → {@code "/lessons/img/heads.png"} and
     * {@code "assets/icons/a.png"} → {@code "/assets/icons/a.png"}.
     *
     * @throws IllegalArgumentException saying why the reference is refused
     */
    public static String resolve(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("the image has no path");
        }
        String ref = reference.strip();
        if (SCHEME.matcher(ref).find()) {
            throw refused(ref, "it names a URL or a drive; only files in assets/ or lessons/ are allowed");
        }
        if (ref.startsWith("/")) {
            throw refused(ref, "it is an absolute path; write it relative to lessons/, or start it with assets/");
        }
        for (char c : ref.toCharArray()) {
            if (c == '\\' || c == '%' || c == '?' || c == '#' || Character.isISOControl(c)) {
                throw refused(ref, "it contains '" + (Character.isISOControl(c) ? "a control character" : c) + "'");
            }
        }
        boolean rooted = ROOTS.stream().anyMatch(root -> ref.equals(root) || ref.startsWith(root + "/"));
        Deque<String> parts = new ArrayDeque<>();
        if (!rooted) {
            parts.add("lessons");
        }
        for (String segment : ref.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    throw refused(ref, "it leaves the assets/ and lessons/ folders");
                }
                parts.removeLast();
            } else {
                parts.addLast(segment);
            }
        }
        if (parts.size() < 2 || !ROOTS.contains(parts.peekFirst())) {
            throw refused(ref, "it leaves the assets/ and lessons/ folders");
        }
        String name = parts.peekLast();
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!IMAGE_TYPES.contains(type)) {
            throw refused(ref, "it is not an image (" + String.join(", ", IMAGE_TYPES) + ")");
        }
        return "/" + String.join("/", parts);
    }

    private static IllegalArgumentException refused(String ref, String why) {
        return new IllegalArgumentException("the image '" + ref + "' is refused: " + why);
    }
}
