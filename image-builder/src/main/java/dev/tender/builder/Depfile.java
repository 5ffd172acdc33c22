package dev.tender.builder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The dependency file gcc writes with {@code -MD -MF}: which files a compilation read. */
final class Depfile {
    private Depfile() {
    }

    /**
     * The files named in {@code depfile}, each once, in the order they first appear: resolved against
     * {@code base}, normalised, and made real paths where they exist.
     */
    static List<Path> read(Path depfile, Path base) throws BuildException {
        String text;
        try {
            text = Files.readString(depfile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BuildException(depfile + ": " + e.getMessage(), e);
        }
        List<Path> files = new ArrayList<>();
        for (String rule : text.replace("\\\n", " ").split("\n")) {
            int colon = rule.indexOf(": ");
            if (colon < 0 || rule.isBlank()) {
                continue;
            }
            for (String word : rule.substring(colon + 1).trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                Path p = resolve(base, word);
                if (!files.contains(p)) {
                    files.add(p);
                }
            }
        }
        return files;
    }

    private static Path resolve(Path base, String name) {
        Path p = base.resolve(name).normalize();
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p; // not there (any more): the normalised name stands
        }
    }
}
