package dev.tender.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Resources read straight from a jar are the class loader's bytes; a missing one is null. */
class BundledResourceTest {
    private static final String IN_JNA_JAR = "linux-x86-64/libjnidispatch.so";

    @Test
    void fromAJarTheBytesAreTheClassLoaders() throws IOException {
        assertThat(Native.class.getProtectionDomain().getCodeSource().getLocation().getPath()).endsWith(".jar");
        byte[] expected;
        try (InputStream in = Native.class.getResourceAsStream(IN_JNA_JAR)) {
            assertThat(in).isNotNull();
            expected = in.readAllBytes();
        }
        assertThat(BundledResource.read(Native.class, IN_JNA_JAR)).isEqualTo(expected).hasSizeGreaterThan(1000);
    }

    @Test
    void aMissingResourceIsNullFromAJarAndFromADirectory() throws IOException {
        assertThat(BundledResource.read(Native.class, "no-such-resource")).isNull();
        assertThat(BundledResource.read(BundledResourceTest.class, "no-such-resource")).isNull();
    }

    @Test
    void fromAClassesDirectoryTheClassLoaderIsAsked() throws IOException {
        byte[] own = BundledResource.read(BundledResourceTest.class, "BundledResourceTest.class");
        assertThat(own).startsWith((byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE);
    }
}
