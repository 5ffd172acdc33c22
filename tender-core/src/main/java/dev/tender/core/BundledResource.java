package dev.tender.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a resource that sits beside a class, on the start-up path. From a jar it is read with {@link ZipFile},
 * kept open for the life of the JVM: the JDK shares one parsed view of a jar among its open ZipFiles, so the
 * class loader (and the logging start-up inside JNA, which scans the class path) finds the jar's directory
 * already read. {@code Class.getResourceAsStream} would go through a {@code jar:} URL connection, whose first
 * use costs milliseconds (URL handlers, a second view of the jar, method handles spun at run time). From a
 * classes directory (unit tests) it falls back to the class loader.
 */
public final class BundledResource {
    private static final Map<Path, ZipFile> OPEN = new HashMap<>();

    private BundledResource() {
    }

    /** Opens {@code anchor}'s jar now (on this thread) and keeps it open; nothing happens outside a jar. */
    public static void openJarOf(Class<?> anchor) throws IOException {
        Path jar = jarOf(anchor);
        if (jar != null) {
            zip(jar);
        }
    }

    private static synchronized ZipFile zip(Path jar) throws IOException {
        ZipFile z = OPEN.get(jar);
        if (z == null) {
            z = new ZipFile(jar.toFile());
            OPEN.put(jar, z);
        }
        return z;
    }

    /** The bytes of {@code name}, relative to {@code anchor}'s package; null when there is no such resource. */
    public static byte[] read(Class<?> anchor, String name) throws IOException {
        Path jar = jarOf(anchor);
        if (jar != null) {
            String pkg = anchor.getPackageName().replace('.', '/');
            ZipFile zip = zip(jar);
            ZipEntry entry = zip.getEntry(pkg.isEmpty() ? name : pkg + "/" + name);
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
        try (InputStream in = anchor.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static Path jarOf(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
