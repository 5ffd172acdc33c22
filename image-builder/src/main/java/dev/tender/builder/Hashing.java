package dev.tender.builder;

import dev.tender.core.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** SHA-256 of the builder's inputs (lower-case hex); a file that cannot be read is an unchecked failure here. */
public final class Hashing {
    private Hashing() {
    }

    public static String sha256(byte[] data) {
        return Sha256.of(data);
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(Path file) {
        try {
            return Sha256.ofFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
