package dev.tender.it;

import static dev.tender.it.SptCoreTest.sptImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.it.host.Hosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file, one check: the spt launcher loads the segments from the descriptor the Java side opened and validated,
 * never from the image's path again. The race (a file renamed over KERNEL between the two) is made deterministic
 * by running, through the {@code tender.spt.launcher} property, a script in the launcher's place that renames a
 * short junk file over KERNEL and then executes the real launcher with the same arguments (the plan's fd and the
 * image's fd are inherited through the shell). A launcher that opened KERNEL by path would now read the junk and
 * fail ("host file segment mismatched"); loading from the descriptor, the checked image runs.
 */
class SptImageDescriptorTest {
    private static final Path LAUNCHER = Tender.ROOT.resolve("spt/target/classes/dev/tender/spt/x86_64/tender-spt-launch");

    @TempDir
    Path tmp;

    @Test
    void theLauncherLoadsTheValidatedFileEvenIfThePathNowNamesAnother() throws Exception {
        assertThat(LAUNCHER).exists();
        Path image = Files.copy(sptImage("test_hello.spt"), tmp.resolve("kernel.spt"));
        Path junk = Files.writeString(tmp.resolve("junk"), "not the image\n");
        Path script = tmp.resolve("swap-then-launch");
        Files.writeString(script, "#!/bin/sh\n/bin/mv -f '" + junk + "' '" + image + "' || exit 99\n"
                + "exec '" + LAUNCHER + "' \"$1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result r = new Tender.Running(Hosts.local().start(Tender.command(List.of("spt", "--mem=2", image.toString(),
                "Hello_Solo5")), Map.of("TENDER_JAVA_OPTS", "-Dtender.spt.launcher=" + script))).await(60);

        assertThat(Files.readString(image)).as("the path names the junk now").isEqualTo("not the image\n");
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("Command line is: 'Hello_Solo5'", "SUCCESS");
    }
}
