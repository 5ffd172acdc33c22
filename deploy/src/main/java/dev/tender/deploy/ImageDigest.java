package dev.tender.deploy;

import dev.tender.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Path;

/** The SHA-256 of an image file, in lower-case hex: what ps shows and update names its copies by. */
public final class ImageDigest {
    private ImageDigest() {
    }

    public static String sha256(Path file) {
        try {
            return Sha256.ofFile(file);
        } catch (IOException e) {
            throw new DeployException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
