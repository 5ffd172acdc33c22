package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.Tender.Running;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No JVM warning reaches a tender's stderr on any JDK the launcher may pick (Debian's 17, the newest installed):
 * Java 24+ warns about JNA's native access and about sun.misc.Unsafe's memory access (guest memory) unless the
 * launcher says both are intended. Each run exercises the path that would warn: hvt writes guest memory with
 * Unsafe and attaches a block device, spt and elftool load JNA or not at all.
 */
class JvmWarningsTest {
    @TempDir
    Path tmp;

    static List<Jdk> jdks() {
        return Jdk.testedHere();
    }

    private static Result run(Jdk jdk, List<String> args) {
        return new Running(Tender.hostFor(args).start(Tender.command(args), jdk.environment())).await(180);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void hvtWithABlockDeviceWarnsNothing(Jdk jdk) throws Exception {
        Path disk = BlockTestBase.zeroFile(tmp.resolve("storage.img"), 4 << 20);
        Result r = run(jdk, List.of("hvt", "--mem=8", "--block:storage=" + disk, "--",
                Tender.image("test_blk.hvt").toString()));
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
        assertThat(r.stderr()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void sptAndElftoolWarnNothing(Jdk jdk) {
        String image = SptCoreTest.sptImage("test_hello.spt").toString();
        Result spt = run(jdk, List.of("spt", "--mem=2", image, "Hello_Solo5"));
        assertThat(spt.status()).as(spt.output()).isZero();
        assertThat(spt.stderr()).isEmpty();
        Result elftool = run(jdk, List.of("elftool", "query-manifest", image));
        assertThat(elftool.status()).as(elftool.output()).isZero();
        assertThat(elftool.stderr()).isEmpty();
    }
}
