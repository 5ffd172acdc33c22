package dev.tender.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
    @Test
    void knownDigests() {
        assertThat(Sha256.of(new byte[0])).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aFileReadInPiecesHasTheDigestOfItsBytes(@TempDir Path dir) throws IOException {
        byte[] data = new byte[(1 << 16) * 3 + 17];
        Arrays.fill(data, (byte) 'x');
        Path f = Files.write(dir.resolve("img"), data);
        assertThat(Sha256.ofFile(f)).isEqualTo(Sha256.of(data));
        assertThatThrownBy(() -> Sha256.ofFile(dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
    }
}
